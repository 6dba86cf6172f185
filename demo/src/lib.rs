//! The jeton login demo: a small HTTP/1.1 server on the standard library
//! that logs a user in with a form or HTTP Basic, keeps a server-side
//! session behind an `HttpOnly` cookie, issues a JSON Web Token for API
//! calls, admits protected requests by either, and logs out by revoking
//! the session and the token's `jti` at once.
//!
//! Every cookie, credential, session ID and token goes through `jeton`;
//! this crate adds only the plumbing a server needs around it: sockets,
//! HTTP framing, HTML.
//!
//! | Module     | Concern                                                     |
//! |------------|-------------------------------------------------------------|
//! | [`server`] | accept loop, a thread per connection, time and count limits |
//! | [`http`]   | reading a bounded HTTP/1.1 request, writing a response      |
//! | [`routes`] | which handler answers what; cross-site checks; the handlers |
//! | [`admit`]  | session cookie or Bearer JWT: admitted, or refused and why  |
//! | [`login`]  | opening a session (rotation, per-user cap), its token, logout |
//! | [`provider`] | "Sign in with the local provider": OpenID Connect code flow |
//! | [`resource`] | `/api/oauth/me`: the provider's access tokens, Bearer or DPoP |
//! | [`client`] | the HTTP client of the back channel to the provider         |
//! | [`form`]   | `application/x-www-form-urlencoded` bodies                  |
//! | [`pages`]  | HTML pages and JSON documents                               |
//! | [`app`]    | settings, clock, keys, sessions, revoked tokens, the limiter |
//!
//! ```no_run
//! use std::net::TcpListener;
//! use std::sync::Arc;
//! use jeton_demo::{App, Clock, Config};
//!
//! let app = App::new(Config::default(), Clock::System)?;
//! let listener = TcpListener::bind("127.0.0.1:8080").expect("port 8080 is free");
//! jeton_demo::serve(listener, Arc::new(app));
//! # Ok::<(), jeton::Error>(())
//! ```

pub mod admit;
pub mod app;
pub mod client;
pub mod form;
pub mod http;
pub mod login;
pub mod pages;
pub mod provider;
pub mod resource;
pub mod routes;
pub mod server;

pub use app::{App, Clock, Config, CookiePolicy};
pub use server::serve;
