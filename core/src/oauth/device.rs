//! The device authorization grant (RFC 8628), for devices without a
//! browser or a keyboard: the device asks for a code
//! ([`DeviceAuthorizationRequest`]), shows the user where to enter it
//! ([`DeviceAuthorization`]), and polls the token endpoint
//! ([`crate::oauth::token::TokenRequest::device_code`]) while the user
//! approves on another device. [`DevicePoller`] keeps the polling rules:
//! not before the interval has passed, 5 seconds more after each
//! `slow_down`, stop on `access_denied`, `expired_token` or when the
//! device code's own lifetime is over.
//!
//! ```
//! use jeton::oauth::device::{DeviceAuthorization, DevicePoller, Poll};
//!
//! // RFC 8628 section 3.2.
//! let body = br#"{
//!   "device_code": "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS",
//!   "user_code": "WDJB-MJHT",
//!   "verification_uri": "https://example.com/device",
//!   "verification_uri_complete": "https://example.com/device?user_code=WDJB-MJHT",
//!   "expires_in": 1800,
//!   "interval": 5
//! }"#;
//! let auth = DeviceAuthorization::parse(body)?;
//! assert_eq!(auth.user_code().as_plain(), Some("WDJB-MJHT"));
//!
//! let now = 1_700_000_000;
//! let mut poller = DevicePoller::new(&auth, now);
//! assert_eq!(poller.next_poll_at(), now + 5);
//! // RFC 8628 section 3.5: the user has not approved yet, then the
//! // device polls too often.
//! let pending = poller.on_response(br#"{"error":"authorization_pending"}"#, now + 5)?;
//! assert_eq!(pending, Poll::Pending { next_poll_at: now + 10 });
//! let slower = poller.on_response(br#"{"error":"slow_down"}"#, now + 10)?;
//! assert_eq!(slower, Poll::Pending { next_poll_at: now + 20 });
//! let done = poller.on_response(br#"{"access_token":"a","token_type":"Bearer"}"#, now + 20)?;
//! assert!(matches!(done, Poll::Token(_)));
//! # Ok::<(), jeton::Error>(())
//! ```

use super::form::FormWriter;
use super::params::{check_extra, check_scope};
use super::response::{
    ErrorCode, ErrorResponse, TokenResponse, object, optional_str, required_str, seconds,
};
use super::token::{ClientAuth, write_common};
use crate::Error;
use crate::json::JsonStr;

/// The polling interval when the server gives none (RFC 8628 section
/// 3.2): 5 seconds.
pub const DEFAULT_INTERVAL: u64 = 5;
/// What `slow_down` adds to the interval (RFC 8628 section 3.5): 5
/// seconds, for that poll and every later one.
pub const SLOW_DOWN_STEP: u64 = 5;
/// The longest interval the poller waits, after `slow_down`s and
/// back-offs.
pub const MAX_INTERVAL: u64 = 300;

/// A device authorization request (RFC 8628 section 3.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeviceAuthorizationRequest<'a> {
    scope: &'a [&'a str],
    extra: &'a [(&'a str, &'a str)],
}

impl<'a> DeviceAuthorizationRequest<'a> {
    /// A request with no scope.
    pub const fn new() -> Self {
        DeviceAuthorizationRequest {
            scope: &[],
            extra: &[],
        }
    }

    /// The scope asked for.
    pub fn scope(mut self, scope: &'a [&'a str]) -> Self {
        self.scope = scope;
        self
    }

    /// Further parameters, written in order after the scope.
    pub fn extra(mut self, extra: &'a [(&'a str, &'a str)]) -> Self {
        self.extra = extra;
        self
    }

    /// Writes the body: `scope`, the extra parameters, then `client_id`
    /// (always: the device authorization endpoint needs it to know the
    /// client even when it authenticates) and the authentication's
    /// other parameters.
    ///
    /// # Errors
    ///
    /// [`Error::OauthParameterInvalid`], [`Error::OauthDuplicateParameter`],
    /// [`Error::BufferTooSmall`].
    ///
    /// ```
    /// use jeton::oauth::{device::DeviceAuthorizationRequest, token::ClientAuth};
    /// let mut body = [0u8; 64];
    /// let n = DeviceAuthorizationRequest::new()
    ///     .scope(&["openid", "profile"])
    ///     .write_body(&ClientAuth::None { client_id: "1406020730" }, &mut body)?;
    /// assert_eq!(&body[..n], b"scope=openid+profile&client_id=1406020730");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn write_body(&self, auth: &ClientAuth<'_>, out: &mut [u8]) -> Result<usize, Error> {
        check_scope(self.scope)?;
        check_extra(self.extra, &["scope"])?;
        check_extra(self.extra, &ClientAuth::PARAMS)?;
        auth.check()?;
        let mut w = FormWriter::new(out);
        write_common(&mut w, self.scope, &[], self.extra);
        if matches!(auth, ClientAuth::SecretBasic { .. }) {
            w.pair(b"client_id", auth.client_id().as_bytes());
        }
        auth.write_params(&mut w, true);
        w.finish()
    }
}

