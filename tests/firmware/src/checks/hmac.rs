//! HMAC keys against RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA-256/384/512).

use jeton::mac::HmacKey;

use super::per_algorithm;
use crate::check;
use crate::harness::{Check, Checker};
use crate::vectors::HMAC_CASES;

pub static CHECKS: &[Check] = &[check!(
    "HMAC: RFC 2202 and RFC 4231 test cases (tests/vectors/hmac)",
    rfc_cases,
    HMAC_CASES
)];

fn rfc_cases(c: &mut Checker<'_>) {
    let mut out = [0u8; 64];
    c.each(HMAC_CASES, |c, _, v| {
        let alg = v.algorithm;
        let key = c.measure(per_algorithm!(alg, "HmacKey::new"), || {
            HmacKey::new(alg, v.key)
        });
        let n = c.measure(per_algorithm!(alg, "HmacKey::sign_into"), || {
            key.sign_into(v.data, &mut out)
        });
        let n = n.unwrap_or(0);
        // The RFCs give the whole tag, or (case 5) a truncation of it.
        let shown = v.tag.len().min(n);
        c.expect_bytes(
            &out[..shown],
            v.tag,
            format_args!("RFC {} case {} {}", v.rfc, v.case, alg.name()),
        );
        let verdict = c.measure(per_algorithm!(alg, "HmacKey::verify"), || {
            key.verify(v.data, v.tag)
        });
        // jeton verifies whole tags only: a truncated one never passes.
        c.expect(
            verdict.is_ok() == (v.tag.len() == alg.tag_len()),
            format_args!("RFC {} case {} {}: verify", v.rfc, v.case, alg.name()),
        );
    });
}
