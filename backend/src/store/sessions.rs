//! Refresh tokens: opaque, stored as their SHA-256, rotated on every use. A
//! family is every token descended from one sign-in; presenting a spent
//! token revokes its whole family (it was stolen, or replayed) — unless the
//! family rotated within the last seconds, which is two tabs of one browser
//! refreshing at once with the same cookie, not a theft.

use sqlx::FromRow;
use switchboard_shared::UserId;

use super::Db;
use crate::auth::tokens;

/// How long after a rotation a second presentation of the spent token counts
/// as a race of the same client rather than a replay.
const RACE_WINDOW_SECS: i64 = 10;

#[derive(FromRow)]
struct TokenRow {
    family_id: String,
    user_id: UserId,
    expires_at: String,
}

/// A new token in `family` (a new family for a sign-in); returns the token.
pub async fn issue(db: &Db, user_id: &UserId, family: Option<&str>) -> Result<String, sqlx::Error> {
    let token = tokens::random_token();
    let created = crate::time::now();
    let family = family.map_or_else(super::new_id, str::to_owned);
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::token_hash(&token))
    .bind(&family)
    .bind(user_id)
    .bind(crate::time::format(created))
    .bind(crate::time::format(created + time::Duration::seconds(tokens::REFRESH_TOKEN_TTL_SECS)))
    .execute(db)
    .await?;
    Ok(token)
}

pub enum Spent {
    /// The token was live and is now spent: (user id, family).
    Fresh { user_id: UserId, family: String },
    /// Unknown, expired or revoked.
    Invalid,
    /// Already spent: the family is revoked now.
    Reused,
    /// Spent moments ago by a concurrent request: nothing is revoked.
    Raced,
}

/// Spends a refresh token. The conditional update makes two concurrent
/// presentations of one token give one rotation and one reuse.
pub async fn spend(db: &Db, token: &str) -> Result<Spent, sqlx::Error> {
    let hash = tokens::token_hash(token);
    let Some(row) = sqlx::query_as::<_, TokenRow>(
        "SELECT family_id, user_id, expires_at FROM refresh_tokens WHERE token_hash = $1 AND revoked = 0",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?
    else {
        return Ok(Spent::Invalid);
    };
    if row.expires_at <= crate::time::now_text() {
        return Ok(Spent::Invalid);
    }
    let now = crate::time::now();
    let spent = sqlx::query(
        "UPDATE refresh_tokens SET used = 1, used_at = $2 WHERE token_hash = $1 AND used = 0 AND revoked = 0",
    )
    .bind(&hash)
    .bind(crate::time::format(now))
    .execute(db)
    .await?
    .rows_affected();
    if spent == 1 {
        return Ok(Spent::Fresh { user_id: row.user_id, family: row.family_id });
    }
    let used_at: Option<String> = sqlx::query_scalar("SELECT used_at FROM refresh_tokens WHERE token_hash = $1")
        .bind(&hash)
        .fetch_optional(db)
        .await?
        .flatten();
    let window_start = crate::time::format(now - time::Duration::seconds(RACE_WINDOW_SECS));
    if used_at.is_some_and(|at| at > window_start) {
        Ok(Spent::Raced)
    } else {
        revoke_family(db, &row.family_id).await?;
        tracing::warn!(user = %row.user_id, "refresh token reused; its sessions are revoked");
        Ok(Spent::Reused)
    }
}

pub async fn revoke_family(db: &Db, family: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE family_id = $1").bind(family).execute(db).await?;
    Ok(())
}

/// Logout: the token's whole family (the session it belongs to).
pub async fn revoke(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    let family: Option<String> = sqlx::query_scalar("SELECT family_id FROM refresh_tokens WHERE token_hash = $1")
        .bind(tokens::token_hash(token))
        .fetch_optional(db)
        .await?;
    if let Some(family) = family {
        revoke_family(db, &family).await?;
    }
    Ok(())
}

/// Ends every session of the user (blocked), in the open write.
pub async fn revoke_user(conn: &mut sqlx::AnyConnection, user_id: &UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE user_id = $1").bind(user_id).execute(conn).await?;
    Ok(())
}
