//! Sessions: signing in (a password for an access token and a refresh
//! token, the refresh token rotated on every use), signing out, and the
//! sessions a person — or their administrator — sees and ends.

use std::{net::IpAddr, time::Instant};

use serde_json::json;
use switchboard_shared::{
    roles, AuditAction, MfaChallenge, SessionId, SessionInfo, SessionList, User, UserId, UserStatus,
};

use super::{mfa, users::member_for_write, Caller, Domain, Error, Result, TenantScope};
use crate::{
    auth::tokens,
    store::{
        audit,
        sessions::{self, Origin},
        users::{self, UserRow},
    },
};

/// Where a sign-in or a refresh comes from, kept with its session.
pub struct Client {
    pub address: IpAddr,
    pub user_agent: Option<String>,
}

impl Client {
    fn origin(&self) -> Origin<'_> {
        Origin { user_agent: self.user_agent.as_deref(), address: self.address.to_string() }
    }
}

/// A new session's tokens.
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lives.
    pub expires_in: u64,
}

/// Signs in with e-mail and password, from `client`. Unknown e-mail, wrong
/// password and an account that may not sign in all get the same answer
/// after the same work; each attempt counts towards the throttle from its
/// start, and is taken back only when it succeeds (or never got to check).
pub async fn sign_in(d: &Domain, email: &str, given: String, client: &Client) -> Result<SignIn> {
    let key = users::email_key(email);
    let attempt = d.throttle.sign_in(&key, client.address, Instant::now()).await?;
    // No login holds a control character (nor could PostgreSQL look one up).
    let found = if email.chars().any(char::is_control) { None } else { users::find_login(d.store.db(), email).await? };
    let (user, hash, allowed) = match found {
        Some((user, hash)) => {
            let allowed = may_sign_in(d, &user).await?;
            (Some(user), hash, allowed)
        }
        None => (None, None, false),
    };
    let verified = match d.hasher.verify(given, if allowed { hash } else { None }).await {
        Ok(verified) => verified,
        Err(busy) => {
            attempt.undo().await;
            return Err(busy.into());
        }
    };
    let Some(user) = user.filter(|_| verified && allowed) else {
        return Err(Error::InvalidCredentials);
    };
    attempt.undo().await;
    // With a second factor, the password alone opens no session. The
    // throttle is cleared only once the second step is taken.
    if mfa::has_factor(d, &user).await? {
        return Ok(SignIn::SecondFactor(mfa::challenge(d, &user).await?));
    }
    d.throttle.clear_account(&key, client.address).await?;
    let enrolment_required = mfa::enrolment_required(d, &user).await?;
    let (tokens, user) = open(d, user, client).await?;
    Ok(SignIn::Done { tokens, user: Box::new(user), enrolment_required })
}

/// What a right password leads to.
pub enum SignIn {
    /// The user boxed: their record is the larger part by far. With
    /// `enrolment_required` the tokens reach only what sets up a second
    /// factor, until one is (`Caller::must_enrol`).
    Done { tokens: Tokens, user: Box<User>, enrolment_required: bool },
    /// A second factor is needed first (`mfa::complete`).
    SecondFactor(MfaChallenge),
}

/// A new session for a person who proved who they are.
pub(super) async fn open(d: &Domain, user: UserRow, client: &Client) -> Result<(Tokens, User)> {
    let (session, refresh_token) = sessions::start(d.store.db(), &user.id, &client.origin()).await?;
    let tokens = Tokens {
        access_token: d.keys.issue_access(&user.id, &session, tokens::unix_now())?,
        refresh_token,
        expires_in: d.keys.access_ttl(),
    };
    tracing::info!(user = %user.id, "signed in");
    let tenant = user.tenant_id.clone();
    Ok((tokens, users::to_api(d.store.db(), user, &tenant).await?))
}

/// Whether this user may hold a session now: active, not a service user, and
/// holding a role that signs in. Checked at sign-in, at every refresh and
/// before a reset link is mailed.
pub(super) async fn may_sign_in(d: &Domain, user: &UserRow) -> Result<bool> {
    let roles = users::role_set(d.store.db(), &user.id).await?;
    Ok(user.status == UserStatus::Active && !user.service_user && roles::grants_portal_login(&roles))
}

