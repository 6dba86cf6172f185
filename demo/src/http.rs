//! A deliberately small HTTP/1.1 subset: one request per connection,
//! bounded in size and time, answered with `Connection: close`.
//!
//! Reading refuses what it does not understand rather than guessing:
//! obsolete line folding, bare LF line ends, whitespace before a header's
//! colon, a repeated `Host`, `Content-Length`, `Content-Type`,
//! `Authorization`, `Cookie`, `Origin` or `DPoP`,
//! and any `Transfer-Encoding` (no chunked bodies) all end the request with
//! a 4xx or 5xx status and a reason.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// Longest request line plus headers, in bytes (answered with 431 beyond).
pub const MAX_HEAD: usize = 8 * 1024;
/// Most header lines (answered with 431 beyond).
pub const MAX_HEADERS: usize = 64;
/// Longest body, in bytes (answered with 413 beyond).
pub const MAX_BODY: usize = 4 * 1024;
/// Longest time a client may take to send one whole request.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(10);

/// Headers that a request may carry once at most.
const SINGLETONS: [&str; 7] = [
    "host",
    "content-length",
    "content-type",
    "authorization",
    "cookie",
    "origin",
    // RFC 9449 section 4.3: a request with more than one proof is refused.
    "dpop",
];

/// A request that was read whole and passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The method, as sent (`GET`, `POST`, ...).
    pub method: String,
    /// The path of the target, without its query.
    pub path: String,
    /// The query of the target (after `?`), empty when there is none.
    pub query: String,
    /// Header names (lower-cased) and values (surrounding spaces trimmed).
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body (at most [`MAX_BODY`] bytes).
    pub body: Vec<u8>,
    /// The client's address, when the server knows it (login attempts are
    /// counted per address and user name).
    pub peer: Option<std::net::IpAddr>,
}

impl Request {
    /// The value of the header `name` (lower-case), if present.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// The value of the header `name` as text, if present and UTF-8.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.header(name).and_then(|v| std::str::from_utf8(v).ok())
    }
}

/// Why no request came out of a connection.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection before sending a byte.
    Closed,
    /// The client was too slow ([`REQUEST_DEADLINE`], or a read timed out).
    Timeout,
    /// The connection failed.
    Io(io::Error),
    /// The request is refused: the status to answer with and why.
    Refused(u16, &'static str),
}

fn refused<T>(status: u16, why: &'static str) -> Result<T, ReadError> {
    Err(ReadError::Refused(status, why))
}

/// Reads one request from `stream`, within the limits of this module.
///
/// # Errors
///
/// A [`ReadError`]; [`ReadError::Refused`] carries the status to answer.
pub fn read_request(stream: &mut impl Read) -> Result<Request, ReadError> {
    let started = Instant::now();
    let mut buf = Vec::with_capacity(1024);
    let head_end = loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            break end;
        }
        if buf.len() > MAX_HEAD {
            return refused(431, "the request line and headers exceed 8 KiB");
        }
        if read_some(stream, &mut buf, started)? == 0 {
            return if buf.is_empty() {
                Err(ReadError::Closed)
            } else {
                refused(400, "the connection closed before the headers ended")
            };
        }
    };
    if head_end > MAX_HEAD {
        return refused(431, "the request line and headers exceed 8 KiB");
    }
    let mut request = parse_head(buf.get(..head_end).unwrap_or_default())?;
    let body_len = body_length(&request)?;
    let mut body = buf.split_off(head_end + 4);
    while body.len() < body_len {
        if read_some(stream, &mut body, started)? == 0 {
            return refused(400, "the connection closed before the body ended");
        }
    }
    body.truncate(body_len);
    request.body = body;
    Ok(request)
}

