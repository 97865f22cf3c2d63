//! Access tokens (short-lived JWTs) and refresh tokens (opaque, stored hashed).

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use switchboard_shared::{SessionId, UserId};

use std::sync::{
    atomic::{AtomicU64, Ordering},
    RwLock,
};

use crate::store::{signing_keys, Db};

/// The longest an access token lives; key retirement counts on it.
pub const ACCESS_TOKEN_TTL_SECS: u64 = 15 * 60;
pub const REFRESH_TOKEN_TTL_SECS: i64 = 30 * 24 * 3600;
const ISSUER: &str = "switchboard";
const AUDIENCE: &str = "switchboard-api";
const ACCESS_TYPE: &str = "access";
/// Pinned: a token naming any other algorithm is refused.
const ALGORITHM: Algorithm = Algorithm::HS256;

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: UserId,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    /// Token type, so that no other kind of token passes as an access token.
    pub typ: String,
    /// The session (sign-in) the token belongs to: when it ends, so does
    /// the token. A token without one (issued before sessions) is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<SessionId>,
}

/// One signing key. `until` (unix seconds) is when a superseded key stops
/// being accepted: one token lifetime after its successor appeared.
struct Key {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    until: Option<u64>,
}

impl Key {
    fn new(kid: String, secret: &[u8], until: Option<u64>) -> Self {
        Self { kid, encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), until }
    }
}

/// The keys in force: tokens are signed with the newest (last); older ones
/// verify tokens until those can have expired.
struct KeyRing(Vec<Key>);

impl KeyRing {
    /// From stored keys, oldest first: (kid, secret, created at in unix seconds).
    fn from_rows(rows: Vec<(String, String, u64)>, now: u64) -> Self {
        let successors: Vec<Option<u64>> = rows.iter().skip(1).map(|r| Some(r.2)).chain([None]).collect();
        let keys = rows
            .into_iter()
            .zip(successors)
            .map(|((kid, secret, _), successor)| {
                Key::new(kid, secret.as_bytes(), successor.map(|s| s + ACCESS_TOKEN_TTL_SECS + LEEWAY_SECS))
            })
            .filter(|k| k.until.is_none_or(|u| u > now))
            .collect();
        Self(keys)
    }

    fn signing(&self) -> &Key {
        self.0.last().expect("a key ring is never empty")
    }

    fn accepting(&self, kid: &str, now: u64) -> Option<&Key> {
        self.0.iter().find(|k| k.kid == kid && k.until.is_none_or(|u| u > now))
    }
}

enum Source {
    /// `SWITCHBOARD_JWT_SECRET` (and `…_PREVIOUS_SECRET` while rotating).
    Configured,
    Database(Db),
}

pub struct JwtKeys {
    ring: RwLock<KeyRing>,
    source: Source,
    /// When an unknown `kid` last made us re-read the keys (unix seconds).
    looked_up_at: AtomicU64,
    /// The lifetime of the access tokens issued, at most `ACCESS_TOKEN_TTL_SECS`.
    access_ttl: u64,
}

const LEEWAY_SECS: u64 = 5;
/// An unknown `kid` makes an instance re-read the keys at most this often.
const RELOAD_EVERY_SECS: u64 = 5;

impl JwtKeys {
    /// A ring of configured secrets, the newest last (tests, and `SWITCHBOARD_JWT_SECRET`).
    pub fn new(kid: String, secret: &[u8]) -> Self {
        Self::configured(vec![(kid, secret.to_vec())])
    }

    fn configured(secrets: Vec<(String, Vec<u8>)>) -> Self {
        let keys = secrets.into_iter().map(|(kid, secret)| Key::new(kid, &secret, None)).collect();
        Self {
            ring: RwLock::new(KeyRing(keys)),
            source: Source::Configured,
            looked_up_at: AtomicU64::new(0),
            access_ttl: ACCESS_TOKEN_TTL_SECS,
        }
    }

