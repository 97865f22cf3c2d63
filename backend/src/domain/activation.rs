//! E-mail to users — the activation link and the UC welcome — the outbox
//! that keeps it, and activation: the link's owner sets a password.

use std::{net::IpAddr, time::Instant};

use serde_json::json;
use sqlx::AnyConnection;
use switchboard_shared::{fields, user_mail, AuditAction, Delivery, OutboxMessage, UserId, UserStatus};

use super::{mail, users::member_for_write, Caller, Domain, Error, Result, TenantScope};
use crate::store::{
    audit,
    outbox::{self, Message},
    password_links::{self, Purpose},
    users::{self, UserRow},
    TenantTx,
};

/// Mails a single-use link with which the user sets a password. Only for
/// people who never activated; a new link voids the earlier ones.
pub async fn send_activation(d: &Domain, scope: &TenantScope, caller: &Caller, user_id: &UserId) -> Result<()> {
    let mut tx = d.store.tenant_write(&scope.tenant.id).await?;
    let (user, roles) = member_for_write(&mut tx, scope, user_id).await?;
    if let Some(refusal) = user_mail::activation_refusal(user.status, user.service_user, &roles) {
        return Err(Error::field(refusal));
    }
    let token = password_links::issue(&mut tx, &user.id, Purpose::Activation).await?;
    let link = format!("{}/activate?token={token}", d.links.public_url);
    let message = mail::activation(user.language, &user.display_name, &scope.tenant.name, &link);
    queue(&mut tx, d, scope, caller, &user, &message, AuditAction::ActivationSent).await?;
    tx.commit().await?;
    d.mail.wake();
    Ok(())
}

/// Mails where to download the UC clients. Only for people whose roles give
/// them and who are not blocked; sent again whenever asked (it holds no secret).
pub async fn send_uc_welcome(d: &Domain, scope: &TenantScope, caller: &Caller, user_id: &UserId) -> Result<()> {
    let mut tx = d.store.tenant_write(&scope.tenant.id).await?;
    let (user, roles) = member_for_write(&mut tx, scope, user_id).await?;
    if let Some(refusal) = user_mail::uc_welcome_refusal(user.status, &roles) {
        return Err(Error::field(refusal));
    }
    let message = mail::uc_welcome(user.language, &user.display_name, &scope.tenant.name, &d.links.uc_downloads_url);
    queue(&mut tx, d, scope, caller, &user, &message, AuditAction::UcWelcomeSent).await?;
    tx.commit().await?;
    d.mail.wake();
    Ok(())
}

/// Puts `message` to `user` in the outbox and records that it was sent, in
/// the caller's transaction.
pub(super) async fn queue(
    tx: &mut AnyConnection,
    d: &Domain,
    scope: &TenantScope,
    caller: &Caller,
    user: &UserRow,
    message: &Message,
    action: AuditAction,
) -> Result<()> {
    outbox::put(tx, &scope.tenant.id, &user.email, message, d.mail.initial()).await?;
    let entry = audit::Entry::by(&caller.user, &scope.tenant.id, Some(&user.id), action, json!({ "to": user.email }));
    Ok(audit::record(tx, entry).await?)
}

/// Sets the password of the user the link was for, who becomes active and
/// can sign in. The link works once.
pub async fn activate(d: &Domain, token: &str, new_password: String, client: IpAddr) -> Result<()> {
    let (mut tx, user) = redeem(d, token, Purpose::Activation, new_password, client).await?;
    let changes = json!({ "fields": { "status": { "before": "invited", "after": "active" } } });
    let entry = audit::Entry::by(&user, &user.tenant_id, Some(&user.id), AuditAction::UserActivated, changes);
    audit::record(&mut tx, entry).await?;
    Ok(tx.commit().await?)
}

/// Spends a mailed link and sets the password of the person it was for
/// (invited, for an activation link; active, for a reset link), in their
/// tenant's write turn, which is returned open with the person as now.
/// The token is looked up before the password is hashed, so a stranger
/// guessing tokens costs a lookup, not a hash; wrong tokens count towards
/// the address's throttle. Spent in the write turn, the link is ordered
/// with a block or an e-mail change (which void it) and with every other
/// write to the person.
pub(super) async fn redeem(
    d: &Domain,
    token: &str,
    purpose: Purpose,
    new_password: String,
    client: IpAddr,
) -> Result<(TenantTx, UserRow)> {
    let (code, detail, from) = match purpose {
        Purpose::Activation => ("invalid_activation_token", "activation", UserStatus::Invited),
        Purpose::Reset => ("invalid_reset_token", "reset", UserStatus::Active),
    };
    let invalid = || Error::invalid(code, format!("this {detail} link is not valid any more: ask for a new one"));
    let attempt = d.throttle.activation(client, Instant::now()).await?;
    let mut conn = d.store.db().acquire().await?;
    let Some(user_id) = password_links::live(&mut conn, token, purpose).await? else {
        return Err(invalid());
    };
    attempt.undo().await;
    let tenant_id = users::get(&mut conn, &user_id).await?.ok_or_else(invalid)?.tenant_id;
    drop(conn);
    fields::password(&new_password).map_err(Error::field)?;
    let hash = d.hasher.hash(new_password).await?;
    let mut tx = d.store.tenant_write(&tenant_id).await?;
    if password_links::spend(&mut tx, token, purpose).await?.as_ref() != Some(&user_id) {
        return Err(invalid());
    }
    // Read in the turn: what the person is now, not before the hash.
    let user = users::get(&mut tx, &user_id).await?.ok_or_else(invalid)?;
    if !users::set_password(&mut tx, &user.id, &hash, from).await? {
        return Err(invalid());
    }
    Ok((tx, user))
}

/// Mail sent in the caller's tenant and, for staff, the tenants under it;
/// newest first.
/// A link on its way to its recipient by SMTP is theirs alone: the listing
/// shows it only for mail that stays in the outbox (no SMTP).
pub async fn outbox(d: &Domain, caller: &Caller, to: Option<&str>, limit: i64) -> Result<Vec<OutboxMessage>> {
    let mut messages = outbox::list(d.store.db(), &caller.tenant.id, caller.acts_below(), to, limit).await?;
    for m in &mut messages {
        if m.delivery != Delivery::Stored && mail::carries_secret_link(&m.kind) {
            m.body = mail::without_secret_links(&m.body);
        }
    }
    Ok(messages)
}
