//! The demo's HTTP client for the back channel to the OpenID Connect
//! provider: its discovery document, its JWK Set and its token endpoint.
//! jeton builds every request body and judges every answer; this module
//! only carries bytes.
//!
//! A deliberately small HTTP/1.1 subset on the standard library, the
//! counterpart of [`crate::http`]: plain `http://` only (no TLS: the demo
//! talks to the provider on its own machine), one request per connection
//! (`Connection: close`), bounded in size (1 MiB) and time (5 s per read
//! or write, 10 s in all), bodies framed by `Content-Length`, chunked
//! transfer coding, or the end of the connection. Redirects are not
//! followed: none of the three endpoints is expected to redirect.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Longest answer read, head and body, in bytes.
pub const MAX_RESPONSE: usize = 1 << 20;
/// Longest wait for a connection, a read or a write.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest time a whole exchange may take.
const DEADLINE: Duration = Duration::from_secs(10);

/// Why a request got no usable answer.
#[derive(Debug)]
pub enum FetchError {
    /// The URL is not `http://host[:port]/...`.
    Url(String),
    /// The host could not be reached, or the connection failed.
    Io(io::Error),
    /// The exchange took longer than 10 seconds.
    Timeout,
    /// The answer is not HTTP/1.x as this client reads it, or too large.
    Malformed(&'static str),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Url(url) => write!(
                f,
                "{url:?} is not an http:// URL (the demo's client speaks plain HTTP, to a \
                 provider on this machine)"
            ),
            FetchError::Io(e) => write!(f, "connection failed: {e}"),
            FetchError::Timeout => f.write_str("no answer within 10 seconds"),
            FetchError::Malformed(why) => write!(f, "unreadable answer: {why}"),
        }
    }
}

impl From<io::Error> for FetchError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => FetchError::Timeout,
            _ => FetchError::Io(e),
        }
    }
}

/// An answer, read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The status code.
    pub status: u16,
    /// Header names (lower-cased) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, transfer coding removed.
    pub body: Vec<u8>,
}

