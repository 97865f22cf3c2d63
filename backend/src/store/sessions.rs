//! Sessions and their refresh tokens. A session is one sign-in; its
//! refresh tokens (a family, whose id is the session's) are opaque, stored
//! as their SHA-256 and rotated on every use. Presenting a spent token ends
//! the session (it was stolen, or replayed) — unless it rotated within the
//! last seconds, which is two tabs of one browser refreshing at once with
//! the same cookie, not a theft. Access tokens name their session, and the
//! caller's query checks it is live (`users::caller`).

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{SessionId, UserId};

use super::Db;
use crate::auth::tokens;

/// How long after a rotation a second presentation of the spent token counts
/// as a race of the same client rather than a replay.
const RACE_WINDOW_SECS: i64 = 10;

/// Where a request comes from, as kept with its session.
pub struct Origin<'a> {
    /// Cut to `USER_AGENT_CHARS`, control characters dropped.
    pub user_agent: Option<&'a str>,
    pub address: String,
}

/// The most of a user agent kept: enough to tell browsers apart.
const USER_AGENT_CHARS: usize = 200;

fn user_agent(origin: &Origin<'_>) -> Option<String> {
    let kept: String = origin.user_agent?.chars().filter(|c| !c.is_control()).take(USER_AGENT_CHARS).collect();
    Some(kept).filter(|ua| !ua.trim().is_empty())
}

/// A live session as listed.
#[derive(Debug, FromRow)]
pub struct SessionRow {
    pub id: SessionId,
    pub created_at: String,
    pub last_used_at: String,
    pub user_agent: Option<String>,
    pub address: Option<String>,
}

#[derive(FromRow)]
struct TokenRow {
    family_id: SessionId,
    user_id: UserId,
    expires_at: String,
}

/// A new session (a sign-in) and its first refresh token.
pub async fn start(db: &Db, user_id: &UserId, origin: &Origin<'_>) -> Result<(SessionId, String), sqlx::Error> {
    let id: SessionId = super::new_id();
    let now = crate::time::now();
    let (now_text, expires) = (crate::time::format(now), expiry(now));
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, user_agent, address, \
         authenticated_at) VALUES ($1, $2, $3, $3, $4, $5, $6, $3)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(&now_text)
    .bind(&expires)
    .bind(user_agent(origin))
    .bind(&origin.address)
    .execute(&mut *tx)
    .await?;
    let token = insert_token(&mut tx, &id, user_id, &now_text, &expires).await?;
    tx.commit().await?;
    Ok((id, token))
}

/// The session's next refresh token, after `spend`: the session was used
/// now, from `origin`. `None` when the session ended meanwhile (an end racing
/// the refresh): the session's row is updated first, so an end either came
/// before (nothing is issued) or waits and revokes the new token too.
pub async fn rotate(
    db: &Db,
    id: &SessionId,
    user_id: &UserId,
    origin: &Origin<'_>,
) -> Result<Option<String>, sqlx::Error> {
    let now = crate::time::now();
    let (now_text, expires) = (crate::time::format(now), expiry(now));
    let mut tx = db.begin().await?;
    let live = sqlx::query(
        "UPDATE sessions SET last_used_at = $2, expires_at = $3, address = $4, \
         user_agent = COALESCE($5, user_agent) WHERE id = $1 AND ended = 0",
    )
    .bind(id)
    .bind(&now_text)
    .bind(&expires)
    .bind(&origin.address)
    .bind(user_agent(origin))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if live == 0 {
        return Ok(None);
    }
    let token = insert_token(&mut tx, id, user_id, &now_text, &expires).await?;
    tx.commit().await?;
    Ok(Some(token))
}

fn expiry(now: time::OffsetDateTime) -> String {
    crate::time::format(now + time::Duration::seconds(tokens::REFRESH_TOKEN_TTL_SECS))
}

async fn insert_token(
    conn: &mut AnyConnection,
    id: &SessionId,
    user_id: &UserId,
    now: &str,
    expires: &str,
) -> Result<String, sqlx::Error> {
    let token = tokens::random_token();
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::token_hash(&token))
    .bind(id)
    .bind(user_id)
    .bind(now)
    .bind(expires)
    .execute(conn)
    .await?;
    Ok(token)
}

