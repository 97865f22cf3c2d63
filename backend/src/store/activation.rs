//! Activation tokens: single-use, expiring, stored hashed. A new one voids
//! the user's earlier ones.

use sqlx::AnyConnection;
use switchboard_shared::UserId;

use crate::auth::tokens;

pub const TTL_HOURS: i64 = 72;

/// A new token for the user (their earlier ones stop working).
pub async fn issue(conn: &mut AnyConnection, user_id: &UserId) -> Result<String, sqlx::Error> {
    void(conn, user_id).await?;
    let token = tokens::random_token();
    let now = crate::time::now();
    sqlx::query("INSERT INTO activation_tokens (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(tokens::token_hash(&token))
        .bind(user_id)
        .bind(crate::time::format(now))
        .bind(crate::time::format(now + time::Duration::hours(TTL_HOURS)))
        .execute(conn)
        .await?;
    Ok(token)
}

/// Ends every link the user was sent.
pub async fn void(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activation_tokens SET used = 1 WHERE user_id = $1 AND used = 0")
        .bind(user_id)
        .execute(conn)
        .await
        .map(drop)
}

/// The user a live token is for, without spending it.
pub async fn live(conn: &mut AnyConnection, token: &str) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM activation_tokens WHERE token_hash = $1 AND used = 0 AND expires_at > $2")
        .bind(tokens::token_hash(token))
        .bind(crate::time::now_text())
        .fetch_optional(conn)
        .await
}

/// Spends a live token; the user it was for, if it was live. One statement,
/// so of two requests racing with one token only one spends it.
pub async fn spend(conn: &mut AnyConnection, token: &str) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE activation_tokens SET used = 1 WHERE token_hash = $1 AND used = 0 AND expires_at > $2 \
         RETURNING user_id",
    )
    .bind(tokens::token_hash(token))
    .bind(crate::time::now_text())
    .fetch_optional(conn)
    .await
}
