// Drives the jeton login demo in headless Chromium (Debian's
// /usr/bin/chromium through playwright-core): logs in through the form,
// sees the protected page, checks that document.cookie cannot read the
// HttpOnly session cookie, logs out, and sees the protected page refuse.
// A page on another port of the demo's host (same site, another origin)
// tries to log the browser in and out with forms and an image, and is
// refused. It keeps a screenshot of the logged-in page.
//
// First it finds out whether this Chromium stores Secure and __Host-
// cookies set over plain http://localhost and http://127.0.0.1, and sends
// them back: the demo's __Host- session cookie relies on it.
//
//   DEMO_URL=http://localhost:8080 ARTIFACTS=target/demo-artifacts node login.mjs
//
// scripts/demo-tests.sh starts the demo and runs this. It prints
// "browser: N passed, 0 failed" and exits 0, or exits 1 at the first
// failed check.

import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const DEMO = (process.env.DEMO_URL || 'http://localhost:8080').replace(/\/$/, '');
const ARTIFACTS = path.resolve(process.env.ARTIFACTS || 'target/demo-artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const USER = 'demo';
const PASSWORD = process.env.JETON_DEMO_PASSWORD || 'correct horse';
const COOKIE = '__Host-session';

// The whole run is bounded: a hung browser or server fails the test.
const deadline = setTimeout(() => {
  console.error('browser: timed out after 90 s');
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

/// Serves four cookie variants at /set and echoes the Cookie header at
/// /echo, on 127.0.0.1: what does Chromium store and send back?
async function probeCookies(browser) {
  const variants = {
    plain: 'probe_plain=1; Path=/; HttpOnly; SameSite=Lax',
    secure: 'probe_secure=1; Path=/; Secure; HttpOnly; SameSite=Lax',
    host: '__Host-probe=1; Path=/; Secure; HttpOnly; SameSite=Lax',
    hostWithoutSecure: '__Host-nosecure=1; Path=/; HttpOnly; SameSite=Lax',
  };
  const server = http.createServer((req, res) => {
    if (req.url === '/set') {
      res.setHeader('Set-Cookie', Object.values(variants));
    }
    res.setHeader('Content-Type', 'text/plain');
    res.end(req.headers.cookie || '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const findings = {};
  try {
    for (const host of ['localhost', '127.0.0.1']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://${host}:${port}/set`);
      const secureContext = await page.evaluate(() => window.isSecureContext);
      await page.goto(`http://${host}:${port}/echo`);
      const sent = (await page.textContent('body')).split('; ').filter(Boolean);
      const stored = (await context.cookies()).map((c) => c.name);
      findings[host] = { secureContext };
      for (const [variant, header] of Object.entries(variants)) {
        const name = header.split('=')[0];
        findings[host][variant] = {
          stored: stored.includes(name),
          sentBack: sent.some((pair) => pair.startsWith(`${name}=`)),
        };
      }
      await context.close();
    }
  } finally {
    server.close();
  }
  return findings;
}

/// A page on another port of the demo's host: `/form?action=...&a=b`
/// answers a form that posts its fields to the demo at once, `/img?src=`
/// an image of a demo URL.
async function startAttacker() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const esc = (v) => v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
    res.setHeader('Content-Type', 'text/html');
    if (url.pathname === '/form') {
      const fields = [...url.searchParams]
        .filter(([k]) => k !== 'action')
        .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
        .join('');
      res.end(`<form id="f" method="post" action="${esc(url.searchParams.get('action'))}">${fields}</form>` +
        '<script>document.getElementById("f").submit()</script>');
    } else {
      res.end(`<img src="${esc(url.searchParams.get('src') || '')}">`);
    }
  });
  const host = new URL(DEMO).hostname;
  await new Promise((resolve) => server.listen(0, host === 'localhost' ? '127.0.0.1' : host, resolve));
  return { server, base: `http://${host}:${server.address().port}` };
}

/// Opens `url` (an attacker's page) in `context` and waits for the
/// demo's answer to what the page sent to `path`.
async function forged(context, url, path) {
  const page = await context.newPage();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(DEMO) && new URL(r.url()).pathname === path),
    page.goto(url),
  ]);
  await page.close();
  return response;
}

