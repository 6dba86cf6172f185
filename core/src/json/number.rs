//! Reading validated JSON numbers exactly, without floating point.

use crate::Error;

/// `-?digits` as an `i64`.
pub(crate) fn integer(raw: &[u8]) -> Result<i64, Error> {
    let (negative, digits) = match raw.strip_prefix(b"-") {
        Some(d) => (true, d),
        None => (false, raw),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(Error::JsonWrongType);
    }
    // Accumulate negatively so that i64::MIN fits.
    let mut value: i64 = 0;
    for &d in digits {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_sub(i64::from(d - b'0')))
            .ok_or(Error::JsonNumberOutOfRange)?;
    }
    if negative {
        Ok(value)
    } else {
        value.checked_neg().ok_or(Error::JsonNumberOutOfRange)
    }
}

/// The value of eight ASCII digits, most significant first, or `None`
/// when one of them is not a digit: SWAR, the digits combined in pairs,
/// fours and eights by three multiplications. On 64-bit targets only:
/// elsewhere (microcontrollers) the 64-bit multiplications are library
/// calls and the plain loop is both smaller and faster.
#[cfg(target_pointer_width = "64")]
#[inline]
fn eight_digits(bytes: &[u8; 8]) -> Option<u64> {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    let x = u64::from_le_bytes(*bytes);
    // Every byte 0x30..=0x3F, and still 0x3_ after adding 6 (so at most
    // 0x39); no byte carries into the next one once the first holds.
    if x & HIGH != ZEROS || x.wrapping_add(0x0606_0606_0606_0606) & HIGH != ZEROS {
        return None;
    }
    // Little-endian: the first digit is the lowest byte.
    let d = x - ZEROS;
    let d = (d.wrapping_mul(10) + (d >> 8)) & 0x00FF_00FF_00FF_00FF;
    let d = (d.wrapping_mul(100) + (d >> 16)) & 0x0000_FFFF_0000_FFFF;
    Some((d.wrapping_mul(10_000) + (d >> 32)) & 0xFFFF_FFFF)
}

/// The value of at most 18 ASCII digits (no sign), or `None` when one of
/// them is not a digit or there are none.
#[cfg(target_pointer_width = "64")]
#[inline]
fn digits_value(raw: &[u8]) -> Option<i64> {
    if raw.is_empty() || raw.len() > 18 {
        return None;
    }
    let (eights, rest) = raw.as_chunks::<8>();
    let mut value = 0u64;
    for eight in eights {
        value = value * 100_000_000 + eight_digits(eight)?;
    }
    for &d in rest {
        if !d.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u64::from(d - b'0');
    }
    // At most 18 digits: below 10^18, within an i64.
    i64::try_from(value).ok()
}

