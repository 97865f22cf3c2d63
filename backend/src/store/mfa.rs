//! A person's second factors and the second step of their sign-ins. Each
//! read-then-write is one conditional statement, so racing requests cannot
//! use a code, a recovery code or a sign-in's second step twice.

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::UserId;

use super::Db;
use crate::auth::tokens;

/// How long the second step of a sign-in may wait.
pub const CHALLENGE_TTL_MINUTES: i64 = 5;
/// Codes tried against one second step before it stops working.
pub const CHALLENGE_ATTEMPTS: i64 = 5;

#[derive(Debug, FromRow)]
pub struct Totp {
    pub secret: String,
    /// When a first code enabled it; none while it waits for one.
    pub confirmed_at: Option<String>,
    /// The last time step accepted (no code of it or before works again).
    pub last_step: i64,
}

impl Totp {
    pub fn enabled(&self) -> bool {
        self.confirmed_at.is_some()
    }
}

pub async fn totp(conn: &mut AnyConnection, user: &UserId) -> Result<Option<Totp>, sqlx::Error> {
    sqlx::query_as("SELECT secret, confirmed_at, last_step FROM mfa_totp WHERE user_id = $1")
        .bind(user)
        .fetch_optional(conn)
        .await
}

/// A secret waiting for its first code (replacing one that waited);
/// false if the user's authenticator codes are already enabled.
pub async fn start_totp(conn: &mut AnyConnection, user: &UserId, secret: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO mfa_totp (user_id, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at \
         WHERE mfa_totp.confirmed_at IS NULL",
    )
    .bind(user)
    .bind(secret)
    .bind(crate::time::now_text())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Enables the waiting secret, its code of `step` accepted; false if it was
/// not waiting (enabled meanwhile, or removed) or is not `secret` any more.
pub async fn confirm_totp(
    conn: &mut AnyConnection,
    user: &UserId,
    secret: &str,
    step: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE mfa_totp SET confirmed_at = $1, last_step = $2 \
         WHERE user_id = $3 AND secret = $4 AND confirmed_at IS NULL",
    )
    .bind(crate::time::now_text())
    .bind(step)
    .bind(user)
    .bind(secret)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that a code of `step` was used; false if that step (or a later
/// one) was used already — the code is a replay.
pub async fn use_step(conn: &mut AnyConnection, user: &UserId, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE mfa_totp SET last_step = $1 WHERE user_id = $2 AND confirmed_at IS NOT NULL AND last_step < $1",
    )
    .bind(step)
    .bind(user)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the user's authenticator secret, enabled or waiting; whether an
/// enabled one was removed.
pub async fn remove_totp(conn: &mut AnyConnection, user: &UserId) -> Result<bool, sqlx::Error> {
    let removed: Option<Option<String>> =
        sqlx::query_scalar("DELETE FROM mfa_totp WHERE user_id = $1 RETURNING confirmed_at")
            .bind(user)
            .fetch_optional(conn)
            .await?;
    Ok(removed.flatten().is_some())
}

/// Removes every factor of the user (an administrator's reset); whether
/// one was on.
pub async fn reset(conn: &mut AnyConnection, user: &UserId) -> Result<bool, sqlx::Error> {
    let had_totp = remove_totp(&mut *conn, user).await?;
    let had_passkeys = super::passkeys::remove_all(&mut *conn, user).await? > 0;
    drop_recovery_codes(conn, user).await?;
    Ok(had_totp || had_passkeys)
}

/// The user's second factors: authenticator codes (if on) and passkeys.
pub async fn factors(conn: &mut AnyConnection, user: &UserId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM mfa_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL) \
         + (SELECT COUNT(*) FROM passkeys WHERE user_id = $1)",
    )
    .bind(user)
    .fetch_one(conn)
    .await
}

/// Replaces the user's recovery codes (kept as their digests).
pub async fn replace_recovery_codes(
    conn: &mut AnyConnection,
    user: &UserId,
    codes: &[String],
) -> Result<(), sqlx::Error> {
    drop_recovery_codes(&mut *conn, user).await?;
    for code in codes {
        sqlx::query("INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user)
            .bind(tokens::token_hash(code))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn drop_recovery_codes(conn: &mut AnyConnection, user: &UserId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM mfa_recovery_codes WHERE user_id = $1").bind(user).execute(conn).await.map(drop)
}

/// Uses one recovery code; false if it is not the user's or was used.
pub async fn spend_recovery_code(conn: &mut AnyConnection, user: &UserId, code: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE mfa_recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(crate::time::now_text())
    .bind(user)
    .bind(tokens::token_hash(code))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn recovery_codes_left(conn: &mut AnyConnection, user: &UserId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(user)
        .fetch_one(conn)
        .await
}

/// The second step of a sign-in whose password was right: a token, stored
/// as its digest, for five minutes.
pub async fn issue_challenge(conn: &mut AnyConnection, user: &UserId) -> Result<String, sqlx::Error> {
    let token = tokens::random_token();
    let now = crate::time::now();
    sqlx::query("INSERT INTO mfa_challenges (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(tokens::token_hash(&token))
        .bind(user)
        .bind(crate::time::format(now))
        .bind(crate::time::format(now + time::Duration::minutes(CHALLENGE_TTL_MINUTES)))
        .execute(conn)
        .await?;
    Ok(token)
}

/// Counts one code tried against the second step; the user it is for while
/// it is live (unexpired, unspent, attempts left).
pub async fn try_challenge(conn: &mut AnyConnection, token: &str) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE mfa_challenges SET attempts = attempts + 1 \
         WHERE token_hash = $1 AND spent = 0 AND attempts < $2 AND expires_at > $3 RETURNING user_id",
    )
    .bind(tokens::token_hash(token))
    .bind(CHALLENGE_ATTEMPTS)
    .bind(crate::time::now_text())
    .fetch_optional(conn)
    .await
}

/// Spends the second step of `user`'s sign-in once its factor was right;
/// false if another request spent it first, or it expired meanwhile.
pub async fn spend_challenge(conn: &mut AnyConnection, token: &str, user: &UserId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE mfa_challenges SET spent = 1 WHERE token_hash = $1 AND user_id = $2 AND spent = 0 AND expires_at > $3",
    )
    .bind(tokens::token_hash(token))
    .bind(user)
    .bind(crate::time::now_text())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets second steps that can no longer be used.
pub async fn sweep_challenges(db: &Db) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM mfa_challenges WHERE expires_at <= $1 OR spent = 1")
        .bind(crate::time::now_text())
        .execute(&mut *db.acquire().await?)
        .await?;
    Ok(done.rows_affected())
}
