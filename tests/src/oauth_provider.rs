//! The test-owned OpenID Connect provider (`scripts/oauth-provider.sh`,
//! npm oidc-provider) as the end-to-end tests see it: its address and
//! clients from the environment the script exports, a plain HTTP client
//! for the back channel, and a user agent that logs in, consents and
//! approves device codes on the provider's development pages with form
//! posts, keeping the provider's cookies in jeton's own `CookieJar`.
//!
//! Nothing here judges OAuth: the tests do that with jeton. This is the
//! browser and the network.

use jeton::cookie::{CookieJar, RequestUrl};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the script exports: `JETON_OAUTH_PROVIDER` and its companions.
#[derive(Debug, Clone)]
pub struct Provider {
    /// The issuer, `http://127.0.0.1:PORT` (also the base of every endpoint).
    pub issuer: String,
    /// The confidential client (`client_secret_basic`).
    pub client_id: String,
    /// Its secret.
    pub client_secret: String,
    /// The public client (`none`), which may also use the device flow.
    pub public_client_id: String,
    /// The redirect URI both clients have registered.
    pub redirect_uri: String,
    /// A resource indicator the provider issues RFC 9068 access tokens for.
    pub resource: String,
}

impl Provider {
    /// The provider the script started, or `None` when `JETON_OAUTH_PROVIDER`
    /// is not set (the caller then prints a notice and skips).
    ///
    /// # Panics
    ///
    /// When the URL is set but a companion variable is missing: the script
    /// always sets them all, so that is a broken environment, not a skip.
    pub fn from_env() -> Option<Provider> {
        let issuer = std::env::var("JETON_OAUTH_PROVIDER").ok()?;
        let var = |name: &str| {
            std::env::var(name)
                .unwrap_or_else(|_| panic!("JETON_OAUTH_PROVIDER is set but {name} is not"))
        };
        Some(Provider {
            issuer,
            client_id: var("JETON_OAUTH_PROVIDER_CLIENT_ID"),
            client_secret: var("JETON_OAUTH_PROVIDER_CLIENT_SECRET"),
            public_client_id: var("JETON_OAUTH_PROVIDER_PUBLIC_CLIENT_ID"),
            redirect_uri: var("JETON_OAUTH_PROVIDER_REDIRECT_URI"),
            resource: var("JETON_OAUTH_PROVIDER_RESOURCE"),
        })
    }

    /// The provider, or `None` after printing why the test is skipped.
    pub fn or_skip(test: &str) -> Option<Provider> {
        let found = Provider::from_env();
        if found.is_none() {
            println!(
                "SKIPPED {test}: JETON_OAUTH_PROVIDER is not set \
                 (run it through scripts/oauth-provider.sh run ... or scripts/oauth-tests.sh)"
            );
        }
        found
    }

    /// `path` on the provider (`/token`, ...).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }
}

/// The system clock, Unix seconds.
pub fn now() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("a clock after 1970");
    i64::try_from(since.as_secs()).expect("a clock before 2^63")
}

/// An answer, read whole.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Every header, names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The URL that was requested.
    pub url: String,
}

impl Response {
    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Whether it is a redirect.
    pub fn is_redirect(&self) -> bool {
        (300..400).contains(&self.status)
    }
}

/// A blocking HTTP client that follows no redirect, treats no status as
/// an error and gives up after 10 seconds.
#[derive(Debug, Clone)]
pub struct Http {
    agent: ureq::Agent,
}

impl Default for Http {
    fn default() -> Self {
        Http::new()
    }
}

impl Http {
    /// The client.
    pub fn new() -> Http {
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .new_agent();
        Http { agent }
    }

    /// `GET url` with these headers.
    ///
    /// # Panics
    ///
    /// When there is no answer at all.
    pub fn get(&self, url: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = self.agent.get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(url, request.call())
    }

    /// `POST url` with a form body (already encoded, by jeton) and these
    /// headers.
    ///
    /// # Panics
    ///
    /// When there is no answer at all.
    pub fn post_form(&self, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        let mut request = self
            .agent
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(url, request.send(body))
    }
}

fn read(url: &str, result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Response {
    let mut response = result.unwrap_or_else(|e| panic!("no answer from {url}: {e}"));
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(1 << 20)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("reading the answer from {url}: {e}"));
    Response {
        status: response.status().as_u16(),
        headers,
        body,
        url: url.to_owned(),
    }
}

/// Where a walk through the provider's pages ended.
#[derive(Debug, Clone)]
pub enum Landing {
    /// A redirect out of the provider (the client's redirect URI, with
    /// the authorization response).
    Redirect(String),
    /// A page of the provider that asks nothing more (the device flow's
    /// "done" page).
    Page(Response),
}

/// A browser: cookies kept in jeton's `CookieJar`, redirects within the
/// provider followed, and its development login and consent forms
/// submitted as the user `login`.
#[derive(Debug)]
pub struct UserAgent {
    http: Http,
    jar: CookieJar<32, 16384>,
    issuer: String,
    login: String,
}

impl UserAgent {
    /// A browser with no cookies, which logs in as `login`.
    pub fn new(provider: &Provider, login: &str) -> UserAgent {
        UserAgent {
            http: Http::new(),
            jar: CookieJar::new(),
            issuer: provider.issuer.clone(),
            login: login.to_owned(),
        }
    }

    fn cookie_header(&mut self, url: &str) -> String {
        let target = RequestUrl::parse(url).expect("a URL the jar can read");
        let mut out = vec![0u8; 16384];
        let n = self
            .jar
            .cookie_header(&target, now(), &mut out)
            .expect("the cookies fit");
        String::from_utf8(out[..n].to_vec()).expect("ASCII cookies")
    }