/// Rotates a refresh token. A spent token presented again ends its session;
/// within seconds of its rotation it is a race of one client, refused
/// without ending anything.
pub async fn refresh(d: &Domain, token: &str, client: &Client) -> Result<Tokens> {
    let (user_id, session) = match sessions::spend(d.store.db(), token).await? {
        sessions::Spent::Fresh { user_id, session } => (user_id, session),
        sessions::Spent::Raced => return Err(Error::RefreshRaced),
        sessions::Spent::Invalid | sessions::Spent::Reused => return Err(Error::Unauthenticated),
    };
    let Some(user) = users::get(&mut *d.store.db().acquire().await?, &user_id).await? else {
        return Err(Error::Unauthenticated);
    };
    if !may_sign_in(d, &user).await? {
        sessions::end(&mut *d.store.db().acquire().await?, &user.id, &session).await?;
        return Err(Error::Unauthenticated);
    }
    let Some(refresh_token) = sessions::rotate(d.store.db(), &session, &user.id, &client.origin()).await? else {
        return Err(Error::Unauthenticated);
    };
    Ok(Tokens {
        refresh_token,
        access_token: d.keys.issue_access(&user.id, &session, tokens::unix_now())?,
        expires_in: d.keys.access_ttl(),
    })
}

/// Ends the session the refresh token belongs to.
pub async fn sign_out(d: &Domain, token: &str) -> Result<()> {
    Ok(sessions::end_by_token(d.store.db(), token).await?)
}

/// The caller's live sessions, theirs marked `current`.
pub async fn mine(d: &Domain, caller: &Caller) -> Result<SessionList> {
    list(d, &caller.user.id, caller.session.as_ref()).await
}

/// Ends one of the caller's sessions (the current one too, if named).
pub async fn end_mine(d: &Domain, caller: &Caller, id: &SessionId) -> Result<()> {
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    if !sessions::end(&mut tx, &caller.user.id, id).await? {
        return Err(Error::NotFound);
    }
    record_ended(&mut tx, caller, &caller.user, 1).await?;
    Ok(tx.commit().await?)
}

/// "Sign out everywhere else": every session of the caller but this one.
pub async fn end_others(d: &Domain, caller: &Caller) -> Result<()> {
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    let ended = sessions::end_of_user(&mut tx, &caller.user.id, caller.session.as_ref()).await?;
    if ended > 0 {
        record_ended(&mut tx, caller, &caller.user, ended).await?;
    }
    Ok(tx.commit().await?)
}

/// A user's live sessions, for their administrator (a parent user's too:
/// they are visible, read-only).
pub async fn of_user(d: &Domain, scope: &TenantScope, caller: &Caller, user_id: &UserId) -> Result<SessionList> {
    let mut conn = d.store.db().acquire().await?;
    users::get_visible(&mut conn, &scope.tenant.id, &scope.above, user_id).await?.ok_or(Error::NotFound)?;
    drop(conn);
    list(d, user_id, caller.session.as_ref()).await
}

/// Ends every session of a user of the tenant (not of a parent user).
pub async fn end_of_user(d: &Domain, scope: &TenantScope, caller: &Caller, user_id: &UserId) -> Result<()> {
    let mut tx = d.store.tenant_write(&scope.tenant.id).await?;
    let (user, _) = member_for_write(&mut tx, scope, user_id).await?;
    let ended = sessions::end_of_user(&mut tx, user_id, None).await?;
    record_ended(&mut tx, caller, &user, ended).await?;
    Ok(tx.commit().await?)
}

async fn list(d: &Domain, user_id: &UserId, current: Option<&SessionId>) -> Result<SessionList> {
    let rows = sessions::live_of_user(d.store.db(), user_id).await?;
    let items = rows
        .into_iter()
        .map(|s| SessionInfo {
            current: Some(&s.id) == current,
            id: s.id,
            created_at: s.created_at,
            last_used_at: s.last_used_at,
            user_agent: s.user_agent,
            address: s.address,
        })
        .collect();
    Ok(SessionList { items })
}

async fn record_ended(tx: &mut sqlx::AnyConnection, caller: &Caller, user: &UserRow, ended: u64) -> Result<()> {
    let changes = json!({ "sessions": ended });
    let entry = audit::Entry::by(&caller.user, &user.tenant_id, Some(&user.id), AuditAction::SessionsRevoked, changes);
    Ok(audit::record(tx, entry).await?)
}