    /// The configured secrets, else the keys stored in the database (a first
    /// one is created when there is none): every instance sharing the
    /// database signs and verifies alike.
    pub async fn load_or_create(
        db: &Db,
        configured: Option<&str>,
        previous: Option<&str>,
    ) -> Result<Self, sqlx::Error> {
        if let Some(secret) = configured {
            let mut secrets: Vec<(String, Vec<u8>)> =
                previous.map(|p| ("previous".into(), p.as_bytes().to_vec())).into_iter().collect();
            secrets.push(("configured".into(), secret.as_bytes().to_vec()));
            return Ok(Self::configured(secrets));
        }
        signing_keys::create_first(db).await?;
        let keys = Self {
            ring: RwLock::new(KeyRing(Vec::new())),
            source: Source::Database(db.clone()),
            looked_up_at: AtomicU64::new(0),
            access_ttl: ACCESS_TOKEN_TTL_SECS,
        };
        keys.reload(db).await?;
        Ok(keys)
    }

    /// Issues access tokens living `secs` (capped at `ACCESS_TOKEN_TTL_SECS`).
    pub fn with_access_ttl(mut self, secs: u64) -> Self {
        self.access_ttl = secs.min(ACCESS_TOKEN_TTL_SECS);
        self
    }

    pub fn access_ttl(&self) -> u64 {
        self.access_ttl
    }

    async fn reload(&self, db: &Db) -> Result<(), sqlx::Error> {
        let rows = signing_keys::all(db).await?;
        let now = unix_now();
        let rows =
            rows.into_iter().map(|(kid, secret, created)| (kid, secret, crate::time::parse_unix(&created))).collect();
        let ring = KeyRing::from_rows(rows, now);
        if !ring.0.is_empty() {
            *self.ring.write().unwrap_or_else(|e| e.into_inner()) = ring;
        }
        Ok(())
    }

    /// Adds a new signing key (`switchboard rotate-signing-key`). Instances
    /// pick it up when they first see a token signed with it, or restart;
    /// until then they sign with the previous key, which stays accepted.
    pub async fn rotate(db: &Db) -> Result<String, sqlx::Error> {
        signing_keys::add(db).await
    }

    pub fn issue_access(
        &self,
        user_id: &UserId,
        session: &SessionId,
        now: u64,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = AccessClaims {
            sid: Some(session.clone()),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.clone(),
            exp: now + self.access_ttl,
            nbf: now,
            iat: now,
            typ: ACCESS_TYPE.into(),
        };
        let ring = self.ring.read().unwrap_or_else(|e| e.into_inner());
        let key = ring.signing();
        let header = Header { alg: ALGORITHM, kid: Some(key.kid.clone()), ..Header::default() };
        jsonwebtoken::encode(&header, &claims, &key.encoding)
    }

    /// The claims of a valid access token; `None` for anything else.
    pub async fn verify_access(&self, token: &str) -> Result<Option<AccessClaims>, sqlx::Error> {
        let Ok(header) = jsonwebtoken::decode_header(token) else { return Ok(None) };
        let Some(kid) = header.kid.filter(|_| header.alg == ALGORITHM) else { return Ok(None) };
        match self.verify_with(token, &kid) {
            Verified::Valid(claims) => return Ok(Some(claims)),
            Verified::Invalid => return Ok(None),
            Verified::UnknownKey => {}
        }
        // A key another instance added since we loaded ours?
        if let Source::Database(db) = &self.source {
            let now = unix_now();
            if now >= self.looked_up_at.load(Ordering::Relaxed) + RELOAD_EVERY_SECS {
                self.looked_up_at.store(now, Ordering::Relaxed);
                self.reload(db).await?;
                if let Verified::Valid(claims) = self.verify_with(token, &kid) {
                    return Ok(Some(claims));
                }
            }
        }
        Ok(None)
    }

    fn verify_with(&self, token: &str, kid: &str) -> Verified {
        let ring = self.ring.read().unwrap_or_else(|e| e.into_inner());
        let Some(key) = ring.accepting(kid, unix_now()) else { return Verified::UnknownKey };
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECS;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        match jsonwebtoken::decode::<AccessClaims>(token, &key.decoding, &validation) {
            Ok(data) if data.claims.typ == ACCESS_TYPE => Verified::Valid(data.claims),
            _ => Verified::Invalid,
        }
    }
}

enum Verified {
    Valid(AccessClaims),
    Invalid,
    /// No accepted key has the token's `kid` (yet).
    UnknownKey,
}