/// A validated number rounded up to an integer, exactly: NumericDate
/// values (RFC 7519 section 2) may carry a fraction and an exponent, and a
/// token that expires at `now + 0.5` is still valid at `now`, which is
/// what comparing against the ceiling gives.
///
/// # Errors
///
/// [`Error::JsonNumberOutOfRange`] when the value does not fit an `i64`.
pub(crate) fn numeric_date(raw: &[u8]) -> Result<i64, Error> {
    // Fast path: a plain non-negative integer of up to 18 digits, which
    // cannot overflow (almost every NumericDate).
    #[cfg(target_pointer_width = "64")]
    if raw.len() <= 18
        && let Some(value) = digits_value(raw)
    {
        return Ok(value);
    }
    #[cfg(not(target_pointer_width = "64"))]
    if raw.len() <= 18 && raw.iter().all(u8::is_ascii_digit) {
        return Ok(raw
            .iter()
            .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0')));
    }
    exact_numeric_date(raw)
}

/// [`numeric_date`] past its fast path: negative integers, fractions,
/// exponents. Out of line, so that the usual plain date does not pay for
/// this frame on a microcontroller's stack (it lies under JWT
/// verification's deepest call there).
#[inline(never)]
fn exact_numeric_date(raw: &[u8]) -> Result<i64, Error> {
    // Any other plain integer, i64::MIN included.
    let digits = raw.strip_prefix(b"-").unwrap_or(raw);
    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
        return integer(raw).map_err(|_| Error::JsonNumberOutOfRange);
    }
    let (negative, rest) = match raw.strip_prefix(b"-") {
        Some(r) => (true, r),
        None => (false, raw),
    };
    let int_end = rest
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(rest.len());
    let (int_digits, rest) = rest.split_at(int_end);
    let (frac_digits, rest) = match rest.strip_prefix(b".") {
        Some(r) => {
            let end = r
                .iter()
                .position(|b| !b.is_ascii_digit())
                .unwrap_or(r.len());
            r.split_at(end)
        }
        None => (&[][..], rest),
    };
    // Decimal exponent, saturated: anything past a few hundred is out of
    // range or rounds to zero either way.
    let exponent: i64 = match rest.first() {
        Some(b'e' | b'E') => {
            let r = rest.get(1..).unwrap_or(&[]);
            let (sign, digits) = match r.first() {
                Some(b'-') => (-1, r.get(1..).unwrap_or(&[])),
                Some(b'+') => (1, r.get(1..).unwrap_or(&[])),
                _ => (1, r),
            };
            let magnitude = digits.iter().fold(0i64, |acc, &d| {
                (acc * 10 + i64::from(d - b'0')).min(100_000)
            });
            sign * magnitude
        }
        _ => 0,
    };
    // The value is `digits * 10^(exponent - frac_len)` where `digits` is
    // the integer and fraction digits together.
    let all = int_digits.iter().chain(frac_digits.iter());
    let shift = exponent - frac_digits.len() as i64;
    let count = (int_digits.len() + frac_digits.len()) as i64;
    // Digits that land before the decimal point, and whether any non-zero
    // digit lands after it.
    let kept = (count + shift).clamp(0, count) as usize;
    let mut whole: i64 = 0;
    let mut fraction = false;
    for (i, &d) in all.enumerate() {
        let d = i64::from(d - b'0');
        if i < kept {
            whole = whole
                .checked_mul(10)
                .and_then(|w| w.checked_add(d))
                .ok_or(Error::JsonNumberOutOfRange)?;
        } else if d != 0 {
            fraction = true;
        }
    }
    // Trailing zeros from a positive shift.
    for _ in 0..shift.max(0) {
        if whole == 0 {
            break;
        }
        whole = whole.checked_mul(10).ok_or(Error::JsonNumberOutOfRange)?;
    }
    Ok(match (negative, fraction) {
        (false, false) => whole,
        (false, true) => whole.checked_add(1).ok_or(Error::JsonNumberOutOfRange)?,
        // The ceiling of -w.f is -w.
        (true, _) => -whole,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(integer(b"0"), Ok(0));
        assert_eq!(integer(b"-0"), Ok(0));
        assert_eq!(integer(b"9223372036854775807"), Ok(i64::MAX));
        assert_eq!(integer(b"-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(
            integer(b"9223372036854775808"),
            Err(Error::JsonNumberOutOfRange)
        );
        assert_eq!(integer(b"1.0"), Err(Error::JsonWrongType));
    }

    #[test]
    fn numeric_dates_round_up() {
        assert_eq!(numeric_date(b"1700000000"), Ok(1_700_000_000));
        assert_eq!(numeric_date(b"1700000000.5"), Ok(1_700_000_001));
        assert_eq!(numeric_date(b"1700000000.000"), Ok(1_700_000_000));
        assert_eq!(numeric_date(b"1.7e9"), Ok(1_700_000_000));
        assert_eq!(numeric_date(b"17000000005e-1"), Ok(1_700_000_001));
        assert_eq!(numeric_date(b"1.7000000001E9"), Ok(1_700_000_001));
        assert_eq!(numeric_date(b"0.0000001"), Ok(1));
        assert_eq!(numeric_date(b"1e-400"), Ok(1));
        assert_eq!(numeric_date(b"0e400"), Ok(0));
        assert_eq!(numeric_date(b"-1.5"), Ok(-1));
        assert_eq!(numeric_date(b"-0.5"), Ok(0));
        assert_eq!(numeric_date(b"9223372036854775807"), Ok(i64::MAX));
        assert_eq!(
            numeric_date(b"9223372036854775807.1"),
            Err(Error::JsonNumberOutOfRange)
        );
        assert_eq!(numeric_date(b"1e19"), Err(Error::JsonNumberOutOfRange));
        assert_eq!(numeric_date(b"1e100000"), Err(Error::JsonNumberOutOfRange));
        assert_eq!(numeric_date(b"4102444800"), Ok(4_102_444_800));
        assert_eq!(numeric_date(b"-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(
            numeric_date(b"-9223372036854775809"),
            Err(Error::JsonNumberOutOfRange)
        );
    }
    /// The SWAR digits against a plain fold, for every length up to 18,
    /// every digit at every place and every non-digit byte anywhere.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn digits_value_agrees_with_a_fold() {
        let fold = |raw: &[u8]| -> Option<i64> {
            if raw.is_empty() || raw.len() > 18 || !raw.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(
                raw.iter()
                    .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0')),
            )
        };
        let digits = *b"9876543210123456789";
        for len in 0..=19 {
            // Under Miri (an interpreter), every 29th value.
            for b in (0..=255u8).step_by(if cfg!(miri) { 29 } else { 1 }) {
                for at in 0..len {
                    let mut raw = digits;
                    raw[at] = b;
                    assert_eq!(
                        digits_value(&raw[..len]),
                        fold(&raw[..len]),
                        "{len} {at} {b}"
                    );
                }
            }
            assert_eq!(digits_value(&digits[..len]), fold(&digits[..len]));
        }
        assert_eq!(
            digits_value(b"999999999999999999"),
            Some(999_999_999_999_999_999)
        );
        assert_eq!(digits_value(b"000000000000000001"), Some(1));
    }
}
