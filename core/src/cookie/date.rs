//! Cookie dates: IMF-fixdate out (RFC 7231 section 7.1.1.1), and the
//! forgiving RFC 6265 section 5.1.1 cookie-date algorithm in.
//!
//! Times are Unix seconds (`i64`, UTC). Only years 1601 to 9999 are
//! expressible: the cookie-date algorithm rejects earlier years and
//! IMF-fixdate has four year digits.

use crate::Error;
use crate::out::Out;
use crate::tables::{DATE_DELIMITER, is};

/// 1601-01-01T00:00:00Z, the earliest instant a cookie date can name.
pub const MIN_COOKIE_TIME: i64 = -11_644_473_600;
/// 9999-12-31T23:59:59Z, the latest instant a cookie date can name.
pub const MAX_COOKIE_TIME: i64 = 253_402_300_799;

/// Length of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
pub const HTTP_DATE_LEN: usize = 29;

const SECONDS_PER_DAY: i64 = 86_400;
const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];
const WEEKDAYS: [&[u8; 3]; 7] = [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1 to 12).
///
/// Howard Hinnant's `days_from_civil`: counts in 400-year eras starting in
/// March so that the leap day falls at the end of the year.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`]: `(year, month, day)`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Writes `unix` as an IMF-fixdate, e.g. `Wed, 18 May 2033 03:33:20 GMT`.
pub(crate) fn write_http_date(unix: i64, out: &mut Out<'_>) -> Result<(), Error> {
    if !(MIN_COOKIE_TIME..=MAX_COOKIE_TIME).contains(&unix) {
        return Err(Error::DateOutOfRange);
    }
    let days = unix.div_euclid(SECONDS_PER_DAY);
    let secs = unix.rem_euclid(SECONDS_PER_DAY) as u64;
    let (year, month, day) = civil_from_days(days);
    let weekday = (days + 4).rem_euclid(7) as usize; // 1970-01-01 was a Thursday
    out.put(WEEKDAYS.get(weekday).map_or(&b"???"[..], |w| &w[..]));
    out.put(b", ");
    out.put_padded(u64::from(day), 2);
    out.push(b' ');
    let month_name = MONTHS.get((month as usize).wrapping_sub(1));
    out.put(month_name.map_or(&b"???"[..], |m| &m[..]));
    out.push(b' ');
    out.put_padded(year as u64, 4);
    out.push(b' ');
    out.put_padded(secs / 3600, 2);
    out.push(b':');
    out.put_padded(secs / 60 % 60, 2);
    out.push(b':');
    out.put_padded(secs % 60, 2);
    out.put(b" GMT");
    Ok(())
}

/// Formats Unix seconds as an IMF-fixdate (RFC 7231 section 7.1.1.1), the
/// form `Expires` takes, into `out`; returns the length (always
/// [`HTTP_DATE_LEN`]).
///
/// # Errors
///
/// [`Error::DateOutOfRange`] outside [`MIN_COOKIE_TIME`]..=[`MAX_COOKIE_TIME`],
/// [`Error::BufferTooSmall`] when `out` is shorter than 29 bytes.
///
/// # Example
///
/// ```
/// let mut buf = [0u8; 29];
/// let n = jeton::cookie::format_http_date(784111777, &mut buf)?;
/// assert_eq!(&buf[..n], b"Sun, 06 Nov 1994 08:49:37 GMT");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn format_http_date(unix: i64, out: &mut [u8]) -> Result<usize, Error> {
    let mut out = Out::new(out);
    match write_http_date(unix, &mut out) {
        Ok(()) => out.finish(),
        Err(e) => out.fail(e),
    }
}

/// Reads up to `max` leading ASCII digits: `(value, digit count)`.
fn leading_digits(token: &[u8], max: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut count = 0;
    for &b in token.iter().take(max) {
        if !b.is_ascii_digit() {
            break;
        }
        value = value * 10 + u32::from(b - b'0');
        count += 1;
    }
    (value, count)
}

/// `min*maxDIGIT ( non-digit *OCTET )`: the number, when the token starts
/// with `min` to `max` digits not followed by another digit.
fn digits_then_anything(token: &[u8], min: usize, max: usize) -> Option<u32> {
    let (value, count) = leading_digits(token, max);
    let next_is_digit = token.get(count).is_some_and(u8::is_ascii_digit);
    (count >= min && !next_is_digit).then_some(value)
}

/// `hms-time ( non-digit *OCTET )` where
/// `hms-time = time-field ":" time-field ":" time-field` and
/// `time-field = 1*2DIGIT`.
fn parse_time(token: &[u8]) -> Option<(u32, u32, u32)> {
    let mut fields = [0u32; 3];
    let mut rest = token;
    for (i, field) in fields.iter_mut().enumerate() {
        let (value, count) = leading_digits(rest, 2);
        if count == 0 {
            return None;
        }
        *field = value;
        (_, rest) = rest.split_at_checked(count)?;
        if i < 2 {
            rest = rest.strip_prefix(b":")?;
        }
    }
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let [h, m, s] = fields;
    Some((h, m, s))
}

/// `month = ( "jan" / ... / "dec" ) *OCTET`, case-insensitive.
fn parse_month(token: &[u8]) -> Option<u32> {
    let prefix = token.get(..3)?;
    MONTHS
        .iter()
        .position(|m| prefix.eq_ignore_ascii_case(&m[..]))
        .map(|i| i as u32 + 1)
}