/// A device authorization response (RFC 8628 section 3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceAuthorization<'a> {
    device_code: JsonStr<'a>,
    user_code: JsonStr<'a>,
    verification_uri: JsonStr<'a>,
    verification_uri_complete: Option<JsonStr<'a>>,
    expires_in: u64,
    interval: u64,
}

impl<'a> DeviceAuthorization<'a> {
    /// Reads the response: `device_code`, `user_code` and
    /// `verification_uri` non-empty strings, `expires_in` a non-negative
    /// number of seconds (or a string holding one), and when present
    /// `verification_uri_complete` a non-empty string and `interval` a
    /// positive number of seconds (a fraction rounds up; absent, it is
    /// [`DEFAULT_INTERVAL`]). Other members are ignored.
    ///
    /// # Errors
    ///
    /// The JSON errors; [`Error::OauthServerError`] (or
    /// [`Error::OauthAccessDenied`]) for an error response;
    /// [`Error::OauthResponseInvalid`].
    pub fn parse(body: &'a [u8]) -> Result<DeviceAuthorization<'a>, Error> {
        let object = object(body)?;
        if let Some(code) = object.get("error").and_then(|e| e.as_str())
            && !code.raw().is_empty()
        {
            return Err(ErrorCode::find(|name| code.eq_bytes(name)).error());
        }
        let device_code = required_str(object.get("device_code"))?;
        let user_code = required_str(object.get("user_code"))?;
        let verification_uri = required_str(object.get("verification_uri"))?;
        let expires_in = seconds(
            object
                .get("expires_in")
                .ok_or(Error::OauthResponseInvalid)?,
            false,
        )?;
        let verification_uri_complete = optional_str(object.get("verification_uri_complete"))?;
        let interval = match object.get("interval") {
            None => DEFAULT_INTERVAL,
            Some(v) if v.kind() == crate::json::Kind::Number => match seconds(v, true)? {
                0 => return Err(Error::OauthResponseInvalid),
                n => n,
            },
            Some(_) => return Err(Error::OauthResponseInvalid),
        };
        Ok(DeviceAuthorization {
            device_code,
            user_code,
            verification_uri,
            verification_uri_complete,
            expires_in,
            interval,
        })
    }

    /// The device code, for the token requests.
    pub fn device_code(&self) -> JsonStr<'a> {
        self.device_code
    }

    /// The code the user enters.
    pub fn user_code(&self) -> JsonStr<'a> {
        self.user_code
    }

    /// Where the user enters it.
    pub fn verification_uri(&self) -> JsonStr<'a> {
        self.verification_uri
    }

    /// The same with the code in it (for a QR code), when the server
    /// offers one.
    pub fn verification_uri_complete(&self) -> Option<JsonStr<'a>> {
        self.verification_uri_complete
    }

    /// Seconds the device code lives.
    pub fn expires_in(&self) -> u64 {
        self.expires_in
    }

    /// Seconds to wait between polls.
    pub fn interval(&self) -> u64 {
        self.interval
    }
}

/// What a poll of the token endpoint came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poll<'a> {
    /// The user approved: the tokens.
    Token(TokenResponse<'a>),
    /// Not yet: poll again at `next_poll_at` (Unix seconds).
    Pending {
        /// When to send the next token request.
        next_poll_at: i64,
    },
}

/// The polling rules of RFC 8628 section 3.5, as a small state machine
/// driven by the caller's clock: it says when to poll, reads each answer
/// and moves the next poll accordingly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DevicePoller {
    interval: u64,
    expires_at: i64,
    next_poll_at: i64,
}