/// 256 random bits, URL-safe: refresh tokens, activation tokens, secrets.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of an opaque token: never the token itself.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> JwtKeys {
        JwtKeys::new("k1".into(), b"a test secret of reasonable length")
    }

    #[tokio::test]
    async fn a_fresh_token_verifies() {
        let token = keys().issue_access(&UserId::from("u1"), &SessionId::from("s1"), unix_now()).unwrap();
        assert_eq!(keys().verify_access(&token).await.unwrap().unwrap().sub, "u1");
    }

    #[tokio::test]
    async fn expired_other_key_and_edited_tokens_fail() {
        let expired = keys()
            .issue_access(&UserId::from("u1"), &SessionId::from("s1"), unix_now() - 2 * ACCESS_TOKEN_TTL_SECS)
            .unwrap();
        assert!(keys().verify_access(&expired).await.unwrap().is_none());
        let other = JwtKeys::new("k1".into(), b"another secret entirely, same kid")
            .issue_access(&UserId::from("u1"), &SessionId::from("s1"), unix_now())
            .unwrap();
        assert!(keys().verify_access(&other).await.unwrap().is_none());
        let good = keys().issue_access(&UserId::from("u1"), &SessionId::from("s1"), unix_now()).unwrap();
        let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
        let forged = URL_SAFE_NO_PAD
            .encode(String::from_utf8(URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap().replace("\"u1\"", "\"u2\""));
        parts[1] = forged;
        assert!(keys().verify_access(&parts.join(".")).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_token_for_another_audience_or_issuer_is_refused() {
        let now = unix_now();
        let secret = b"a test secret of reasonable length";
        let header = Header { alg: ALGORITHM, kid: Some("k1".into()), ..Header::default() };
        for (iss, aud) in [(ISSUER, "another-api"), ("someone-else", AUDIENCE)] {
            let claims = AccessClaims {
                iss: iss.into(),
                aud: aud.into(),
                sub: UserId::from("u1"),
                exp: now + 60,
                nbf: now,
                iat: now,
                typ: ACCESS_TYPE.into(),
                sid: Some(SessionId::from("s1")),
            };
            let token = jsonwebtoken::encode(&header, &claims, &EncodingKey::from_secret(secret)).unwrap();
            assert!(keys().verify_access(&token).await.unwrap().is_none(), "{iss} / {aud}");
        }
    }

    #[tokio::test]
    async fn alg_none_is_refused() {
        let good = keys().issue_access(&UserId::from("u1"), &SessionId::from("s1"), unix_now()).unwrap();
        let payload = good.split('.').nth(1).unwrap();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT","kid":"k1"}"#);
        assert!(keys().verify_access(&format!("{header}.{payload}.")).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_superseded_key_is_accepted_for_one_token_lifetime() {
        let rows = |next_at: u64| {
            vec![("old".to_owned(), "s1".to_owned(), 1_000), ("new".to_owned(), "s2".to_owned(), next_at)]
        };
        let now = 10_000;
        let ring = KeyRing::from_rows(rows(now - 60), now);
        assert_eq!(ring.signing().kid, "new");
        assert!(ring.accepting("old", now).is_some(), "superseded a minute ago");
        assert!(
            ring.accepting("old", now - 60 + ACCESS_TOKEN_TTL_SECS + LEEWAY_SECS).is_none(),
            "its tokens have expired"
        );
        let ring = KeyRing::from_rows(rows(now - ACCESS_TOKEN_TTL_SECS - 60), now);
        assert_eq!(ring.0.len(), 1, "long superseded keys are not even loaded");
    }

    #[tokio::test]
    async fn a_configured_previous_secret_verifies_but_does_not_sign() {
        let old = JwtKeys::new("previous".into(), b"the previous secret of this test");
        let token = old.issue_access(&UserId::from("u1"), &SessionId::from("s1"), unix_now()).unwrap();
        let rotated = JwtKeys::configured(vec![
            ("previous".into(), b"the previous secret of this test".to_vec()),
            ("configured".into(), b"the current secret of this test".to_vec()),
        ]);
        assert_eq!(rotated.verify_access(&token).await.unwrap().unwrap().sub, "u1");
        let fresh = rotated.issue_access(&UserId::from("u2"), &SessionId::from("s1"), unix_now()).unwrap();
        assert_eq!(jsonwebtoken::decode_header(&fresh).unwrap().kid.as_deref(), Some("configured"));
    }

    #[test]
    fn token_hash_is_stable_and_hides_the_token() {
        let t = random_token();
        assert_eq!(token_hash(&t), token_hash(&t));
        assert_ne!(token_hash(&t), t);
        assert_ne!(random_token(), t);
    }
}