/// Parses a cookie date with the RFC 6265 section 5.1.1 algorithm and
/// returns Unix seconds.
///
/// The input is cut into tokens at delimiters; the first token shaped like
/// a time, a day of the month, a month name and a year each fill their
/// field, whatever their order; anything else is ignored. Two-digit years
/// 70-99 mean 19xx and 00-69 mean 20xx. The date must exist, and its year
/// be 1601 or later.
///
/// # Errors
///
/// [`Error::InvalidCookieDate`] when a field is missing or out of range.
///
/// # Example
///
/// ```
/// use jeton::cookie::parse_cookie_date;
///
/// assert_eq!(parse_cookie_date(b"Sun, 06 Nov 1994 08:49:37 GMT"), Ok(784111777));
/// assert_eq!(parse_cookie_date(b"Sunday, 06-Nov-94 08:49:37 GMT"), Ok(784111777));
/// assert_eq!(parse_cookie_date(b"Sun Nov  6 08:49:37 1994"), Ok(784111777));
/// assert!(parse_cookie_date(b"Sun, 31 Nov 1994 08:49:37 GMT").is_err());
/// ```
pub fn parse_cookie_date(input: &[u8]) -> Result<i64, Error> {
    let mut time = None;
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let tokens = input
        .split(|&b| is(&DATE_DELIMITER, b))
        .filter(|t| !t.is_empty());
    for token in tokens {
        if time.is_none()
            && let Some(t) = parse_time(token)
        {
            time = Some(t);
            continue;
        }
        if day.is_none()
            && let Some(d) = digits_then_anything(token, 1, 2)
        {
            day = Some(d);
            continue;
        }
        if month.is_none()
            && let Some(m) = parse_month(token)
        {
            month = Some(m);
            continue;
        }
        if year.is_none()
            && let Some(y) = digits_then_anything(token, 2, 4)
        {
            year = Some(y);
        }
    }
    let (Some((hour, minute, second)), Some(day), Some(month), Some(year)) =
        (time, day, month, year)
    else {
        return Err(Error::InvalidCookieDate);
    };
    let year = match year {
        70..=99 => year + 1900,
        0..=69 => year + 2000,
        _ => year,
    };
    let year = i64::from(year);
    if year < 1601 || hour > 23 || minute > 59 || second > 59 {
        return Err(Error::InvalidCookieDate);
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err(Error::InvalidCookieDate);
    }
    let seconds = i64::from(hour * 3600 + minute * 60 + second);
    Ok(days_from_civil(year, month, day) * SECONDS_PER_DAY + seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http_date(unix: i64) -> [u8; HTTP_DATE_LEN] {
        let mut buf = [0u8; HTTP_DATE_LEN];
        format_http_date(unix, &mut buf).unwrap();
        buf
    }

    #[test]
    fn formats_rfc_7231_example_and_range_ends() {
        assert_eq!(&http_date(784_111_777), b"Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(&http_date(0), b"Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(&http_date(-1), b"Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(&http_date(951_782_400), b"Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(
            &http_date(MIN_COOKIE_TIME),
            b"Mon, 01 Jan 1601 00:00:00 GMT"
        );
        assert_eq!(
            &http_date(MAX_COOKIE_TIME),
            b"Fri, 31 Dec 9999 23:59:59 GMT"
        );
        let mut buf = [0u8; HTTP_DATE_LEN];
        assert_eq!(
            format_http_date(MIN_COOKIE_TIME - 1, &mut buf),
            Err(Error::DateOutOfRange)
        );
        assert_eq!(
            format_http_date(MAX_COOKIE_TIME + 1, &mut buf),
            Err(Error::DateOutOfRange)
        );
        assert_eq!(
            format_http_date(0, &mut buf[..28]),
            Err(Error::BufferTooSmall { needed: 29 })
        );
    }

    #[test]
    fn civil_round_trip_over_the_whole_range() {
        let mut days = MIN_COOKIE_TIME / SECONDS_PER_DAY;
        while days <= MAX_COOKIE_TIME / SECONDS_PER_DAY {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days);
            days += 17;
        }
    }

    #[test]
    fn cookie_date_edges() {
        assert_eq!(parse_cookie_date(b"1 jan 70 0:0:0"), Ok(0));
        assert_eq!(parse_cookie_date(b"1 jan 69 0:0:0"), Ok(3_124_224_000)); // 2069
        assert_eq!(parse_cookie_date(b"29 Feb 2000 00:00:00"), Ok(951_782_400));
        assert!(parse_cookie_date(b"29 Feb 1900 00:00:00").is_err());
        assert!(parse_cookie_date(b"1 Jan 1600 00:00:00").is_err());
        assert!(parse_cookie_date(b"1 Jan 1601 24:00:00").is_err());
        assert!(parse_cookie_date(b"1 Jan 1601 00:60:00").is_err());
        assert!(parse_cookie_date(b"1 Jan 1601 00:00:60").is_err());
        assert!(parse_cookie_date(b"0 Jan 2001 00:00:00").is_err());
        assert!(parse_cookie_date(b"1 Jan 20011 00:00:00").is_err());
        assert!(parse_cookie_date(b"1 Jan 2001 000:00:00").is_err());
        assert!(parse_cookie_date(b"").is_err());
        assert!(parse_cookie_date(b"Sat, 01 Jan 9999 00:00:00 GMT").is_ok());
    }
}
