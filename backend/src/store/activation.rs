//! Activation tokens: single-use, expiring, stored hashed. A new one voids
//! the user's earlier ones.

use sqlx::AnyConnection;
use switchboard_shared::UserId;

use crate::auth::tokens;

pub const TTL_HOURS: i64 = 72;

/// A new token for the user (their earlier ones stop working).
pub async fn issue(conn: &mut AnyConnection, user_id: &UserId) -> Result<String, sqlx::Error> {
    sqlx::query("UPDATE activation_tokens SET used = 1 WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
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

/// Spends a live token; the user it was for, if it was live.
pub async fn spend(conn: &mut AnyConnection, token: &str) -> Result<Option<UserId>, sqlx::Error> {
    let hash = tokens::token_hash(token);
    let user: Option<UserId> = sqlx::query_scalar(
        "SELECT user_id FROM activation_tokens WHERE token_hash = $1 AND used = 0 AND expires_at > $2",
    )
    .bind(&hash)
    .bind(crate::time::now_text())
    .fetch_optional(&mut *conn)
    .await?;
    if user.is_some() {
        sqlx::query("UPDATE activation_tokens SET used = 1 WHERE token_hash = $1").bind(&hash).execute(conn).await?;
    }
    Ok(user)
}
