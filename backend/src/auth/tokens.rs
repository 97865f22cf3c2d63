//! Access tokens (short-lived JWTs) and refresh tokens (opaque, stored hashed).

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{db::Db, error::ApiError};

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
    pub sub: String,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    /// Token type, so that no other kind of token passes as an access token.
    pub typ: String,
}

pub struct JwtKeys {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    pub fn new(kid: String, secret: &[u8]) -> Self {
        Self { kid, encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret) }
    }

    /// The configured secret, else the one stored in the database, else a new
    /// one stored there; every instance sharing the database agrees on it.
    pub async fn load_or_create(db: &Db, configured: Option<&str>) -> Result<Self, ApiError> {
        if let Some(secret) = configured {
            return Ok(Self::new("configured".into(), secret.as_bytes()));
        }
        let kid = uuid::Uuid::now_v7().simple().to_string();
        // Losing the race to another instance is fine: everyone reads the oldest key.
        sqlx::query(
            "INSERT INTO signing_keys (kid, secret, created_at) \
             SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM signing_keys)",
        )
        .bind(&kid)
        .bind(random_token())
        .bind(crate::time::now_text())
        .execute(db)
        .await?;
        let (kid, secret): (String, String) =
            sqlx::query_as("SELECT kid, secret FROM signing_keys ORDER BY created_at, kid LIMIT 1")
                .fetch_one(db)
                .await?;
        Ok(Self::new(kid, secret.as_bytes()))
    }

    pub fn issue_access(&self, user_id: &str, now: u64) -> Result<String, ApiError> {
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.into(),
            exp: now + ACCESS_TOKEN_TTL_SECS,
            nbf: now,
            iat: now,
            typ: ACCESS_TYPE.into(),
        };
        let header = Header { alg: ALGORITHM, kid: Some(self.kid.clone()), ..Header::default() };
        jsonwebtoken::encode(&header, &claims, &self.encoding).map_err(|e| ApiError::Internal(e.to_string()))
    }

    /// The claims of a valid access token; anything else is `Unauthenticated`.
    pub fn verify_access(&self, token: &str) -> Result<AccessClaims, ApiError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| ApiError::Unauthenticated)?;
        if header.alg != ALGORITHM || header.kid.as_deref() != Some(self.kid.as_str()) {
            return Err(ApiError::Unauthenticated);
        }
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &validation)
            .map_err(|_| ApiError::Unauthenticated)?;
        if data.claims.typ != ACCESS_TYPE {
            return Err(ApiError::Unauthenticated);
        }
        Ok(data.claims)
    }
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

    #[test]
    fn a_fresh_token_verifies() {
        let token = keys().issue_access("u1", unix_now()).unwrap();
        assert_eq!(keys().verify_access(&token).unwrap().sub, "u1");
    }

    #[test]
    fn expired_other_key_and_edited_tokens_fail() {
        let expired = keys().issue_access("u1", unix_now() - 2 * ACCESS_TOKEN_TTL_SECS).unwrap();
        assert!(keys().verify_access(&expired).is_err());
        let other =
            JwtKeys::new("k1".into(), b"another secret entirely, same kid").issue_access("u1", unix_now()).unwrap();
        assert!(keys().verify_access(&other).is_err());
        let good = keys().issue_access("u1", unix_now()).unwrap();
        let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
        let forged = URL_SAFE_NO_PAD
            .encode(String::from_utf8(URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap().replace("\"u1\"", "\"u2\""));
        parts[1] = forged;
        assert!(keys().verify_access(&parts.join(".")).is_err());
    }

    #[test]
    fn alg_none_is_refused() {
        let good = keys().issue_access("u1", unix_now()).unwrap();
        let payload = good.split('.').nth(1).unwrap();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT","kid":"k1"}"#);
        assert!(keys().verify_access(&format!("{header}.{payload}.")).is_err());
    }

    #[test]
    fn token_hash_is_stable_and_hides_the_token() {
        let t = random_token();
        assert_eq!(token_hash(&t), token_hash(&t));
        assert_ne!(token_hash(&t), t);
        assert_ne!(random_token(), t);
    }
}