pub enum Spent {
    /// The token was live and is now spent.
    Fresh { user_id: UserId, session: SessionId },
    /// Unknown, expired or revoked.
    Invalid,
    /// Already spent: the session is ended now.
    Reused,
    /// Spent moments ago by a concurrent request: nothing is ended.
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
        return Ok(Spent::Fresh { user_id: row.user_id, session: row.family_id });
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
        end(&mut *db.acquire().await?, &row.user_id, &row.family_id).await?;
        tracing::warn!(user = %row.user_id, "refresh token reused; its session is ended");
        Ok(Spent::Reused)
    }
}

/// Sign-out: the session the refresh token belongs to.
pub async fn end_by_token(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    let found: Option<(SessionId, UserId)> =
        sqlx::query_as("SELECT family_id, user_id FROM refresh_tokens WHERE token_hash = $1")
            .bind(tokens::token_hash(token))
            .fetch_optional(db)
            .await?;
    if let Some((session, user_id)) = found {
        end(&mut *db.acquire().await?, &user_id, &session).await?;
    }
    Ok(())
}

/// Ends the user's live sessions but `keep`; how many ended.
pub async fn end_of_user(
    conn: &mut AnyConnection,
    user_id: &UserId,
    keep: Option<&SessionId>,
) -> Result<u64, sqlx::Error> {
    let ended = sqlx::query("UPDATE sessions SET ended = 1 WHERE user_id = $1 AND ended = 0 AND id <> $2")
        .bind(user_id)
        .bind(keep.map_or("", SessionId::as_str))
        .execute(&mut *conn)
        .await?
        .rows_affected();
    sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE user_id = $1 AND revoked = 0 AND family_id <> $2")
        .bind(user_id)
        .bind(keep.map_or("", SessionId::as_str))
        .execute(conn)
        .await?;
    Ok(ended)
}

/// Ends one live session of the user: its refresh tokens and its access
/// tokens stop working. Whether it was live.
pub async fn end(conn: &mut AnyConnection, user_id: &UserId, id: &SessionId) -> Result<bool, sqlx::Error> {
    let ended = sqlx::query("UPDATE sessions SET ended = 1 WHERE id = $1 AND user_id = $2 AND ended = 0")
        .bind(id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if ended == 1 {
        sqlx::query("UPDATE refresh_tokens SET revoked = 1 WHERE family_id = $1").bind(id).execute(conn).await?;
    }
    Ok(ended == 1)
}

/// The person proved who they are again in this live session (step-up).
/// Whether it was live.
pub async fn reauthenticated(db: &Db, user_id: &UserId, id: &SessionId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE sessions SET authenticated_at = $3 WHERE id = $1 AND user_id = $2 AND ended = 0")
        .bind(id)
        .bind(user_id)
        .bind(crate::time::now_text())
        .execute(db)
        .await?
        .rows_affected();
    Ok(done == 1)
}

/// The user's live sessions, the most recently used first.
pub async fn live_of_user(db: &Db, user_id: &UserId) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, created_at, last_used_at, user_agent, address FROM sessions \
         WHERE user_id = $1 AND ended = 0 AND expires_at > $2 ORDER BY last_used_at DESC, id DESC LIMIT $3",
    )
    .bind(user_id)
    .bind(crate::time::now_text())
    .bind(MAX_LISTED)
    .fetch_all(db)
    .await
}

/// Forgets the sessions that can no longer be used — ended, or past their
/// expiry — with their refresh tokens (a spent token of a live session is
/// kept: presenting it again is how a theft is noticed); how many went.
pub async fn sweep(db: &Db) -> Result<u64, sqlx::Error> {
    let now = crate::time::now_text();
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM refresh_tokens WHERE family_id IN (SELECT id FROM sessions WHERE ended = 1 OR expires_at <= $1)",
    )
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    let gone = sqlx::query("DELETE FROM sessions WHERE ended = 1 OR expires_at <= $1")
        .bind(&now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(gone)
}

/// The most sessions listed for one user (an integration signing in on a
/// loop could open thousands).
pub const MAX_LISTED: i64 = 200;
