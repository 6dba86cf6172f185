//! Times on the command line: Unix seconds shown as RFC 3339 dates (UTC),
//! and the forms options accept (`now`, `+1h`, `-30m`, `1700000000`,
//! `2030-01-01T00:00:00Z`).

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// The system clock, in Unix seconds.
pub fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (an algorithm of
/// Howard Hinnant's "chrono-compatible low-level date algorithms").
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// First and last second an RFC 3339 date (four-digit year) can show.
const FIRST: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

/// `t` as `YYYY-MM-DDTHH:MM:SSZ`, or `None` outside the years 0 to 9999.
pub fn rfc3339(t: i64) -> Option<String> {
    if !(FIRST..=LAST).contains(&t) {
        return None;
    }
    let (y, mo, d) = civil_from_days(t.div_euclid(DAY));
    let s = t.rem_euclid(DAY);
    Some(format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    ))
}

/// "in 3 days", "2 hours ago", "now": how far `t` lies from `now`, in
/// its largest whole unit.
pub fn relative(t: i64, now: i64) -> String {
    let diff = i128::from(t) - i128::from(now);
    if diff == 0 {
        return "now".to_owned();
    }
    let abs = diff.unsigned_abs();
    let units: [(u128, &str); 6] = [
        (365 * 86_400, "year"),
        (30 * 86_400, "month"),
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    let (n, unit) = units
        .iter()
        .find(|(size, _)| abs >= *size)
        .map(|(size, unit)| (abs / size, *unit))
        .unwrap_or((abs, "second"));
    let plural = if n == 1 { "" } else { "s" };
    if diff > 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

/// Reads a duration: `90`, `90s`, `15m`, `1h30m`, `7d`, `2w`.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let bad = || format!("'{s}' is not a duration (examples: 90, 90s, 15m, 1h30m, 7d, 2w)");
    if s.is_empty() {
        return Err(bad());
    }
    let mut total: i64 = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let (number, after) = rest.split_at(digits);
        let n: i64 = number.parse().map_err(|_| bad())?;
        let unit_len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (unit, after) = after.split_at(unit_len);
        let scale = match unit {
            "" if after.is_empty() && total == 0 => 1,
            "s" => 1,
            "m" => 60,
            "h" => 3_600,
            "d" => DAY,
            "w" => 7 * DAY,
            _ => return Err(bad()),
        };
        total = n
            .checked_mul(scale)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
        rest = after;
    }
    Ok(total)
}

/// Reads an RFC 3339 date-time (`2030-01-01T12:00:00Z`, an offset instead
/// of `Z`, a fraction that is dropped) or a date alone (midnight UTC).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) {
        return None;
    }
    let date = days_from_civil(year, month, day) * DAY;
    if b.len() == 10 {
        return Some(date);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (h, mi, sec) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let digits = b.iter().skip(i).take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        i += digits;
    }
    let offset = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (oh, om) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'+' { o } else { -o }
        }
        _ => return None,
    };
    Some(date + h * 3600 + mi * 60 + sec.min(59) - offset)
}

/// Reads a point in time given on the command line, relative to `now`:
/// `now`; `+DURATION` or `DURATION` (after `now`); `-DURATION` (before);
/// Unix seconds (digits only); an RFC 3339 date-time or date.
pub fn parse_time(s: &str, now: i64) -> Result<i64, String> {
    let s = s.trim();
    if s == "now" {
        return Ok(now);
    }
    let offset = |d: i64| {
        now.checked_add(d)
            .ok_or_else(|| format!("'{s}' is out of range"))
    };
    if let Some(d) = s.strip_prefix('+') {
        return offset(parse_duration(d)?);
    }
    if let Some(d) = s.strip_prefix('-') {
        return offset(-parse_duration(d)?);
    }
    if !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) {
        return s.parse().map_err(|_| format!("'{s}' is out of range"));
    }
    if s.len() >= 10 && s.as_bytes().get(4) == Some(&b'-') {
        return parse_rfc3339(s).ok_or_else(|| format!("'{s}' is not an RFC 3339 date"));
    }
    match parse_duration(s) {
        Ok(d) => offset(d),
        Err(_) => Err(format!(
            "'{s}' is not a time (examples: now, +1h, -30m, 1700000000, 2030-01-01T00:00:00Z)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every date shown agrees with jeton's IMF-fixdate writer (an
    /// independent implementation in the core) on the same second.
    #[test]
    fn agrees_with_the_http_date_writer() {
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let mut t = jeton::cookie::MIN_COOKIE_TIME;
        while t <= jeton::cookie::MAX_COOKIE_TIME {
            let mut buf = [0u8; jeton::cookie::HTTP_DATE_LEN];
            let n = jeton::cookie::format_http_date(t, &mut buf).unwrap();
            // "Sun, 06 Nov 1994 08:49:37 GMT"
            let http = std::str::from_utf8(&buf[..n]).unwrap();
            let ours = rfc3339(t).unwrap();
            let month = months.iter().position(|m| *m == &http[8..11]).unwrap() + 1;
            let expected = format!(
                "{}-{month:02}-{}T{}Z",
                &http[12..16],
                &http[5..7],
                &http[17..25]
            );
            assert_eq!(ours, expected, "{t}");
            assert_eq!(parse_rfc3339(&ours), Some(t));
            t += 7_777_777;
        }
    }

    #[test]
    fn known_dates() {
        // RFC 7519 section 3.1's exp, and the interop vectors' year 2100.
        assert_eq!(rfc3339(1_300_819_380).unwrap(), "2011-03-22T18:43:00Z");
        assert_eq!(rfc3339(4_102_444_800).unwrap(), "2100-01-01T00:00:00Z");
        assert_eq!(rfc3339(0).unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(-1).unwrap(), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(LAST).unwrap(), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(FIRST).unwrap(), "0000-01-01T00:00:00Z");
        assert_eq!(rfc3339(LAST + 1), None);
        assert_eq!(rfc3339(FIRST - 1), None);
    }

    #[test]
    fn reads_times_and_durations() {
        let now = 1_000_000;
        assert_eq!(parse_time("now", now), Ok(now));
        assert_eq!(parse_time("+1h", now), Ok(now + 3600));
        assert_eq!(parse_time("1h30m", now), Ok(now + 5400));
        assert_eq!(parse_time("-2d", now), Ok(now - 2 * 86_400));
        assert_eq!(parse_time("1700000000", now), Ok(1_700_000_000));
        assert_eq!(parse_time("2011-03-22T18:43:00Z", now), Ok(1_300_819_380));
        assert_eq!(
            parse_time("2011-03-22T20:43:00.5+02:00", now),
            Ok(1_300_819_380)
        );
        assert_eq!(parse_time("2011-03-22", now), Ok(1_300_752_000));
        assert!(parse_time("2011-02-29", now).is_err());
        assert!(parse_time("2011-03-22T18:43Z", now).is_err());
        assert!(parse_time("soon", now).is_err());
        assert!(parse_time("+", now).is_err());
        assert_eq!(parse_duration("2w"), Ok(14 * 86_400));
        assert_eq!(parse_duration("90"), Ok(90));
        assert!(parse_duration("1x").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
    }

    #[test]
    fn says_how_far() {
        assert_eq!(relative(100, 100), "now");
        assert_eq!(relative(160, 100), "in 1 minute");
        assert_eq!(relative(100, 100 + 2 * 86_400 + 5), "2 days ago");
        assert_eq!(relative(4_102_444_800, 1_800_000_000), "in 73 years");
    }
}
