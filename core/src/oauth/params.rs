//! Checks the request builders share: parameter syntax and extra
//! parameters that would collide with the builder's own.

use super::url::check_endpoint;
use crate::Error;
use crate::tables::is_scope_token;

/// RFC 6749 section 3.3: `scope-token = 1*NQCHAR`, `NQCHAR = %x21 /
/// %x23-5B / %x5D-7E`.
pub(crate) fn check_scope(scope: &[&str]) -> Result<(), Error> {
    if scope.iter().all(|t| is_scope_token(t.as_bytes())) {
        Ok(())
    } else {
        Err(Error::OauthParameterInvalid)
    }
}

/// A value that must not be empty.
pub(crate) fn check_non_empty(value: &str) -> Result<(), Error> {
    if value.is_empty() {
        Err(Error::OauthParameterInvalid)
    } else {
        Ok(())
    }
}

/// An absolute URI without a fragment: a `redirect_uri` (RFC 6749 section
/// 3.1.2) or a `resource` (RFC 8707 section 2).
pub(crate) fn check_uri(uri: &str) -> Result<(), Error> {
    check_endpoint(uri.as_bytes()).map_err(|_| Error::OauthParameterInvalid)
}

/// Extra parameters: names not empty, and none that the builder writes
/// itself (`reserved`).
pub(crate) fn check_extra(extra: &[(&str, &str)], reserved: &[&str]) -> Result<(), Error> {
    for (name, _) in extra {
        check_non_empty(name)?;
        if reserved.contains(name) {
            return Err(Error::OauthDuplicateParameter);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_tokens() {
        assert_eq!(check_scope(&[]), Ok(()));
        assert_eq!(check_scope(&["openid", "https://x/y!#$[]~"]), Ok(()));
        for bad in ["", "a b", "a\"b", "a\\b", "é", "a\tb"] {
            assert_eq!(
                check_scope(&["ok", bad]),
                Err(Error::OauthParameterInvalid),
                "{bad}"
            );
        }
        assert_eq!(
            check_extra(&[("a", "1"), ("state", "x")], &["state"]),
            Err(Error::OauthDuplicateParameter)
        );
        assert_eq!(
            check_extra(&[("", "1")], &[]),
            Err(Error::OauthParameterInvalid)
        );
        assert_eq!(check_extra(&[("a", ""), ("a", "")], &["b"]), Ok(()));
    }
}