impl DevicePoller {
    /// Starts polling for `authorization`, received at `now`: the first
    /// poll is one interval later, and none is made once the device code
    /// has expired.
    pub fn new(authorization: &DeviceAuthorization<'_>, now: i64) -> DevicePoller {
        let interval = authorization.interval.min(MAX_INTERVAL);
        DevicePoller {
            interval,
            expires_at: after(now, authorization.expires_in),
            next_poll_at: after(now, interval),
        }
    }

    /// Seconds between polls, now.
    pub fn interval(&self) -> u64 {
        self.interval
    }

    /// When the device code expires, Unix seconds.
    pub fn expires_at(&self) -> i64 {
        self.expires_at
    }

    /// When to send the next token request, Unix seconds.
    pub fn next_poll_at(&self) -> i64 {
        self.next_poll_at
    }

    /// Seconds to wait before the next poll at `now` (0: poll now).
    ///
    /// # Errors
    ///
    /// [`Error::OauthDeviceCodeExpired`] once the device code has expired
    /// (or will have before the next poll is due).
    pub fn wait(&self, now: i64) -> Result<u64, Error> {
        if now >= self.expires_at || self.next_poll_at >= self.expires_at {
            return Err(Error::OauthDeviceCodeExpired);
        }
        Ok(u64::try_from(self.next_poll_at.saturating_sub(now)).unwrap_or(0))
    }

    /// Reads the token endpoint's answer to a poll, received at `now`.
    ///
    /// - a token response: [`Poll::Token`];
    /// - `authorization_pending`: [`Poll::Pending`], one interval on;
    /// - `slow_down`: the interval grows by [`SLOW_DOWN_STEP`] for good,
    ///   then [`Poll::Pending`];
    /// - when the next poll would come at or after the device code's
    ///   expiry: [`Error::OauthDeviceCodeExpired`].
    ///
    /// # Errors
    ///
    /// [`Error::OauthAccessDenied`] (`access_denied`: the user declined),
    /// [`Error::OauthDeviceCodeExpired`] (`expired_token`, or no time left),
    /// [`Error::OauthServerError`] for another error, and those of
    /// [`TokenResponse::parse`] for a body that is neither.
    pub fn on_response<'a>(&mut self, body: &'a [u8], now: i64) -> Result<Poll<'a>, Error> {
        match TokenResponse::parse(body) {
            Ok(token) => Ok(Poll::Token(token)),
            Err(Error::OauthServerError) => match ErrorResponse::parse(body)?.code() {
                ErrorCode::AuthorizationPending => self.pending(now),
                ErrorCode::SlowDown => {
                    self.interval = self
                        .interval
                        .saturating_add(SLOW_DOWN_STEP)
                        .min(MAX_INTERVAL);
                    self.pending(now)
                }
                _ => Err(Error::OauthServerError),
            },
            Err(e) => Err(e),
        }
    }

    /// The poll got no answer (a timeout, a connection error): RFC 8628
    /// section 3.5 asks for an exponential back-off, so the interval
    /// doubles (up to [`MAX_INTERVAL`]). Returns when to poll next.
    ///
    /// # Errors
    ///
    /// [`Error::OauthDeviceCodeExpired`] when that would be too late.
    pub fn on_no_response(&mut self, now: i64) -> Result<i64, Error> {
        self.interval = self.interval.saturating_mul(2).min(MAX_INTERVAL);
        self.schedule(now)
    }

    fn pending<'a>(&mut self, now: i64) -> Result<Poll<'a>, Error> {
        self.schedule(now)
            .map(|next_poll_at| Poll::Pending { next_poll_at })
    }

    /// Moves the next poll one interval past `now`, unless that is too
    /// late.
    fn schedule(&mut self, now: i64) -> Result<i64, Error> {
        self.next_poll_at = after(now, self.interval);
        if self.next_poll_at >= self.expires_at {
            return Err(Error::OauthDeviceCodeExpired);
        }
        Ok(self.next_poll_at)
    }
}