impl Fetched {
    /// The first header of that (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET url` with these extra headers.
///
/// # Errors
///
/// A [`FetchError`]; any status is an answer, not an error.
pub fn get(url: &str, headers: &[(&str, &str)]) -> Result<Fetched, FetchError> {
    exchange("GET", url, headers, None)
}

/// `POST url` of an `application/x-www-form-urlencoded` body (encoded by
/// jeton) with these extra headers.
///
/// # Errors
///
/// As [`get`].
pub fn post_form(url: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Fetched, FetchError> {
    exchange("POST", url, headers, Some(body))
}

/// The parts of an `http://` URL a request needs: the authority (also the
/// `Host` header) and the target (path and query, fragment dropped).
fn split_url(url: &str) -> Result<(&str, &str), FetchError> {
    let bad = || FetchError::Url(url.to_owned());
    let rest = url
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
        .and_then(|_| url.get(7..))
        .ok_or_else(bad)?;
    let rest = rest.split('#').next().unwrap_or_default();
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, target) = rest.split_at(end);
    let well_formed = |s: &str| s.bytes().all(|b| (0x21..0x7F).contains(&b));
    if authority.is_empty()
        || authority.contains('@')
        || !well_formed(authority)
        || !well_formed(target)
    {
        return Err(bad());
    }
    Ok((authority, target))
}

fn exchange(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Result<Fetched, FetchError> {
    let (authority, target) = split_url(url)?;
    let target = if target.is_empty() { "/" } else { target };
    // The target was checked above; the query alone is not a path.
    let target = if target.starts_with('?') {
        format!("/{target}")
    } else {
        target.to_owned()
    };
    let with_port = if authority.ends_with(']') || !authority.contains(':') {
        format!("{authority}:80")
    } else {
        authority.to_owned()
    };
    let started = Instant::now();
    let mut last = None;
    let mut stream = None;
    for addr in with_port.to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, IO_TIMEOUT) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let mut stream = match (stream, last) {
        (Some(s), _) => s,
        (None, Some(e)) => return Err(e.into()),
        (None, None) => return Err(FetchError::Url(url.to_owned())),
    };
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\
         Accept: application/json\r\nUser-Agent: jeton-demo\r\n"
    );
    for (name, value) in headers {
        if value.bytes().any(|b| b < 0x20 || b == 0x7F) {
            return Err(FetchError::Malformed(
                "a request header value holds a control character",
            ));
        }
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if let Some(body) = body {
        stream.write_all(body)?;
    }
    stream.flush()?;

    let mut raw = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    loop {
        if started.elapsed() > DEADLINE {
            return Err(FetchError::Timeout);
        }
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                raw.extend_from_slice(chunk.get(..n).unwrap_or_default());
                if raw.len() > MAX_RESPONSE {
                    return Err(FetchError::Malformed("the answer exceeds 1 MiB"));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    parse_response(&raw)
}

/// Reads a whole answer: status line, headers, and the body as its
/// framing says.
fn parse_response(raw: &[u8]) -> Result<Fetched, FetchError> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or(FetchError::Malformed("the headers never end"))?;
    let (head, rest) = raw.split_at(end);
    let rest = rest.get(4..).unwrap_or_default();
    let head =
        std::str::from_utf8(head).map_err(|_| FetchError::Malformed("the head is not text"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| status_line.strip_prefix("HTTP/1.0 "))
        .and_then(|s| s.get(..3))
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or(FetchError::Malformed("no HTTP/1.x status line"))?;
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or(FetchError::Malformed("a header line has no colon"))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let mut fetched = Fetched {
        status,
        headers,
        body: Vec::new(),
    };
    let chunked = fetched
        .header("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    fetched.body = if chunked {
        dechunk(rest)?
    } else if let Some(length) = fetched.header("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| FetchError::Malformed("Content-Length is not a number"))?;
        rest.get(..length)
            .ok_or(FetchError::Malformed(
                "the body is shorter than its Content-Length",
            ))?
            .to_vec()
    } else {
        rest.to_vec()
    };
    Ok(fetched)
}

/// Removes the chunked transfer coding (RFC 9112 section 7.1); chunk
/// extensions and trailers are read past.
fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or(FetchError::Malformed("a chunk size line does not end"))?;
        let (line, after) = rest.split_at(line_end);
        let size = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = std::str::from_utf8(size)
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .ok_or(FetchError::Malformed("bad chunk size"))?;
        let after = after.get(2..).unwrap_or_default();
        if size == 0 {
            return Ok(body);
        }
        let data = after
            .get(..size)
            .ok_or(FetchError::Malformed("a chunk is cut short"))?;
        body.extend_from_slice(data);
        rest = after
            .get(size..)
            .and_then(|r| r.strip_prefix(b"\r\n"))
            .ok_or(FetchError::Malformed("a chunk does not end with CRLF"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_http_urls_only() {
        assert_eq!(
            split_url("http://127.0.0.1:3000/token?x=1#f").unwrap(),
            ("127.0.0.1:3000", "/token?x=1")
        );
        assert_eq!(split_url("HTTP://[::1]:3000").unwrap(), ("[::1]:3000", ""));
        for bad in [
            "https://a/",
            "http://",
            "http:///x",
            "http://u@a/",
            "http://a b/",
            "ftp://a/",
            "",
        ] {
            assert!(split_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_each_framing() {
        let fixed = parse_response(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}xx",
        )
        .unwrap();
        assert_eq!((fixed.status, fixed.body.as_slice()), (200, &b"{}"[..]));
        assert_eq!(fixed.header("content-type"), Some("application/json"));
        let chunked = parse_response(
            b"HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n\
              4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nTrailer: x\r\n\r\n",
        )
        .unwrap();
        assert_eq!(
            (chunked.status, chunked.body.as_slice()),
            (400, &b"{\"a\":1}"[..])
        );
        let to_close = parse_response(b"HTTP/1.0 200 OK\r\n\r\nall of it").unwrap();
        assert_eq!(to_close.body, b"all of it");
        for bad in [
            &b"HTTP/1.1 200 OK\r\n"[..],
            b"HTTP/2 200\r\n\r\n",
            b"HTTP/1.1 2x0 OK\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
            b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        ] {
            assert!(
                parse_response(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
