//! The attribute values a `Set-Cookie` header carries beyond its name
//! and value, shared by the writer and the parser.

/// The `SameSite` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SameSite {
    /// Sent only with same-site requests.
    Strict,
    /// Also sent with top-level cross-site navigations (the browser default).
    Lax,
    /// Sent with every request; requires `Secure`.
    None,
}

impl SameSite {
    /// The attribute value as written: `Strict`, `Lax` or `None`.
    ///
    /// ```
    /// assert_eq!(jeton::cookie::SameSite::None.as_str(), "None");
    /// ```
    #[inline]
    pub const fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    }

    /// Reads an attribute value, case-insensitively.
    ///
    /// ```
    /// use jeton::cookie::SameSite;
    /// assert_eq!(SameSite::from_bytes(b"lax"), Some(SameSite::Lax));
    /// assert_eq!(SameSite::from_bytes(b"no_restriction"), None);
    /// ```
    pub fn from_bytes(value: &[u8]) -> Option<SameSite> {
        [SameSite::Strict, SameSite::Lax, SameSite::None]
            .into_iter()
            .find(|s| value.eq_ignore_ascii_case(s.as_str().as_bytes()))
    }
}

/// The `Priority` attribute (Chrome's eviction priority).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Priority {
    /// Evicted first.
    Low,
    /// The default.
    Medium,
    /// Evicted last.
    High,
}

impl Priority {
    /// The attribute value as written: `Low`, `Medium` or `High`.
    ///
    /// ```
    /// assert_eq!(jeton::cookie::Priority::Medium.as_str(), "Medium");
    /// ```
    #[inline]
    pub const fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "Low",
            Priority::Medium => "Medium",
            Priority::High => "High",
        }
    }

    /// Reads an attribute value, case-insensitively.
    ///
    /// ```
    /// use jeton::cookie::Priority;
    /// assert_eq!(Priority::from_bytes(b"HIGH"), Some(Priority::High));
    /// assert_eq!(Priority::from_bytes(b"urgent"), None);
    /// ```
    pub fn from_bytes(value: &[u8]) -> Option<Priority> {
        [Priority::Low, Priority::Medium, Priority::High]
            .into_iter()
            .find(|p| value.eq_ignore_ascii_case(p.as_str().as_bytes()))
    }
}
