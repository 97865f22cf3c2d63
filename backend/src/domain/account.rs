//! A person's own account: their profile, changing their password, and a
//! forgotten password reset by a link mailed to them.

use std::{net::IpAddr, time::Instant};

use serde_json::json;
use switchboard_shared::{fields, AuditAction, ChangePassword, PatchProfile, PatchUser, Profile, UserStatus};
use tokio::sync::mpsc;

use super::{sessions::may_sign_in, Caller, Domain, Error, Result, TenantScope};
use crate::{
    auth::throttle::Attempt,
    store::{
        audit, outbox,
        password_links::{self, Purpose},
        sessions, tenants, users,
    },
};

/// The caller's profile.
pub fn profile(caller: &Caller) -> Profile {
    let u = &caller.user;
    Profile { display_name: u.display_name.clone(), language: u.language, time_zone: u.time_zone.clone() }
}

/// Changes the caller's name, language or time zone, under the same field
/// rules (and audit) as an administrator's change of them.
pub async fn patch_profile(d: &Domain, caller: &Caller, input: PatchProfile) -> Result<Profile> {
    let own = TenantScope { tenant: caller.tenant.clone(), above: caller.above.clone() };
    let patch = PatchUser {
        display_name: input.display_name,
        language: input.language,
        time_zone: input.time_zone,
        ..PatchUser::default()
    };
    let user = super::users::patch(d, &own, caller, &caller.user.id, None, patch).await?;
    Ok(Profile { display_name: user.display_name, language: user.language, time_zone: user.time_zone })
}

/// Changes the caller's password, given the current one. A wrong current
/// password counts as a failed sign-in (the same throttle); every other
/// session of the person ends, and links mailed to set a password stop
/// working.
pub async fn change_password(d: &Domain, caller: &Caller, client: IpAddr, input: ChangePassword) -> Result<()> {
    fields::password(&input.new_password).map_err(|mut e| {
        e.field = "newPassword".into();
        Error::field(e)
    })?;
    own_password(d, caller, client, input.current_password).await?.undo().await;
    let hash = d.hasher.hash(input.new_password).await?;
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    if !users::set_password(&mut tx, &caller.user.id, &hash, UserStatus::Active).await? {
        return Err(Error::Unauthenticated);
    }
    let ended = sessions::end_of_user(&mut tx, &caller.user.id, caller.session.as_ref()).await?;
    password_links::void(&mut tx, &caller.user.id).await?;
    let u = &caller.user;
    let entry =
        audit::Entry::by(u, &u.tenant_id, Some(&u.id), AuditAction::PasswordChanged, json!({ "sessionsEnded": ended }));
    audit::record(&mut tx, entry).await?;
    Ok(tx.commit().await?)
}

/// The caller's own password, checked as a sign-in's is: the try counts
/// towards the account's throttle from its start, and a wrong one is 403
/// `wrong_password` (never 401: the caller is signed in). The attempt comes
/// back to be taken back once everything asked for is right.
pub(super) async fn own_password<'d>(
    d: &'d Domain,
    caller: &Caller,
    client: IpAddr,
    given: String,
) -> Result<Attempt<'d>> {
    let key = users::email_key(&caller.user.email);
    let attempt = d.throttle.sign_in(&key, client, Instant::now()).await?;
    let hash = users::find_login(d.store.db(), &caller.user.email).await?.and_then(|(_, hash)| hash);
    let verified = match d.hasher.verify(given, hash).await {
        Ok(verified) => verified,
        Err(busy) => {
            attempt.undo().await;
            return Err(busy.into());
        }
    };
    if !verified {
        return Err(Error::WrongPassword);
    }
    Ok(attempt)
}

/// Reset requests accepted and not yet looked at, handled one at a time
/// after the answer: every address gets the same answer after the same
/// work (a check of the address's throttle and a place in this queue),
/// whether or not it belongs to someone.
#[derive(Clone)]
pub struct ResetQueue(mpsc::Sender<String>);

/// Requests waiting at most; past it the answer is 503 (and says nothing
/// of the address).
const RESET_QUEUE: usize = 256;

impl ResetQueue {
    /// The queue, and what `spawn_reset_mailer` reads it from.
    pub fn new() -> (Self, mpsc::Receiver<String>) {
        let (tx, rx) = mpsc::channel(RESET_QUEUE);
        (Self(tx), rx)
    }
}

/// Asks for a reset link for `email`. Throttled per address (429, the same
/// for every e-mail); the e-mail's own limit, and whether it is anyone's,
/// are decided after the answer, by `spawn_reset_mailer`.
pub async fn request_reset(d: &Domain, email: String, client: IpAddr) -> Result<()> {
    // Longer than any address kept: nobody's, and saying so discloses nothing.
    if email.chars().count() > fields::EMAIL_MAX {
        let message = format!("At most {} characters", fields::EMAIL_MAX);
        return Err(Error::field(fields::FieldError::new("email", "too_long", message)));
    }
    d.throttle.reset_request(client, Instant::now()).await?;
    d.resets.0.try_send(email).map_err(|_| Error::Busy { retry_after_secs: 5 })
}

/// Mails a reset link for each queued request to a person who may sign in
/// with a password (active, not a service user, holding a role that signs
/// in), at most a few per address and window; nothing for anyone else.
pub fn spawn_reset_mailer(d: Domain, mut queue: mpsc::Receiver<String>) {
    tokio::spawn(async move {
        while let Some(email) = queue.recv().await {
            if let Err(e) = mail_reset(&d, &email).await {
                tracing::warn!(error = %e, "a password reset request could not be handled");
            }
        }
    });
}

async fn mail_reset(d: &Domain, email: &str) -> Result<()> {
    if d.throttle.reset_mail(&users::email_key(email), Instant::now()).await.is_err()
        || email.chars().any(char::is_control)
    {
        return Ok(());
    }
    let Some((user, Some(_))) = users::find_login(d.store.db(), email).await? else { return Ok(()) };
    if !may_sign_in(d, &user).await? {
        return Ok(());
    }
    let tenant = tenants::get(d.store.db(), &user.tenant_id).await?.ok_or(Error::NotFound)?;
    let mut tx = d.store.tenant_write(&tenant.id).await?;
    // Read in the turn: blocked since, or e-mail changed, and nothing is sent.
    match users::get(&mut tx, &user.id).await? {
        Some(now) if now.status == user.status && now.email == user.email => {}
        _ => return Ok(()),
    }
    let token = password_links::issue(&mut tx, &user.id, Purpose::Reset).await?;
    let link = format!("{}/reset-password?token={token}", d.links.public_url);
    let message = super::mail::password_reset(user.language, &user.display_name, &tenant.name, &link);
    outbox::put(&mut tx, &tenant.id, &user.email, &message, d.mail.initial()).await?;
    tx.commit().await?;
    d.mail.wake();
    Ok(())
}

/// Sets a new password with a reset link: it works once, within its hour.
/// Every session of the person ends.
pub async fn confirm_reset(d: &Domain, token: &str, new_password: String, client: IpAddr) -> Result<()> {
    let (mut tx, user) = super::activation::redeem(d, token, Purpose::Reset, new_password, client).await?;
    let ended = sessions::end_of_user(&mut tx, &user.id, None).await?;
    let changes = json!({ "sessionsEnded": ended });
    let entry = audit::Entry::by(&user, &user.tenant_id, Some(&user.id), AuditAction::PasswordReset, changes);
    audit::record(&mut tx, entry).await?;
    Ok(tx.commit().await?)
}