    fn keep_cookies(&mut self, response: &Response) {
        let from = RequestUrl::parse(&response.url).expect("a URL the jar can read");
        for (_, line) in response.headers.iter().filter(|(n, _)| n == "set-cookie") {
            self.jar
                .store(line.as_str(), &from, now())
                .unwrap_or_else(|e| panic!("the jar refused {line:?}: {e:?}"));
        }
    }

    /// `GET url` with the cookies that go there.
    pub fn get(&mut self, url: &str) -> Response {
        let cookies = self.cookie_header(url);
        let response = self.http.get(url, &[("cookie", cookies.as_str())]);
        self.keep_cookies(&response);
        response
    }

    /// `POST url` of a form, with the cookies that go there.
    pub fn post(&mut self, url: &str, form: &[(&str, &str)]) -> Response {
        let cookies = self.cookie_header(url);
        let body = form
            .iter()
            .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let response = self
            .http
            .post_form(url, &[("cookie", cookies.as_str())], body.as_bytes());
        self.keep_cookies(&response);
        response
    }

    fn absolute(&self, location: &str) -> String {
        if location.starts_with('/') {
            format!("{}{location}", self.issuer)
        } else {
            location.to_owned()
        }
    }

    /// Goes to `url` and on: follows the provider's redirects, signs in and
    /// consents on its pages, until a redirect leaves the provider or a
    /// page asks nothing more.
    ///
    /// # Panics
    ///
    /// On an error status, or after 20 steps.
    pub fn walk(&mut self, url: &str) -> Landing {
        let first = self.get(url);
        self.continue_from(first)
    }

    /// [`UserAgent::walk`] from an answer already received.
    ///
    /// # Panics
    ///
    /// As `walk`.
    pub fn continue_from(&mut self, mut response: Response) -> Landing {
        for _ in 0..20 {
            if response.is_redirect() {
                let location = response
                    .header("location")
                    .unwrap_or_else(|| panic!("a redirect without Location from {}", response.url));
                let next = self.absolute(location);
                if !next.starts_with(&format!("{}/", self.issuer)) {
                    return Landing::Redirect(next);
                }
                response = self.get(&next);
                continue;
            }
            assert_eq!(
                response.status,
                200,
                "{}: {}",
                response.url,
                response.text()
            );
            let page = response.text();
            let Some(prompt) = hidden_input(&page, "prompt") else {
                return Landing::Page(response);
            };
            let action = self.absolute(&form_action(&page));
            let login = self.login.clone();
            response = match prompt.as_str() {
                "login" => self.post(
                    &action,
                    &[("prompt", "login"), ("login", &login), ("password", "any")],
                ),
                "consent" => self.post(&action, &[("prompt", "consent")]),
                other => panic!("an interaction jeton's tests do not know: {other}"),
            };
        }
        panic!("more than 20 steps through the provider's pages");
    }

    /// Approves the device flow's `user_code` as a user would: the code
    /// page, the confirmation, sign-in and consent.
    ///
    /// # Panics
    ///
    /// When a page is not what the provider shows, or the approval fails.
    pub fn approve_device(&mut self, user_code: &str) -> Response {
        self.device_answer(user_code, "confirm")
    }

    /// Declines the device flow's `user_code` on the confirmation page.
    ///
    /// # Panics
    ///
    /// As [`UserAgent::approve_device`].
    pub fn deny_device(&mut self, user_code: &str) -> Response {
        self.device_answer(user_code, "abort")
    }

    fn device_answer(&mut self, user_code: &str, answer: &str) -> Response {
        let device = format!("{}/device", self.issuer);
        let page = self.get(&device);
        assert_eq!(page.status, 200, "{}", page.text());
        let xsrf = hidden_input(&page.text(), "xsrf").expect("the code form's xsrf");
        let confirm = self.post(&device, &[("xsrf", &xsrf), ("user_code", user_code)]);
        assert_eq!(confirm.status, 200, "{}", confirm.text());
        let xsrf = hidden_input(&confirm.text(), "xsrf").expect("the confirmation's xsrf");
        let answered = self.post(
            &device,
            &[("xsrf", &xsrf), ("user_code", user_code), (answer, "yes")],
        );
        match self.continue_from(answered) {
            Landing::Page(done) => done,
            Landing::Redirect(to) => panic!("the device flow left the provider for {to}"),
        }
    }
}

/// The value of `<input type="hidden" name="NAME" value="...">` in a page
/// of the provider (its own markup: attributes in this order).
pub fn hidden_input(page: &str, name: &str) -> Option<String> {
    let at = page.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &page[at + name.len() + 15..];
    rest.find('"').map(|end| rest[..end].to_owned())
}

fn form_action(page: &str) -> String {
    let at = page.find("action=\"").expect("a form with an action");
    let rest = &page[at + 8..];
    rest[..rest.find('"').expect("a closed attribute")].replace("&amp;", "&")
}

fn encode(text: &str) -> String {
    let mut out = vec![0u8; jeton::oauth::form::encoded_len(text.as_bytes())];
    let n = jeton::oauth::form::encode(text.as_bytes(), &mut out).expect("sized");
    String::from_utf8(out[..n].to_vec()).expect("ASCII")
}

/// The query of `url` (after `?`, before `#`), empty when none.
pub fn query_of(url: &str) -> &str {
    let without_fragment = url.split('#').next().unwrap_or("");
    without_fragment.split_once('?').map_or("", |(_, q)| q)
}