/// `now + seconds`, saturated.
fn after(now: i64, seconds: u64) -> i64 {
    now.saturating_add(i64::try_from(seconds).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(body: &[u8]) -> Result<DeviceAuthorization<'_>, Error> {
        DeviceAuthorization::parse(body)
    }

    #[test]
    fn responses() {
        let a = auth(
            br#"{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":"600"}"#,
        )
        .unwrap();
        assert_eq!((a.expires_in(), a.interval()), (600, DEFAULT_INTERVAL));
        assert_eq!(a.verification_uri_complete(), None);
        let a = auth(br#"{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":0,"interval":2.5}"#).unwrap();
        assert_eq!((a.expires_in(), a.interval()), (0, 3));
        for (body, want) in [
            (&br#"{"user_code":"u","verification_uri":"v","expires_in":1}"#[..], Error::OauthResponseInvalid),
            (br#"{"device_code":"d","verification_uri":"v","expires_in":1}"#, Error::OauthResponseInvalid),
            (br#"{"device_code":"d","user_code":"u","expires_in":1}"#, Error::OauthResponseInvalid),
            (br#"{"device_code":"d","user_code":"u","verification_uri":"v"}"#, Error::OauthResponseInvalid),
            (br#"{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1,"interval":0}"#, Error::OauthResponseInvalid),
            (br#"{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1,"interval":"5"}"#, Error::OauthResponseInvalid),
            (br#"{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":1,"verification_uri_complete":""}"#, Error::OauthResponseInvalid),
            (br#"{"device_code":"","user_code":"u","verification_uri":"v","expires_in":1}"#, Error::OauthResponseInvalid),
            (br#"{"error":"unauthorized_client"}"#, Error::OauthServerError),
            (br#"{"error":"access_denied"}"#, Error::OauthAccessDenied),
        ] {
            assert_eq!(auth(body).err(), Some(want), "{}", core::str::from_utf8(body).unwrap());
        }
    }

    #[test]
    fn polling_rules() {
        let a = auth(br#"{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":30,"interval":10}"#).unwrap();
        let mut p = DevicePoller::new(&a, 100);
        assert_eq!(
            (p.next_poll_at(), p.expires_at(), p.interval()),
            (110, 130, 10)
        );
        assert_eq!(p.wait(100), Ok(10));
        assert_eq!(p.wait(115), Ok(0));
        assert_eq!(
            p.on_response(br#"{"error":"authorization_pending"}"#, 110),
            Ok(Poll::Pending { next_poll_at: 120 })
        );
        // slow_down at 120 would move the next poll to 135, past expiry.
        assert_eq!(
            p.on_response(br#"{"error":"slow_down"}"#, 120),
            Err(Error::OauthDeviceCodeExpired)
        );
        assert_eq!(p.interval(), 15);
        assert_eq!(p.wait(120), Err(Error::OauthDeviceCodeExpired));

        let mut p = DevicePoller::new(&a, 100);
        assert_eq!(
            p.on_response(br#"{"error":"access_denied"}"#, 110),
            Err(Error::OauthAccessDenied)
        );
        assert_eq!(
            p.on_response(br#"{"error":"expired_token"}"#, 110),
            Err(Error::OauthDeviceCodeExpired)
        );
        assert_eq!(
            p.on_response(br#"{"error":"invalid_grant"}"#, 110),
            Err(Error::OauthServerError)
        );
        assert_eq!(p.on_response(b"<html>", 110), Err(Error::JsonSyntax));
        assert_eq!(p.on_no_response(100), Ok(120));
        assert_eq!(p.on_no_response(100), Err(Error::OauthDeviceCodeExpired));
        assert_eq!(p.interval(), 40);

        let long = auth(br#"{"device_code":"d","user_code":"u","verification_uri":"v","expires_in":100000,"interval":1000}"#).unwrap();
        let mut p = DevicePoller::new(&long, 0);
        assert_eq!(p.interval(), MAX_INTERVAL);
        for _ in 0..3 {
            p.on_response(br#"{"error":"slow_down"}"#, 0).unwrap();
        }
        assert_eq!(p.interval(), MAX_INTERVAL);
        let mut body = [0u8; 64];
        let basic = ClientAuth::SecretBasic {
            client_id: "c",
            client_secret: "s",
        };
        let n = DeviceAuthorizationRequest::new()
            .write_body(&basic, &mut body)
            .unwrap();
        assert_eq!(&body[..n], b"client_id=c");
        assert_eq!(
            DeviceAuthorizationRequest::new()
                .extra(&[("scope", "x")])
                .write_body(&basic, &mut body),
            Err(Error::OauthDuplicateParameter)
        );
    }
}
