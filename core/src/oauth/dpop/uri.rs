//! Comparing a proof's `htu` with the request's URI as RFC 9449 section
//! 4.3 asks: without query and fragment, after the syntax-based and
//! scheme-based normalization of RFC 3986 sections 6.2.2 and 6.2.3. Both
//! sides are read as byte streams (the `htu` may hold JSON escapes), so
//! nothing is copied but the authority.

/// Longest authority compared (a DNS name is at most 253 characters,
/// with a port and brackets some more).
const AUTHORITY_MAX: usize = 272;

/// Longest scheme kept (only `http` and `https` have default ports).
const SCHEME_MAX: usize = 8;

/// Where the normalizer is in the URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Scheme,
    Authority,
    Path,
    Done,
    Failed,
}

/// The normalized bytes of an absolute `http(s)` URI, up to its query or
/// fragment: scheme and host in lower case, the scheme's default port
/// (and an empty one) dropped, an empty path written `/`, percent-escapes
/// of unreserved characters decoded and the others' hex digits in upper
/// case. A URI that is not `scheme://authority...` fails: its stream ends
/// with [`Normalized::failed`] set.
pub(super) struct Normalized<I> {
    src: I,
    state: State,
    scheme: [u8; SCHEME_MAX],
    scheme_len: usize,
    queue: [u8; AUTHORITY_MAX + 4],
    queue_len: usize,
    queue_pos: usize,
}

impl<I: Iterator<Item = u8>> Normalized<I> {
    pub(super) fn new(src: I) -> Self {
        Normalized {
            src,
            state: State::Scheme,
            scheme: [0; SCHEME_MAX],
            scheme_len: 0,
            queue: [0; AUTHORITY_MAX + 4],
            queue_len: 0,
            queue_pos: 0,
        }
    }

    /// Whether the URI was not one the normalizer reads.
    pub(super) fn failed(&self) -> bool {
        self.state == State::Failed
    }

    fn push(&mut self, b: u8) {
        if let Some(slot) = self.queue.get_mut(self.queue_len) {
            *slot = b;
            self.queue_len += 1;
        }
    }

    fn fail(&mut self) {
        self.state = State::Failed;
        self.queue_len = 0;
        self.queue_pos = 0;
    }

    /// Reads the scheme and `://` into the queue.
    fn scheme(&mut self) {
        loop {
            match self.src.next() {
                Some(b':') if self.scheme_len > 0 => break,
                Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.') => {
                    let b = b.to_ascii_lowercase();
                    if let Some(slot) = self.scheme.get_mut(self.scheme_len) {
                        *slot = b;
                    }
                    self.scheme_len += 1;
                    self.push(b);
                    if self.scheme_len > SCHEME_MAX {
                        return self.fail();
                    }
                }
                _ => return self.fail(),
            }
        }
        if self.src.next() != Some(b'/') || self.src.next() != Some(b'/') {
            return self.fail();
        }
        self.push(b':');
        self.push(b'/');
        self.push(b'/');
        self.state = State::Authority;
    }

    /// Reads the authority into the queue, and the path's first byte.
    fn authority(&mut self) {
        let mut authority = [0u8; AUTHORITY_MAX];
        let mut len = 0;
        let end = loop {
            match self.src.next() {
                None => break None,
                Some(b @ (b'/' | b'?' | b'#')) => break Some(b),
                Some(b) => {
                    let Some(slot) = authority.get_mut(len) else {
                        return self.fail();
                    };
                    *slot = b.to_ascii_lowercase();
                    len += 1;
                }
            }
        };
        let (authority, _) = authority.split_at(len);
        if authority.is_empty() {
            return self.fail();
        }
        let scheme = self.scheme.get(..self.scheme_len).unwrap_or_default();
        let default_port: &[u8] = match scheme {
            b"https" => b":443",
            b"http" => b":80",
            _ => b"",
        };
        // A port follows the last colon, unless an IPv6 literal's bracket
        // comes after it.
        let authority = match authority.iter().rposition(|&b| b == b':') {
            Some(colon) if !authority.iter().skip(colon).any(|&b| b == b']') => {
                let (host, port) = authority.split_at(colon);
                if port == b":" || (!default_port.is_empty() && port == default_port) {
                    host
                } else {
                    authority
                }
            }
            _ => authority,
        };
        for &b in authority {
            self.push(b);
        }
        // An empty path is `/` (RFC 3986 section 6.2.3).
        self.push(b'/');
        self.state = if end == Some(b'/') {
            State::Path
        } else {
            State::Done
        };
    }

    /// Reads one unit of the path into the queue.
    fn path(&mut self) {
        match self.src.next() {
            None | Some(b'?' | b'#') => self.state = State::Done,
            Some(b'%') => {
                let (hi, lo) = (self.src.next(), self.src.next());
                match (hi.and_then(hex), lo.and_then(hex)) {
                    (Some(h), Some(l)) => {
                        let byte = h << 4 | l;
                        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
                        {
                            self.push(byte);
                        } else {
                            self.push(b'%');
                            self.push(upper_hex(h));
                            self.push(upper_hex(l));
                        }
                    }
                    _ => {
                        // Not an escape: compared as written.
                        self.push(b'%');
                        for b in [hi, lo].into_iter().flatten() {
                            if b == b'?' || b == b'#' {
                                self.state = State::Done;
                                return;
                            }
                            self.push(b);
                        }
                    }
                }
            }
            Some(b) => self.push(b),
        }
    }
}

