//! Links mailed to set a password: single-use, expiring, stored hashed.
//! A new link voids the user's earlier ones of the same purpose, and each
//! purpose spends only its own links.

use sqlx::AnyConnection;
use switchboard_shared::UserId;

use crate::auth::tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new person's first password.
    Activation,
    /// A forgotten password.
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Activation => "activation",
            Self::Reset => "reset",
        }
    }

    /// How long a link of this purpose works.
    pub fn ttl(self) -> time::Duration {
        match self {
            Self::Activation => time::Duration::hours(ACTIVATION_TTL_HOURS),
            Self::Reset => time::Duration::minutes(RESET_TTL_MINUTES),
        }
    }
}

pub const ACTIVATION_TTL_HOURS: i64 = 72;
pub const RESET_TTL_MINUTES: i64 = 60;

/// A new link for the user (their earlier ones of this purpose stop working).
pub async fn issue(conn: &mut AnyConnection, user_id: &UserId, purpose: Purpose) -> Result<String, sqlx::Error> {
    sqlx::query("UPDATE activation_tokens SET used = 1 WHERE user_id = $1 AND used = 0 AND purpose = $2")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut *conn)
        .await?;
    let token = tokens::random_token();
    let now = crate::time::now();
    sqlx::query(
        "INSERT INTO activation_tokens (token_hash, user_id, created_at, expires_at, purpose) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::token_hash(&token))
    .bind(user_id)
    .bind(crate::time::format(now))
    .bind(crate::time::format(now + purpose.ttl()))
    .bind(purpose.as_str())
    .execute(conn)
    .await?;
    Ok(token)
}

/// Ends every link the user was sent, whatever its purpose.
pub async fn void(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE activation_tokens SET used = 1 WHERE user_id = $1 AND used = 0")
        .bind(user_id)
        .execute(conn)
        .await
        .map(drop)
}

/// The user a live link of this purpose is for, without spending it.
pub async fn live(conn: &mut AnyConnection, token: &str, purpose: Purpose) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM activation_tokens WHERE token_hash = $1 AND used = 0 AND expires_at > $2 AND purpose = $3",
    )
    .bind(tokens::token_hash(token))
    .bind(crate::time::now_text())
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await
}

/// Spends a live link; the user it was for, if it was live. One statement,
/// so of two requests racing with one link only one spends it.
pub async fn spend(conn: &mut AnyConnection, token: &str, purpose: Purpose) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE activation_tokens SET used = 1 WHERE token_hash = $1 AND used = 0 AND expires_at > $2 \
         AND purpose = $3 RETURNING user_id",
    )
    .bind(tokens::token_hash(token))
    .bind(crate::time::now_text())
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await
}
