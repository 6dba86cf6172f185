//! Cookies: the `Cookie` request header, `Set-Cookie` formatting and
//! parsing, cookie dates, and a fixed-capacity client jar.
//!
//! - Servers read [`CookieHeader`] and answer with [`SetCookie`].
//! - Clients and firmware read [`ParsedSetCookie`], keep cookies in a
//!   [`CookieJar`] and send its [`CookieJar::cookie_header`].
//! - [`CookieHeaderWriter`] writes a `Cookie` header from pairs.

mod attribute;
mod date;
mod header;
mod jar;
mod matching;
mod parse;
mod rules;
mod set_cookie;
mod url;
mod writer;

pub use attribute::{Priority, SameSite};
pub use date::{
    HTTP_DATE_LEN, MAX_COOKIE_TIME, MIN_COOKIE_TIME, format_http_date, parse_cookie_date,
};
pub use header::{CookieHeader, CookieLimits, CookiePair, CookieViolation, Pairs};
pub use jar::{CookieJar, JarCookie, MAX_COOKIE_LIFETIME, StoreOutcome};
pub use matching::{domain_matches, path_matches, single_label_is_public_suffix};
pub use parse::ParsedSetCookie;
pub use rules::{MAX_ATTRIBUTE_LEN, MAX_NAME_VALUE_LEN};
pub use set_cookie::{AttributeStyle, SetCookie};
pub use url::RequestUrl;
pub use writer::CookieHeaderWriter;
