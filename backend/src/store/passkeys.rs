//! Passkeys and the WebAuthn ceremonies between their start and finish.
//! A ceremony is taken (deleted) by the statement that reads it, so racing
//! finishes cannot both use one.

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{PasskeyId, UserId};

use super::Db;
use crate::auth::tokens;

/// How long a ceremony may wait for the browser (its options' timeout).
pub const CEREMONY_TTL_MINUTES: i64 = 5;
/// Ceremonies that may wait at once, all purposes together: the
/// unauthenticated start of a passkey sign-in writes one, so a stranger's
/// flood is refused (503) rather than grow the table.
pub const CEREMONIES_WAITING: i64 = 10_000;
/// Passkeys one person may register.
pub const PER_USER: i64 = 20;

#[derive(Debug, FromRow)]
pub struct PasskeyRow {
    pub id: PasskeyId,
    pub user_id: UserId,
    pub name: String,
    /// webauthn-rs's `Passkey`, as JSON.
    pub credential: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

const COLUMNS: &str = "id, user_id, name, credential, created_at, last_used_at";

pub async fn of_user(conn: &mut AnyConnection, user: &UserId) -> Result<Vec<PasskeyRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY created_at, id"))
        .bind(user)
        .fetch_all(conn)
        .await
}

pub async fn by_credential(conn: &mut AnyConnection, credential_id: &str) -> Result<Option<PasskeyRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM passkeys WHERE credential_id = $1"))
        .bind(credential_id)
        .fetch_optional(conn)
        .await
}

pub async fn count(conn: &mut AnyConnection, user: &UserId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE user_id = $1").bind(user).fetch_one(conn).await
}

/// Adds a passkey; false if its credential is registered already (to
/// anyone: a credential belongs to one account).
pub async fn insert(
    conn: &mut AnyConnection,
    user: &UserId,
    credential_id: &str,
    name: &str,
    credential: &str,
) -> Result<Option<PasskeyRow>, sqlx::Error> {
    let id: PasskeyId = super::new_id();
    let done = sqlx::query(
        "INSERT INTO passkeys (id, user_id, credential_id, name, credential, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (credential_id) DO NOTHING",
    )
    .bind(&id)
    .bind(user)
    .bind(credential_id)
    .bind(name)
    .bind(credential)
    .bind(crate::time::now_text())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM passkeys WHERE id = $1")).bind(&id).fetch_optional(conn).await
}

/// After a sign-in with it: its new counter and backup state, and when.
pub async fn used(conn: &mut AnyConnection, id: &PasskeyId, credential: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE passkeys SET last_used_at = $1, credential = COALESCE($2, credential) WHERE id = $3")
        .bind(crate::time::now_text())
        .bind(credential)
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// Removes one of the user's passkeys; whether it was theirs.
pub async fn remove(conn: &mut AnyConnection, user: &UserId, id: &PasskeyId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("DELETE FROM passkeys WHERE id = $1 AND user_id = $2 RETURNING name")
        .bind(id)
        .bind(user)
        .fetch_optional(conn)
        .await
}

pub async fn remove_all(conn: &mut AnyConnection, user: &UserId) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM passkeys WHERE user_id = $1").bind(user).execute(conn).await?.rows_affected())
}

/// What a ceremony is for: it finishes only as what it started as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Register,
    /// A sign-in with a passkey alone (discoverable credentials).
    SignIn,
    /// The second step of a sign-in whose password was right.
    SecondFactor,
    /// A signed-in person proving who they are again.
    Reauthenticate,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::SignIn => "sign_in",
            Self::SecondFactor => "second_factor",
            Self::Reauthenticate => "reauthenticate",
        }
    }
}

/// Keeps a ceremony's state under a new id, returned; none when too many
/// wait already.
pub async fn start_ceremony(
    conn: &mut AnyConnection,
    purpose: Purpose,
    user: Option<&UserId>,
    state: &str,
) -> Result<Option<String>, sqlx::Error> {
    let now = crate::time::now();
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webauthn_ceremonies WHERE expires_at > $1")
        .bind(crate::time::format(now))
        .fetch_one(&mut *conn)
        .await?;
    if waiting >= CEREMONIES_WAITING {
        return Ok(None);
    }
    let id = tokens::random_token();
    sqlx::query(
        "INSERT INTO webauthn_ceremonies (id_hash, purpose, user_id, state, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::token_hash(&id))
    .bind(purpose.as_str())
    .bind(user)
    .bind(state)
    .bind(crate::time::format(now + time::Duration::minutes(CEREMONY_TTL_MINUTES)))
    .execute(conn)
    .await?;
    Ok(Some(id))
}

/// Takes a live ceremony of this purpose (and person, if it was started for
/// one): its state, once.
pub async fn take_ceremony(
    conn: &mut AnyConnection,
    id: &str,
    purpose: Purpose,
    user: Option<&UserId>,
) -> Result<Option<String>, sqlx::Error> {
    let state: Option<(String, Option<UserId>)> = sqlx::query_as(
        "DELETE FROM webauthn_ceremonies WHERE id_hash = $1 AND purpose = $2 AND expires_at > $3 \
         RETURNING state, user_id",
    )
    .bind(tokens::token_hash(id))
    .bind(purpose.as_str())
    .bind(crate::time::now_text())
    .fetch_optional(conn)
    .await?;
    Ok(state.filter(|(_, owner)| owner.as_ref() == user).map(|(state, _)| state))
}

/// Forgets ceremonies nobody finished.
pub async fn sweep_ceremonies(db: &Db) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM webauthn_ceremonies WHERE expires_at <= $1")
        .bind(crate::time::now_text())
        .execute(&mut *db.acquire().await?)
        .await?;
    Ok(done.rows_affected())
}
