//! Signing in and out: a password for an access token and a refresh token,
//! the refresh token rotated on every use.

use std::{net::IpAddr, time::Instant};

use switchboard_shared::{roles, User, UserStatus};

use super::{Domain, Error, Result};
use crate::{
    auth::tokens,
    store::{
        sessions,
        users::{self, UserRow},
    },
};

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
pub async fn sign_in(d: &Domain, email: &str, given: String, client: IpAddr) -> Result<(Tokens, User)> {
    let key = users::email_key(email);
    let attempt = d.throttle.sign_in(&key, client, Instant::now()).await?;
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
    d.throttle.clear_account(&key, client).await?;
    let tokens = Tokens {
        access_token: d.keys.issue_access(&user.id, tokens::unix_now())?,
        refresh_token: sessions::issue(d.store.db(), &user.id, None).await?,
        expires_in: d.keys.access_ttl(),
    };
    tracing::info!(user = %user.id, "signed in");
    let tenant = user.tenant_id.clone();
    Ok((tokens, users::to_api(d.store.db(), user, &tenant).await?))
}

/// Whether this user may hold a session now: active, not a service user, and
/// holding a role that signs in. Checked at sign-in and at every refresh.
async fn may_sign_in(d: &Domain, user: &UserRow) -> Result<bool> {
    let roles = users::role_set(d.store.db(), &user.id).await?;
    Ok(user.status == UserStatus::Active && !user.service_user && roles::grants_portal_login(&roles))
}

/// Rotates a refresh token. A spent token presented again revokes every
/// token of its sign-in; within seconds of its rotation it is a race of one
/// client, refused without revoking.
pub async fn refresh(d: &Domain, token: &str) -> Result<Tokens> {
    let (user_id, family) = match sessions::spend(d.store.db(), token).await? {
        sessions::Spent::Fresh { user_id, family } => (user_id, family),
        sessions::Spent::Raced => return Err(Error::RefreshRaced),
        sessions::Spent::Invalid | sessions::Spent::Reused => return Err(Error::Unauthenticated),
    };
    let Some(user) = users::get(&mut *d.store.db().acquire().await?, &user_id).await? else {
        return Err(Error::Unauthenticated);
    };
    if !may_sign_in(d, &user).await? {
        sessions::revoke_family(d.store.db(), &family).await?;
        return Err(Error::Unauthenticated);
    }
    Ok(Tokens {
        refresh_token: sessions::issue(d.store.db(), &user.id, Some(&family)).await?,
        access_token: d.keys.issue_access(&user.id, tokens::unix_now())?,
        expires_in: d.keys.access_ttl(),
    })
}

/// Ends the session the refresh token belongs to.
pub async fn sign_out(d: &Domain, token: &str) -> Result<()> {
    Ok(sessions::revoke(d.store.db(), token).await?)
}