impl<I: Iterator<Item = u8>> Iterator for Normalized<I> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        loop {
            if self.queue_pos < self.queue_len {
                let b = self.queue.get(self.queue_pos).copied();
                self.queue_pos += 1;
                return b;
            }
            self.queue_len = 0;
            self.queue_pos = 0;
            match self.state {
                State::Scheme => self.scheme(),
                State::Authority => self.authority(),
                State::Path => self.path(),
                State::Done | State::Failed => return None,
            }
        }
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn upper_hex(v: u8) -> u8 {
    match v {
        0..=9 => b'0' + v,
        _ => b'A' + (v - 10),
    }
}

/// Whether two URIs are the same target for a DPoP proof.
pub(super) fn same_target(a: impl Iterator<Item = u8>, b: impl Iterator<Item = u8>) -> bool {
    let (mut a, mut b) = (Normalized::new(a), Normalized::new(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return !a.failed() && !b.failed(),
            (x, y) if x == y => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        same_target(a.bytes(), b.bytes())
    }

    #[test]
    fn normalizes_as_rfc_3986_section_6_2() {
        let base = "https://server.example.com/token";
        for equal in [
            "https://server.example.com/token",
            "HTTPS://Server.Example.COM/token",
            "https://server.example.com:443/token",
            "https://server.example.com:/token",
            "https://server.example.com/token?x=1",
            "https://server.example.com/token#frag",
            "https://server.example.com/%74oken",
            "https://server.example.com/%74oken?%zz",
        ] {
            assert!(same(base, equal), "{equal}");
        }
        for different in [
            "https://server.example.com/Token",
            "https://server.example.com/token/",
            "http://server.example.com/token",
            "https://server.example.com:8443/token",
            "https://server.example.org/token",
            "https://server.example.com/tok",
            "https://server.example.com/tokens",
            "server.example.com/token",
            "//server.example.com/token",
            "https:/server.example.com/token",
            "",
        ] {
            assert!(!same(base, different), "{different}");
        }
        assert!(same("http://a:80", "http://a/"));
        assert!(same("http://a?q", "http://A/#f"));
        assert!(!same("http://a:443/", "http://a/"));
        assert!(same("https://a/%2f%7e", "https://a/%2F~"));
        assert!(!same("https://a/%2f", "https://a//"));
        assert!(same("https://[::1]:443/x", "https://[::1]/x"));
        assert!(!same("https://[::1]/x", "https://[::2]/x"));
        assert!(same("https://a/%4", "https://a/%4"));
        assert!(same("https://a/%", "https://a/%?x"));
        // Neither side a URI: never the same.
        assert!(!same("x", "x"));
        assert!(!same("https://", "https://"));
        let long = [b'a'; AUTHORITY_MAX + 1];
        let mut uri = [0u8; AUTHORITY_MAX + 9];
        uri[..8].copy_from_slice(b"https://");
        uri[8..].copy_from_slice(&long);
        assert!(!same_target(uri.iter().copied(), uri.iter().copied()));
    }
}
