// Drives "Sign in with the local provider" in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core): clicks the demo's button,
// signs in and consents on the provider's own pages (npm oidc-provider's
// development login and consent forms), lands on the demo's account page
// with a session, and checks the cookies on the way: the __Host- binding
// cookie while the provider has the browser, the session cookie after,
// the binding gone. Opening the callback URL again signs nothing in; a
// sign-in cancelled at the provider is refused with OauthAccessDenied.
//
//   DEMO_URL=http://localhost:8080 PROVIDER_URL=http://127.0.0.1:PORT \
//     ARTIFACTS=target/demo-artifacts node oauth-login.mjs
//
// scripts/demo-tests.sh starts the provider and the demo (configured
// with it) and runs this. It prints "browser (OAuth): N passed, 0 failed"
// and exits 0, or exits 1 at the first failed check.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const DEMO = (process.env.DEMO_URL || 'http://localhost:8080').replace(/\/$/, '');
const PROVIDER = (process.env.PROVIDER_URL || process.env.JETON_OAUTH_PROVIDER || '').replace(/\/$/, '');
const ARTIFACTS = path.resolve(process.env.ARTIFACTS || 'target/demo-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const USER = 'alice';
const SESSION = '__Host-session';
const BINDING = '__Host-jeton-oauth';

const deadline = setTimeout(() => {
  console.error('browser (OAuth): timed out after 90 s');
  process.exit(1);
}, 90_000);

let passed = 0;
function check(what, ok, detail = '') {
  if (!ok) {
    throw new Error(`check failed: ${what}${detail ? `\n  ${detail}` : ''}`);
  }
  passed += 1;
  console.log(`  ok  ${what}`);
}

/// The demo's cookies in `context`.
async function demoCookies(context) {
  return context.cookies(DEMO);
}

async function run() {
  if (!PROVIDER) {
    throw new Error('PROVIDER_URL (or JETON_OAUTH_PROVIDER) is not set');
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    console.log(`browser (OAuth): Chromium ${browser.version()}, demo at ${DEMO}, provider at ${PROVIDER}`);
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    let callbackUrl = '';
    page.on('request', (request) => {
      if (request.url().startsWith(`${DEMO}/oauth/callback?`)) {
        callbackUrl = request.url();
      }
    });

    await page.goto(`${DEMO}/`);
    check('the login page offers the provider', (await page.textContent('#provider-login')).includes('Sign in with the local provider'));
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(`${PROVIDER}/interaction/`)),
      page.click('#provider-login'),
    ]);
    check('the button leads to the provider\'s sign-in page', (await page.textContent('button[type=submit]')).includes('Sign-in'));
    const binding = (await demoCookies(context)).find((c) => c.name === BINDING);
    check(
      `meanwhile the demo's ${BINDING} cookie binds the sign-in to this browser`,
      binding !== undefined && binding.httpOnly && binding.secure && binding.sameSite === 'Lax' && binding.path === '/',
      JSON.stringify(binding),
    );
    check('it is short-lived (Max-Age 600)', binding.expires > Date.now() / 1000 && binding.expires <= Date.now() / 1000 + 601);

    await page.fill('input[name=login]', USER);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForSelector('button[type=submit]:has-text("Continue")');
    check('then the provider asks for consent', page.url().startsWith(`${PROVIDER}/interaction/`));
    const [account] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${DEMO}/account`),
      page.click('button[type=submit]'),
    ]);
    await page.waitForLoadState('load');
    check('consent sends the browser back, to the account page (200)', account.status() === 200);
    check('through the callback', callbackUrl.includes('code=') && callbackUrl.includes('state=') && callbackUrl.includes('iss='), callbackUrl);
    check(`the page is ${USER}'s`, (await page.textContent('h1')) === `Account of ${USER}`);
    check(
      'admitted by the session cookie, opened through the provider',
      (await page.textContent('#mechanism')).includes('Admitted by the session cookie') &&
        (await page.textContent('body')).includes('opened with the local OpenID Connect provider'),
    );
    const cookies = await demoCookies(context);
    const session = cookies.find((c) => c.name === SESSION);
    check(
      `the session cookie is the password login's: ${SESSION}, HttpOnly, Secure, SameSite=Lax`,
      session !== undefined && session.httpOnly && session.secure && session.sameSite === 'Lax',
      JSON.stringify(cookies),
    );
    check('the binding cookie is gone', !cookies.some((c) => c.name === BINDING), JSON.stringify(cookies));
    await page.screenshot({ path: path.join(ARTIFACTS, 'provider-signed-in.png'), fullPage: true });

    const me = await context.request.get(`${DEMO}/api/me`);
    const meJson = await me.json();
    check('/api/me admits the session', me.status() === 200 && meJson.user === USER && meJson.mechanism === 'session_cookie');

    // The callback URL again (history, a copied link): nothing is signed
    // in, and the page names the check.
    const again = await page.goto(callbackUrl);
    check('the callback opened again is refused (400)', again.status() === 400);
    check(
      'by the state binding, since the cookie went with the sign-in',
      (await page.textContent('#error')) === 'OauthStateNotBound',
    );

    await page.goto(`${DEMO}/account`);
    const [out] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/logout'),
      page.click('#logout'),
    ]);
    check('the provider\'s session logs out as any other (200)', out.status() === 200);
    check('and the session cookie is deleted', !(await demoCookies(context)).some((c) => c.name === SESSION));
    await context.close();

    // A sign-in the user cancels at the provider.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${DEMO}/`);
    await Promise.all([
      otherPage.waitForURL((url) => url.href.startsWith(`${PROVIDER}/interaction/`)),
      otherPage.click('#provider-login'),
    ]);
    const [cancelled] = await Promise.all([
      otherPage.waitForResponse((r) => r.url().startsWith(`${DEMO}/oauth/callback?`)),
      otherPage.click('text=[ Cancel ]'),
    ]);
    await otherPage.waitForLoadState('load');
    check('a sign-in cancelled at the provider comes back refused (403)', cancelled.status() === 403);
    check('as OauthAccessDenied', (await otherPage.textContent('#error')) === 'OauthAccessDenied');
    check('with no session', !(await demoCookies(other)).some((c) => c.name === SESSION));
    await otherPage.screenshot({ path: path.join(ARTIFACTS, 'provider-cancelled.png'), fullPage: true });
    await other.close();
  } finally {
    await browser.close();
  }
}

try {
  await run();
  clearTimeout(deadline);
  console.log(`browser (OAuth): ${passed} passed, 0 failed`);
  process.exit(0);
} catch (e) {
  console.error(e.stack || String(e));
  console.log(`browser (OAuth): ${passed} passed, 1 failed`);
  process.exit(1);
}
