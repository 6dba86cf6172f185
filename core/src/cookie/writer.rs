//! Writing a `Cookie` request header from name-value pairs.

use crate::cookie::rules::{check_name, check_value};
use crate::out::Out;
use crate::{Error, percent};

/// Writes `name=value; name=value` into a caller buffer, refusing names
/// that are not RFC 7230 tokens and values that are not RFC 6265
/// cookie-values, so that what it writes passes
/// [`CookieHeader::check_strict`](crate::cookie::CookieHeader::check_strict)
/// and reads back pair for pair.
///
/// ```
/// use jeton::cookie::{CookieHeader, CookieHeaderWriter};
///
/// let mut buf = [0u8; 64];
/// let mut w = CookieHeaderWriter::new(&mut buf);
/// w.pair("sid", "a1b2")?;
/// w.pair_encoded("q", "x y")?;
/// assert_eq!(w.pair("bad name", "v").err(), Some(jeton::Error::CookieInvalidName));
/// let n = w.finish()?;
/// assert_eq!(&buf[..n], b"sid=a1b2; q=x%20y");
/// assert!(CookieHeader::parse(&buf[..n])?.check_strict().is_ok());
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Debug)]
pub struct CookieHeaderWriter<'b> {
    out: Out<'b>,
}

impl<'b> CookieHeaderWriter<'b> {
    /// A writer that fills `buf` from the start.
    ///
    /// ```
    /// let mut buf = [0u8; 8];
    /// let w = jeton::cookie::CookieHeaderWriter::new(&mut buf);
    /// assert_eq!(w.finish(), Ok(0)); // no pair: an empty header
    /// ```
    pub fn new(buf: &'b mut [u8]) -> Self {
        CookieHeaderWriter { out: Out::new(buf) }
    }

    fn separator(&mut self) {
        if !self.out.is_empty() {
            self.out.put(b"; ");
        }
    }

    /// Appends `name=value` as given.
    ///
    /// # Errors
    ///
    /// [`Error::CookieEmptyName`], [`Error::CookieInvalidName`] or
    /// [`Error::CookieInvalidValue`]; nothing is appended then.
    ///
    /// ```
    /// use jeton::{Error, cookie::CookieHeaderWriter};
    /// let mut buf = [0u8; 64];
    /// let mut w = CookieHeaderWriter::new(&mut buf);
    /// // RFC 6265 section 3.1's header.
    /// w.pair("SID", "31d4d96e407aad42")?.pair("lang", "en-US")?;
    /// assert_eq!(w.pair("a", "x;y").err(), Some(Error::CookieInvalidValue));
    /// assert_eq!(w.pair("", "1").err(), Some(Error::CookieEmptyName));
    /// let n = w.finish()?;
    /// assert_eq!(&buf[..n], b"SID=31d4d96e407aad42; lang=en-US");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn pair<N, V>(&mut self, name: &N, value: &V) -> Result<&mut Self, Error>
    where
        N: AsRef<[u8]> + ?Sized,
        V: AsRef<[u8]> + ?Sized,
    {
        let (name, value) = (name.as_ref(), value.as_ref());
        check_name(name)?;
        check_value(value)?;
        self.separator();
        self.out.put(name);
        self.out.push(b'=');
        self.out.put(value);
        Ok(self)
    }

    /// Appends `name=value` with the value percent-encoded as npm
    /// `cookie`'s `stringifyCookie` does by default (see
    /// [`percent::encode_cookie_value`]).
    ///
    /// # Errors
    ///
    /// [`Error::CookieEmptyName`] or [`Error::CookieInvalidName`]; nothing
    /// is appended then.
    ///
    /// ```
    /// use jeton::cookie::CookieHeaderWriter;
    /// let mut buf = [0u8; 64];
    /// let mut w = CookieHeaderWriter::new(&mut buf);
    /// w.pair_encoded("greeting", "hello, world;")?.pair_encoded("plain", "abc")?;
    /// let n = w.finish()?;
    /// assert_eq!(&buf[..n], b"greeting=hello%2C%20world%3B; plain=abc");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn pair_encoded<N, V>(&mut self, name: &N, value: &V) -> Result<&mut Self, Error>
    where
        N: AsRef<[u8]> + ?Sized,
        V: AsRef<[u8]> + ?Sized,
    {
        let name = name.as_ref();
        check_name(name)?;
        self.separator();
        self.out.put(name);
        self.out.push(b'=');
        percent::encode_cookie_value_into(value.as_ref(), &mut self.out);
        Ok(self)
    }

    /// The header length.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] with the length needed; the buffer then
    /// holds nothing of the header.
    ///
    /// ```
    /// use jeton::{Error, cookie::CookieHeaderWriter};
    /// let mut buf = [0u8; 8];
    /// let mut w = CookieHeaderWriter::new(&mut buf);
    /// w.pair("SID", "31d4d96e407aad42")?;
    /// assert_eq!(w.finish(), Err(Error::BufferTooSmall { needed: 20 }));
    /// assert_eq!(buf, [0u8; 8]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn finish(self) -> Result<usize, Error> {
        self.out.finish()
    }
}
