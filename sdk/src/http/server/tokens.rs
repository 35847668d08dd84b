//! The bearer tokens the server accepts (SEC-01), kept only as SHA-256 hashes.
//!
//! A lookup hashes the presented token and compares it with *every* stored hash in constant
//! time, with no early exit, so neither the position of a match nor the length of a common
//! prefix shows in the response time.

use sha2::{Digest, Sha256};

use crate::model::Credential;

type TokenHash = [u8; 32];

fn hash(token: &str) -> TokenHash {
    Sha256::digest(token.as_bytes()).into()
}

/// Whether two hashes are equal, in time independent of where they differ: 1 or 0.
fn equal(a: &TokenHash, b: &TokenHash) -> usize {
    let mut difference = 0u8;
    for (x, y) in a.iter().zip(b) {
        difference |= x ^ y;
    }
    // 1 when `difference` is 0, else 0, without a branch on the secret.
    let difference = std::hint::black_box(difference);
    usize::from(difference).wrapping_sub(1) >> (usize::BITS - 1)
}

/// Bearer tokens and the [`Credential`] of the implementation each stands for, plus the
/// optional token of the test-control routes.
///
/// The server never keeps a token in clear: only its SHA-256 hash. The credentials are what
/// the implementation's [`Connector::connect`](crate::api::Connector::connect) expects (for
/// the reference, what [`Reference::register_principal`](crate::reference::Reference::register_principal)
/// returns); a token and its credential may be the same string or not.
#[derive(Clone, Default)]
pub struct TokenTable {
    principals: Vec<(TokenHash, Credential)>,
    test_control: Option<TokenHash>,
}

impl TokenTable {
    /// An empty table: every principal route answers 401.
    pub fn new() -> Self {
        TokenTable::default()
    }

    /// Accepts `token` as the bearer token of `credential`; a token inserted again now stands
    /// for the new credential.
    pub fn insert(&mut self, token: impl AsRef<str>, credential: Credential) {
        let hashed = hash(token.as_ref());
        match self.principals.iter_mut().find(|(stored, _)| *stored == hashed) {
            Some(entry) => entry.1 = credential,
            None => self.principals.push((hashed, credential)),
        }
    }

    /// Sets the token that guards the `/v1/test/*` routes (SEC-06). Without one those routes
    /// are not mounted. It is not a principal's token: it opens no principal route.
    pub fn set_test_control_token(&mut self, token: impl AsRef<str>) {
        self.test_control = Some(hash(token.as_ref()));
    }

    /// How many principal tokens are accepted.
    pub fn len(&self) -> usize {
        self.principals.len()
    }

    /// Whether no principal token is accepted.
    pub fn is_empty(&self) -> bool {
        self.principals.is_empty()
    }

    /// Whether a test-control token is set.
    pub fn has_test_control_token(&self) -> bool {
        self.test_control.is_some()
    }

    /// The credential `token` stands for, compared in constant time with every stored token.
    pub(super) fn credential(&self, token: &str) -> Option<&Credential> {
        let presented = hash(token);
        let mut found = 0usize;
        let mut any = 0usize;
        for (index, (stored, _)) in self.principals.iter().enumerate() {
            let eq = equal(stored, &presented);
            let mask = eq.wrapping_neg();
            found = (index & mask) | (found & !mask);
            any |= eq;
        }
        if any == 1 { self.principals.get(found).map(|(_, credential)| credential) } else { None }
    }

    /// Whether `token` is the test-control token, compared in constant time.
    pub(super) fn is_test_control(&self, token: &str) -> bool {
        let presented = hash(token);
        self.test_control.as_ref().is_some_and(|stored| equal(stored, &presented) == 1)
    }
}

impl std::fmt::Debug for TokenTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenTable")
            .field("principals", &self.principals.len())
            .field("test_control", &self.test_control.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_map_to_their_credentials_and_nothing_else() {
        let mut table = TokenTable::new();
        table.insert("alpha", Credential::new("cred-a"));
        table.insert("beta", Credential::new("cred-b"));
        table.insert(String::from("gamma"), Credential::new("cred-c"));
        assert_eq!(table.credential("alpha").map(Credential::expose), Some("cred-a"));
        assert_eq!(table.credential("beta").map(Credential::expose), Some("cred-b"));
        assert_eq!(table.credential("gamma").map(Credential::expose), Some("cred-c"));
        assert!(table.credential("alph").is_none());
        assert!(table.credential("").is_none());
        assert!(table.credential("cred-a").is_none());
        table.insert("alpha", Credential::new("cred-z"));
        assert_eq!(table.len(), 3);
        assert_eq!(table.credential("alpha").map(Credential::expose), Some("cred-z"));
    }

    #[test]
    fn the_test_control_token_opens_no_principal_route() {
        let mut table = TokenTable::new();
        assert!(!table.is_test_control("ctl"));
        table.set_test_control_token("ctl");
        assert!(table.is_test_control("ctl"));
        assert!(!table.is_test_control("ctl2"));
        assert!(table.credential("ctl").is_none());
        assert!(table.has_test_control_token());
    }

    #[test]
    fn no_token_is_kept_in_clear() {
        let mut table = TokenTable::new();
        table.insert("very-secret-token", Credential::new("c"));
        table.set_test_control_token("other-secret");
        let shown = format!("{table:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(table.principals.iter().all(|(h, _)| *h != [0; 32]));
    }

    #[test]
    fn equal_is_one_or_zero() {
        let a = hash("a");
        let mut b = a;
        assert_eq!(equal(&a, &b), 1);
        b[31] ^= 0x80;
        assert_eq!(equal(&a, &b), 0);
        b = a;
        b[0] ^= 1;
        assert_eq!(equal(&a, &b), 0);
    }
}
