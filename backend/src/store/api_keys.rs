//! API keys of service users: `sbk_{id}_{secret}`, of which only the SHA-256
//! of the secret is stored.

use sqlx::FromRow;
use switchboard_shared::{ApiKey, ApiKeyId, UserId};

use super::Db;
use crate::auth::tokens;

const PREFIX: &str = "sbk_";
/// Last use is written at most this often per key.
const LAST_USED_EVERY_SECS: i64 = 60;

#[derive(FromRow)]
struct Row {
    id: ApiKeyId,
    name: String,
    created_at: String,
    last_used_at: Option<String>,
}

/// Whether a bearer credential is an API key (rather than an access token).
pub fn is_api_key(token: &str) -> bool {
    token.starts_with(PREFIX)
}

/// Creates a key for the user; returns (id, created at, the key itself).
pub async fn create(
    conn: &mut sqlx::AnyConnection,
    user_id: &UserId,
    name: &str,
) -> Result<(ApiKeyId, String, String), sqlx::Error> {
    let id: ApiKeyId = super::new_id();
    let secret = tokens::random_token();
    let created_at = crate::time::now_text();
    sqlx::query("INSERT INTO api_keys (id, user_id, name, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(user_id)
        .bind(name)
        .bind(tokens::token_hash(&secret))
        .bind(&created_at)
        .execute(conn)
        .await?;
    let key = format!("{PREFIX}{id}_{secret}");
    Ok((id, created_at, key))
}

pub async fn list(db: &Db, user_id: &UserId) -> Result<Vec<ApiKey>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, created_at, last_used_at FROM api_keys WHERE user_id = $1 AND revoked = 0 ORDER BY created_at, id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ApiKey { id: r.id, name: r.name, created_at: r.created_at, last_used_at: r.last_used_at })
        .collect())
}

/// Revokes the user's key; false when the user has no such live key.
pub async fn revoke(conn: &mut sqlx::AnyConnection, user_id: &UserId, key_id: &ApiKeyId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE api_keys SET revoked = 1 WHERE id = $1 AND user_id = $2 AND revoked = 0")
        .bind(key_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The user a live key belongs to, recording its use.
pub async fn authenticate(db: &Db, key: &str) -> Result<Option<UserId>, sqlx::Error> {
    let Some((id, secret)) = key.strip_prefix(PREFIX).and_then(|rest| rest.split_once('_')) else {
        return Ok(None);
    };
    let found: Option<(UserId, String)> =
        sqlx::query_as("SELECT user_id, secret_hash FROM api_keys WHERE id = $1 AND revoked = 0")
            .bind(id)
            .fetch_optional(db)
            .await?;
    // Comparing hashes, not secrets: timing tells nothing about the secret.
    let Some((user_id, _)) = found.filter(|(_, hash)| *hash == tokens::token_hash(secret)) else {
        return Ok(None);
    };
    let now = crate::time::now();
    sqlx::query("UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)")
        .bind(id)
        .bind(crate::time::format(now))
        .bind(crate::time::format(now - time::Duration::seconds(LAST_USED_EVERY_SECS)))
        .execute(db)
        .await?;
    Ok(Some(user_id))
}