/// Reads what is available into `buf`; `Ok(0)` at the end of the stream.
fn read_some(
    stream: &mut impl Read,
    buf: &mut Vec<u8>,
    started: Instant,
) -> Result<usize, ReadError> {
    if started.elapsed() > REQUEST_DEADLINE {
        return Err(ReadError::Timeout);
    }
    let mut chunk = [0u8; 4096];
    loop {
        match stream.read(&mut chunk) {
            Ok(n) => {
                buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
                return Ok(n);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(ReadError::Timeout);
            }
            Err(e) => return Err(ReadError::Io(e)),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The lines of `head` (which does not end with CRLF), split at CRLF.
fn crlf_lines(head: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(head);
    std::iter::from_fn(move || {
        let text = rest?;
        match find(text, b"\r\n") {
            Some(i) => {
                rest = text.get(i + 2..);
                text.get(..i)
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn parse_head(head: &[u8]) -> Result<Request, ReadError> {
    let mut lines = crlf_lines(head).map(|line| {
        if line.contains(&b'\r') || line.contains(&b'\n') {
            Err(ReadError::Refused(400, "lines must end with CRLF"))
        } else {
            Ok(line)
        }
    });
    let request_line = lines.next().unwrap_or(Ok(&[]))?;
    let mut parts = request_line.split(|&b| b == b' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return refused(400, "the request line is not METHOD SP TARGET SP VERSION");
    };
    if method.is_empty() || method.len() > 16 || !method.iter().all(|&b| is_tchar(b)) {
        return refused(400, "the method is not a token");
    }
    if !target.starts_with(b"/") || !target.iter().all(|b| (0x21..0x7F).contains(b)) {
        return refused(400, "the target is not an absolute path of visible ASCII");
    }
    let http11 = match version {
        b"HTTP/1.1" => true,
        b"HTTP/1.0" => false,
        v if v.starts_with(b"HTTP/") => return refused(505, "only HTTP/1.0 and 1.1 are spoken"),
        _ => return refused(400, "the request line ends in no HTTP version"),
    };
    let mut parts = target.splitn(2, |&b| b == b'?');
    let path = parts.next().unwrap_or_default();
    let query = parts.next().unwrap_or_default();

    let mut headers: Vec<(String, Vec<u8>)> = Vec::new();
    for line in lines {
        let line = line?;
        if headers.len() == MAX_HEADERS {
            return refused(431, "more than 64 header lines");
        }
        if line.first().is_some_and(|&b| b == b' ' || b == b'\t') {
            return refused(400, "obsolete line folding is not accepted");
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return refused(400, "a header line has no colon");
        };
        let (name, value) = line.split_at(colon);
        if name.is_empty() || !name.iter().all(|&b| is_tchar(b)) {
            return refused(
                400,
                "a header name is not a token (or has space before the colon)",
            );
        }
        let value = value.get(1..).unwrap_or_default().trim_ascii();
        if value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7F) {
            return refused(400, "a header value holds a control character");
        }
        let name = String::from_utf8_lossy(name).to_ascii_lowercase();
        if SINGLETONS.contains(&name.as_str()) && headers.iter().any(|(n, _)| *n == name) {
            return refused(400, "a header that may appear once appears twice");
        }
        headers.push((name, value.to_vec()));
    }
    let request = Request {
        method: String::from_utf8_lossy(method).into_owned(),
        path: String::from_utf8_lossy(path).into_owned(),
        query: String::from_utf8_lossy(query).into_owned(),
        headers,
        body: Vec::new(),
        peer: None,
    };
    if http11 && request.header("host").is_none() {
        return refused(400, "an HTTP/1.1 request needs a Host header");
    }
    Ok(request)
}

fn body_length(request: &Request) -> Result<usize, ReadError> {
    if request.header("transfer-encoding").is_some() {
        return refused(501, "Transfer-Encoding (chunked bodies) is not supported");
    }
    let Some(value) = request.header("content-length") else {
        return Ok(0);
    };
    if value.is_empty() || value.len() > 9 || !value.iter().all(u8::is_ascii_digit) {
        return refused(400, "Content-Length is not a decimal number");
    }
    let len = value
        .iter()
        .fold(0usize, |n, &d| n * 10 + usize::from(d - b'0'));
    if len > MAX_BODY {
        return refused(413, "the body exceeds 4 KiB");
    }
    Ok(len)
}

/// A response: status, headers and body, written with `Content-Length`
/// and `Connection: close`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header names and values, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a body of `content_type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body: body.into(),
        }
    }

    /// An HTML page.
    pub fn html(status: u16, page: String) -> Response {
        Response::new(status, "text/html; charset=utf-8", page)
    }

    /// A JSON document.
    pub fn json(status: u16, document: Vec<u8>) -> Response {
        Response::new(status, "application/json", document)
    }

    /// Adds a header. A value holding CR or LF is never written (see
    /// [`Response::write_to`]).
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The first value of header `name` (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Writes the response. Headers whose value holds a control character
    /// are left out: nothing can split the response.
    ///
    /// # Errors
    ///
    /// What the writer returns.
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            if value.bytes().all(|b| b >= 0x20 && b != 0x7F) {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        out.write_all(head.as_bytes())?;
        out.write_all(&self.body)?;
        out.flush()
    }
}

/// The reason phrase of the statuses this server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &[u8]) -> Result<Request, ReadError> {
        read_request(&mut &raw[..])
    }

    fn status(raw: &[u8]) -> u16 {
        match read(raw) {
            Err(ReadError::Refused(status, _)) => status,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_a_form_post() {
        let r = read(
            b"POST /login?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nX-A:  b c \r\n\r\nabcdef",
        )
        .unwrap();
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/login"));
        assert_eq!(r.header("x-a"), Some(&b"b c"[..]));
        assert_eq!(r.body, b"abc");
    }

    #[test]
    fn refuses_what_it_does_not_understand() {
        assert_eq!(status(b"GET / HTTP/1.1\r\n\r\n"), 400, "no Host");
        assert_eq!(status(b"GET / HTTP/2.0\r\nHost: a\r\n\r\n"), 505);
        assert_eq!(status(b"GET /  HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
        assert_eq!(status(b"GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\nHost: a\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nHost : a\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nHost: a\r\nX: \x01\r\n\r\n"), 400);
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"),
            501
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
            400
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4097\r\n\r\n"),
            413
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nabc"),
            400
        );
        let mut big = b"GET / HTTP/1.1\r\nHost: a\r\nX: ".to_vec();
        big.resize(MAX_HEAD + 10, b'a');
        assert_eq!(status(&big), 431);
        let mut many = b"GET / HTTP/1.1\r\nHost: a\r\n".to_vec();
        for _ in 0..MAX_HEADERS {
            many.extend_from_slice(b"X: y\r\n");
        }
        many.extend_from_slice(b"\r\n");
        assert_eq!(status(&many), 431);
        assert!(matches!(read(b""), Err(ReadError::Closed)));
    }

    #[test]
    fn never_writes_a_header_that_could_split_the_response() {
        let mut out = Vec::new();
        Response::new(200, "text/plain", "hi")
            .with_header("X-Bad", "a\r\nSet-Cookie: b=c")
            .write_to(&mut out)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("X-Bad") && text.ends_with("\r\n\r\nhi"));
    }
}
