//! Any bytes as a device authorization response, then as the answers to
//! the polls: parsing never panics; an accepted response has its three
//! strings and a positive interval; the poller never schedules a poll at
//! or after the device code's expiry, never shortens the interval, and
//! ends in a token or an error.
#![no_main]

use jeton::oauth::device::{DeviceAuthorization, DevicePoller, Poll};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The response, then the poll answers, split at 0xFF bytes.
    let mut parts = data.split(|&b| b == 0xFF);
    let Some(first) = parts.next() else { return };
    let Ok(auth) = DeviceAuthorization::parse(first) else {
        return;
    };
    assert!(!auth.device_code().raw().is_empty());
    assert!(!auth.user_code().raw().is_empty());
    assert!(!auth.verification_uri().raw().is_empty());
    assert!(auth.interval() >= 1);
    let mut now = i64::from(first.len() as u32);
    let mut poller = DevicePoller::new(&auth, now);
    for answer in parts {
        let before = poller.interval();
        match poller.wait(now) {
            Ok(wait) => now = now.saturating_add(wait as i64),
            Err(_) => return,
        }
        let result = if answer.is_empty() {
            poller
                .on_no_response(now)
                .map(|next_poll_at| Poll::Pending { next_poll_at })
        } else {
            poller.on_response(answer, now)
        };
        assert!(poller.interval() >= before);
        match result {
            Ok(Poll::Pending { next_poll_at }) => {
                assert!(next_poll_at > now && next_poll_at < poller.expires_at());
            }
            Ok(Poll::Token(t)) => {
                assert!(!t.access_token().raw().is_empty());
                return;
            }
            Err(_) => return,
        }
    }
});
