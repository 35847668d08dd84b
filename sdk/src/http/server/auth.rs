//! `Authorization: Bearer <token>` (RFC 6750) on every route but the public one (SEC-01): a
//! missing, malformed or unknown token is a 401 problem with a `WWW-Authenticate` challenge,
//! before any path parameter or body is looked at.

use axum::http::{HeaderMap, header};

use super::problem::Failure;
use super::tokens::TokenTable;
use crate::model::Credential;

const MISSING: &str = "Bearer";
const MALFORMED: &str = r#"Bearer error="invalid_request""#;
const UNKNOWN: &str = r#"Bearer error="invalid_token""#;

/// The token of the request's one `Authorization: Bearer` header.
fn bearer(headers: &HeaderMap) -> Result<&str, Failure> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Err(Failure::unauthenticated(
            "no Authorization header: send `Authorization: Bearer <token>`",
            MISSING,
        ));
    };
    let malformed =
        || Failure::unauthenticated("malformed Authorization header: expected `Bearer <token>`", MALFORMED);
    if values.next().is_some() {
        return Err(malformed());
    }
    let text = value.to_str().map_err(|_| malformed())?;
    let (scheme, token) = text.split_once(' ').ok_or_else(malformed)?;
    let token = token.trim_matches(' ');
    // The scheme is case-insensitive (RFC 9110 §11.1); a token is one run of visible ASCII.
    if !scheme.eq_ignore_ascii_case("bearer")
        || token.is_empty()
        || !token.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(malformed());
    }
    Ok(token)
}

/// The credential of a principal route's caller.
pub(super) fn principal<'t>(tokens: &'t TokenTable, headers: &HeaderMap) -> Result<&'t Credential, Failure> {
    let token = bearer(headers)?;
    tokens.credential(token).ok_or_else(|| Failure::unauthenticated("unknown bearer token", UNKNOWN))
}

/// Whether the caller of a test-control route holds the test-control token.
pub(super) fn test_control(tokens: &TokenTable, headers: &HeaderMap) -> Result<(), Failure> {
    let token = bearer(headers)?;
    if tokens.is_test_control(token) {
        Ok(())
    } else {
        Err(Failure::unauthenticated("test-control routes need the test-control token", UNKNOWN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn only_one_well_formed_bearer_header_gives_a_token() {
        assert_eq!(bearer(&headers(&["Bearer abc"])).unwrap(), "abc");
        assert_eq!(bearer(&headers(&["bearer ref-1-x:y"])).unwrap(), "ref-1-x:y");
        for bad in [
            &["Basic abc"][..],
            &["Bearer"],
            &["Bearer "],
            &["Bearer a b"],
            &["Bearer a", "Bearer b"],
            &["abc"],
        ] {
            let failure = bearer(&headers(bad)).unwrap_err();
            assert_eq!(failure.status, 401, "{bad:?}");
            assert_eq!(failure.challenge, Some(MALFORMED), "{bad:?}");
        }
        assert_eq!(bearer(&HeaderMap::new()).unwrap_err().challenge, Some(MISSING));
    }
}