async function run() {
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
    console.log(`browser: Chromium ${browser.version()}, demo at ${DEMO}`);

    console.log('Cookie probe (plain http to loopback):');
    const findings = await probeCookies(browser);
    await writeFile(
      path.join(ARTIFACTS, 'cookie-probe.json'),
      JSON.stringify({ chromium: browser.version(), findings }, null, 2),
    );
    for (const [host, f] of Object.entries(findings)) {
      console.log(
        `  http://${host}: secure context ${f.secureContext}; ` +
          Object.entries(f)
            .filter(([k]) => k !== 'secureContext')
            .map(([k, v]) => `${k} ${v.stored ? 'stored' : 'refused'}${v.sentBack ? '+sent' : ''}`)
            .join(', '),
      );
      check(`http://${host} is a secure context`, f.secureContext === true);
      check(`Secure cookie stored and sent back on http://${host}`, f.secure.stored && f.secure.sentBack);
      check(`__Host- cookie stored and sent back on http://${host}`, f.host.stored && f.host.sentBack);
      check(`__Host- cookie without Secure refused on http://${host}`, !f.hostWithoutSecure.stored);
    }

    console.log('Login demo:');
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();

    let response = await page.goto(`${DEMO}/account`);
    check('the account page refuses a visitor without credentials (401)', response.status() === 401);
    check(
      'the refusal says why',
      (await page.textContent('#reason')).includes('carried no credentials'),
    );

    await page.goto(`${DEMO}/`);
    await page.fill('input[name=username]', USER);
    await page.fill('input[name=password]', PASSWORD);
    [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/account'),
      page.click('button[type=submit]'),
    ]);
    await page.waitForLoadState('load');
    check('the form login lands on the account page (200)', response.status() === 200);
    check(
      'the page names the session cookie as what admitted it',
      (await page.textContent('#mechanism')).includes('Admitted by the session cookie'),
    );

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === COOKIE);
    check(
      `Chromium stored the ${COOKIE} cookie from ${DEMO}`,
      session !== undefined,
      JSON.stringify(cookies),
    );
    check(
      'the cookie is HttpOnly, Secure, SameSite=Lax, Path=/, host-only',
      session.httpOnly && session.secure && session.sameSite === 'Lax' && session.path === '/' &&
        !session.domain.startsWith('.'),
      JSON.stringify(session),
    );
    const visible = await page.evaluate(() => document.cookie);
    check(
      'document.cookie cannot read the HttpOnly session cookie',
      !visible.includes(COOKIE) && !visible.includes(session.value),
      `document.cookie = ${JSON.stringify(visible)}`,
    );

    const token = (await page.textContent('#token')).trim();
    check('the page shows a JWT', token.split('.').length === 3, token);
    await page.screenshot({ path: path.join(ARTIFACTS, 'logged-in.png'), fullPage: true });

    const api = await context.request.get(`${DEMO}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const me = await api.json();
    check('the token admits /api/me as a Bearer JWT', api.status() === 200 && me.mechanism === 'bearer_jwt');

    // Another port of the same host: the same site, so SameSite=Lax lets
    // the cookie ride along; the demo refuses by Sec-Fetch-Site and Origin.
    const attacker = await startAttacker();
    try {
      let forgedResponse = await forged(
        context,
        `${attacker.base}/form?action=${encodeURIComponent(`${DEMO}/logout`)}`,
        '/logout',
      );
      check(
        `a form posted from ${attacker.base} cannot log the user out (403)`,
        forgedResponse.status() === 403,
      );
      const still = await context.request.get(`${DEMO}/api/me`);
      check('the session survives the forged logout', still.status() === 200 && (await still.json()).mechanism === 'session_cookie');

      const visitor = await browser.newContext();
      forgedResponse = await forged(
        visitor,
        `${attacker.base}/form?action=${encodeURIComponent(`${DEMO}/login`)}&username=${USER}&password=${encodeURIComponent(PASSWORD)}`,
        '/login',
      );
      check(`a login form posted from ${attacker.base} is refused (403)`, forgedResponse.status() === 403);
      check(
        'and leaves no session in the browser',
        !(await visitor.cookies()).some((c) => c.name === COOKIE),
      );
      await visitor.close();

      // A browser that holds Basic credentials, made to load the Basic
      // login as an image.
      const holder = await browser.newContext({ httpCredentials: { username: USER, password: PASSWORD } });
      const holderPage = await holder.newPage();
      await holderPage.goto(`${attacker.base}/img?src=${encodeURIComponent(`${DEMO}/login/basic`)}`);
      await holderPage.waitForLoadState('networkidle');
      check(
        'an image of /login/basic on another port opens no session with the browser\'s credentials',
        !(await holder.cookies()).some((c) => c.name === COOKIE),
      );
      await holder.close();
    } finally {
      attacker.server.close();
    }

    [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/logout'),
      page.click('#logout'),
    ]);
    await page.waitForLoadState('load');
    check('logout answers 200', response.status() === 200);
    await page.screenshot({ path: path.join(ARTIFACTS, 'logged-out.png'), fullPage: true });
    check('the logout page names the revoked token', (await page.textContent('#revoked-jti')) === me.token.jti);
    check(
      'the browser deleted the session cookie',
      !(await context.cookies()).some((c) => c.name === COOKIE),
    );

    response = await page.goto(`${DEMO}/account`);
    check('after logout the account page refuses (401)', response.status() === 401);
    check(
      'and says no credentials came',
      (await page.textContent('#reason')).includes('carried no credentials'),
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'logged-out-refused.png'), fullPage: true });

    // A copy of the cookie kept from before logout is worthless: the
    // session is gone from the server, not just from the browser.
    await context.addCookies([{ ...session }]);
    response = await page.goto(`${DEMO}/account`);
    check('a replayed pre-logout cookie is refused (401)', response.status() === 401);
    check(
      'because the server holds no such session',
      (await page.textContent('#reason')).includes('names no session'),
    );
    const revoked = await context.request.get(`${DEMO}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    check(
      'the revoked token is refused with invalid_token',
      revoked.status() === 401 &&
        (revoked.headers()['www-authenticate'] || '').includes('error="invalid_token"'),
    );
    await context.close();

    // HTTP Basic: the browser answers the challenge.
    const basic = await browser.newContext({ httpCredentials: { username: USER, password: PASSWORD } });
    const basicPage = await basic.newPage();
    response = await basicPage.goto(`${DEMO}/login/basic`);
    check('HTTP Basic login lands on the account page', response.status() === 200 && basicPage.url().endsWith('/account'));
    check(
      'which says the session was opened with Basic credentials',
      (await basicPage.textContent('body')).includes('opened with HTTP Basic credentials'),
    );
    await basic.close();
  } finally {
    await browser.close();
  }
}

try {
  await run();
  clearTimeout(deadline);
  console.log(`browser: ${passed} passed, 0 failed`);
  console.log(`artifacts: ${ARTIFACTS}`);
  process.exit(0);
} catch (e) {
  console.error(e.stack || String(e));
  console.log(`browser: ${passed} passed, 1 failed`);
  process.exit(1);
}
