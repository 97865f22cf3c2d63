//! Passkeys (WebAuthn, by webauthn-rs). A person registers, names and
//! removes them in My account. A passkey asks for user verification (the
//! device's PIN or biometrics), so it is two factors in itself: it signs in
//! alone (discoverable credentials), completes a sign-in whose password was
//! right, and confirms who the person is for a sensitive change. Each
//! ceremony's state waits in the database, so that any instance finishes
//! what another started, once.

use std::time::Instant;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde_json::json;
use switchboard_shared::{
    fields::FieldError, AuditAction, FinishPasskeyRegistration, MfaPolicy, Passkey, PasskeyAssertion, PasskeyCeremony,
    PasskeyId, PasskeyRegistered, PasskeySignIn, StartPasskeySignIn, User, UserId,
};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
};

use super::{
    mfa,
    sessions::{self, Client, Tokens},
    Caller, Domain, Error, Result,
};
use crate::store::{
    mfa as store_mfa,
    passkeys::{self, PasskeyRow, Purpose},
    users::{self, UserRow},
};

/// The relying party: the host of the portal's public URL, and that URL
/// the one origin allowed. None for an IP address, where browsers refuse
/// WebAuthn.
pub fn relying_party(public_url: &str) -> Option<Webauthn> {
    let url = Url::parse(public_url).ok()?;
    // `domain()` is none for an IP address.
    let host = url.domain()?;
    WebauthnBuilder::new(host, &url).ok()?.rp_name("Switchboard").build().ok()
}

fn rp(d: &Domain) -> Result<&Webauthn> {
    d.webauthn.as_deref().ok_or_else(|| Error::Conflict {
        code: "passkeys_unavailable",
        detail:
            "Passkeys need the portal at a host name (SWITCHBOARD_PUBLIC_URL): browsers refuse them on an IP address."
                .into(),
    })
}

/// The user handle a person's passkeys carry: their id when it is a UUID (as
/// every id the server makes is), else one derived from it.
fn user_handle(id: &UserId) -> Uuid {
    Uuid::parse_str(id.as_str()).unwrap_or_else(|_| Uuid::new_v5(&Uuid::NAMESPACE_OID, id.as_str().as_bytes()))
}

fn credential_key(raw_id: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(raw_id)
}

fn stored(row: &PasskeyRow) -> Result<webauthn_rs::prelude::Passkey> {
    serde_json::from_str(&row.credential).map_err(|e| Error::Internal(format!("stored passkey: {e}")))
}

fn to_api(row: PasskeyRow) -> Passkey {
    Passkey { id: row.id, name: row.name, created_at: row.created_at, last_used_at: row.last_used_at }
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("webauthn: {e}"))
}

/// Keeps a ceremony's state; its id and the browser's options.
async fn ceremony(
    d: &Domain,
    purpose: Purpose,
    user: Option<&UserId>,
    state: &impl serde::Serialize,
    options: serde_json::Value,
) -> Result<PasskeyCeremony> {
    let state = serde_json::to_string(state).map_err(internal)?;
    let mut conn = d.store.db().acquire().await?;
    let ceremony_id = passkeys::start_ceremony(&mut conn, purpose, user, &state)
        .await?
        .ok_or(Error::Busy { retry_after_secs: 60 })?;
    Ok(PasskeyCeremony { ceremony_id, options })
}

/// Takes a ceremony's state (once, whatever comes of it).
async fn taken<S: serde::de::DeserializeOwned>(
    d: &Domain,
    id: &str,
    purpose: Purpose,
    user: Option<&UserId>,
) -> Result<Option<S>> {
    let mut conn = d.store.db().acquire().await?;
    match passkeys::take_ceremony(&mut conn, id, purpose, user).await? {
        Some(state) => Ok(Some(serde_json::from_str(&state).map_err(internal)?)),
        None => Ok(None),
    }
}

/// `GET /me/passkeys`
pub async fn list(d: &Domain, caller: &Caller) -> Result<Vec<Passkey>> {
    let mut conn = d.store.db().acquire().await?;
    Ok(passkeys::of_user(&mut conn, &caller.user.id).await?.into_iter().map(to_api).collect())
}

/// `POST /me/passkeys/register/start`: options for a new passkey (not one
/// the person has already), discoverable where the authenticator can.
pub async fn start_registration(d: &Domain, caller: &Caller) -> Result<PasskeyCeremony> {
    if caller.mfa_policy() == MfaPolicy::Off {
        return Err(mfa::factors_off());
    }
    let rp = rp(d)?;
    let mine = passkeys::of_user(&mut *d.store.db().acquire().await?, &caller.user.id).await?;
    if mine.len() >= passkeys::PER_USER as usize {
        return Err(too_many());
    }
    let exclude = mine.iter().map(|row| stored(row).map(|k| k.cred_id().clone())).collect::<Result<Vec<_>>>()?;
    let user = &caller.user;
    let (options, state) = rp
        .start_passkey_registration(user_handle(&user.id), &user.email, &user.display_name, Some(exclude))
        .map_err(internal)?;
    let mut options = serde_json::to_value(options).map_err(internal)?;
    // A resident (discoverable) credential where possible, so the passkey
    // can sign in alone; webauthn-rs leaves it discouraged.
    options["publicKey"]["authenticatorSelection"]["residentKey"] = json!("preferred");
    ceremony(d, Purpose::Register, Some(&user.id), &state, options).await
}

fn too_many() -> Error {
    Error::Conflict {
        code: "too_many_passkeys",
        detail: format!("A person may have {} passkeys: remove one first.", passkeys::PER_USER),
    }
}

/// `POST /me/passkeys/register/finish`: verifies the browser's new
/// credential against its ceremony and keeps it under the person's name for
/// it. The first factor comes with recovery codes, shown this once.
pub async fn finish_registration(
    d: &Domain,
    caller: &Caller,
    req: FinishPasskeyRegistration,
) -> Result<PasskeyRegistered> {
    let rp = rp(d)?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(Error::field(FieldError::new(
            "name",
            "invalid_name",
            "Give the passkey a name of 1 to 60 characters.",
        )));
    }
    let bad_credential = || {
        Error::field(FieldError::new(
            "credential",
            "invalid_credential",
            "The browser's passkey could not be verified: try again.",
        ))
    };
    let credential: RegisterPublicKeyCredential =
        serde_json::from_value(req.credential).map_err(|_| bad_credential())?;
    let state: PasskeyRegistration =
        taken(d, &req.ceremony_id, Purpose::Register, Some(&caller.user.id)).await?.ok_or_else(ceremony_over)?;
    let passkey = rp.finish_passkey_registration(&credential, &state).map_err(|_| bad_credential())?;
    let json = serde_json::to_string(&passkey).map_err(internal)?;
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    if passkeys::count(&mut tx, &caller.user.id).await? >= passkeys::PER_USER {
        return Err(too_many());
    }
    let row =
        passkeys::insert(&mut tx, &caller.user.id, &credential_key(passkey.cred_id()), name, &json).await?.ok_or_else(
            || Error::Conflict { code: "passkey_registered", detail: "This passkey is registered already.".into() },
        )?;
    let recovery_codes = mfa::first_factor_codes(&mut tx, &caller.user.id).await?;
    let changes = json!({ "method": "passkey", "name": name });
    mfa::record(&mut tx, &caller.user, AuditAction::MfaEnrolled, changes).await?;
    tx.commit().await?;
    Ok(PasskeyRegistered { passkey: to_api(row), recovery_codes })
}

fn ceremony_over() -> Error {
    Error::Conflict {
        code: "ceremony_invalid",
        detail: "This passkey request expired or was used: start again.".into(),
    }
}

/// `DELETE /me/passkeys/{passkeyId}`: refused when it is the last factor
/// and the MFA policy in force requires one; with no factor left, the
/// recovery codes go too.
pub async fn remove(d: &Domain, caller: &Caller, id: &PasskeyId) -> Result<()> {
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    let Some(name) = passkeys::remove(&mut tx, &caller.user.id, id).await? else {
        return Err(Error::NotFound);
    };
    mfa::after_removal(&mut tx, caller).await?;
    mfa::record(&mut tx, &caller.user, AuditAction::MfaRemoved, json!({ "method": "passkey", "name": name })).await?;
    Ok(tx.commit().await?)
}

/// `POST /auth/passkey/start`: with an `mfaToken`, the second step of that
/// sign-in by one of the person's passkeys; without, a sign-in by whichever
/// passkey the browser holds for this site.
pub async fn start_sign_in(d: &Domain, req: StartPasskeySignIn) -> Result<PasskeyCeremony> {
    let rp = rp(d)?;
    let Some(token) = req.mfa_token else {
        let (mut options, state) = rp.start_discoverable_authentication().map_err(internal)?;
        // A button asks at once; webauthn-rs prepares the autofill's
        // conditional request.
        options.mediation = None;
        let options = serde_json::to_value(options).map_err(internal)?;
        return ceremony(d, Purpose::SignIn, None, &state, options).await;
    };
    let mut conn = d.store.db().acquire().await?;
    // Each start counts as one of the token's tries.
    let user = store_mfa::try_challenge(&mut conn, &token).await?.ok_or(Error::MfaTokenInvalid)?;
    let keys = passkeys::of_user(&mut conn, &user).await?.iter().map(stored).collect::<Result<Vec<_>>>()?;
    drop(conn);
    if keys.is_empty() {
        return Err(Error::Conflict { code: "no_passkeys", detail: "You have no passkey: use your code.".into() });
    }
    let (options, state) = rp.start_passkey_authentication(&keys).map_err(internal)?;
    let options = serde_json::to_value(options).map_err(internal)?;
    ceremony(d, Purpose::SecondFactor, Some(&user), &state, options).await
}

/// `POST /auth/passkey/finish`: signs in with the browser's assertion. It
/// counts towards the account's throttle like a password; the ceremony and
/// the `mfaToken` are each spent once.
pub async fn finish_sign_in(d: &Domain, req: &PasskeySignIn, client: &Client) -> Result<(Tokens, User)> {
    let rp = rp(d)?;
    let credential: PublicKeyCredential =
        serde_json::from_value(req.credential.clone()).map_err(|_| Error::PasskeyRefused)?;
    let key = credential_key(credential.get_credential_id());
    let row = passkeys::by_credential(&mut *d.store.db().acquire().await?, &key).await?;
    let owner = match &row {
        Some(row) => users::get(&mut *d.store.db().acquire().await?, &row.user_id).await?,
        None => None,
    };
    // An unknown passkey counts against the address (under its own id).
    let throttle_key = owner.as_ref().map_or_else(|| format!("passkey:{key}"), |u| users::email_key(&u.email));
    let attempt = d.throttle.sign_in(&throttle_key, client.address, Instant::now()).await?;
    let (Some(row), Some(user)) = (row, owner) else {
        return Err(Error::PasskeyRefused);
    };
    let mut passkey = stored(&row)?;
    let result = match &req.mfa_token {
        Some(_) => {
            let state: PasskeyAuthentication = taken(d, &req.ceremony_id, Purpose::SecondFactor, Some(&user.id))
                .await?
                .ok_or(Error::PasskeyRefused)?;
            rp.finish_passkey_authentication(&credential, &state)
        }
        None => {
            let state: DiscoverableAuthentication =
                taken(d, &req.ceremony_id, Purpose::SignIn, None).await?.ok_or(Error::PasskeyRefused)?;
            let (handle, _) =
                rp.identify_discoverable_authentication(&credential).map_err(|_| Error::PasskeyRefused)?;
            if handle != user_handle(&user.id) {
                return Err(Error::PasskeyRefused);
            }
            rp.finish_discoverable_authentication_v2(&credential, state, &passkey)
        }
    }
    .map_err(|_| Error::PasskeyRefused)?;
    let mut tx = d.store.tenant_write(&user.tenant_id).await?;
    if let Some(token) = &req.mfa_token {
        if !store_mfa::spend_challenge(&mut tx, token, &user.id).await? {
            return Err(Error::MfaTokenInvalid);
        }
    }
    if !sessions::may_sign_in(d, &user).await? {
        return Err(Error::InvalidCredentials);
    }
    used(&mut tx, &row, &mut passkey, &result).await?;
    tx.commit().await?;
    attempt.undo().await;
    d.throttle.clear_account(&throttle_key, client.address).await?;
    sessions::open(d, user, client).await
}

/// Records a passkey's use, with its new signature counter if it moved.
async fn used(
    tx: &mut sqlx::AnyConnection,
    row: &PasskeyRow,
    passkey: &mut webauthn_rs::prelude::Passkey,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> Result<()> {
    let updated = match passkey.update_credential(result) {
        Some(true) => Some(serde_json::to_string(passkey).map_err(internal)?),
        _ => None,
    };
    Ok(passkeys::used(tx, &row.id, updated.as_deref()).await?)
}

/// `POST /me/passkeys/challenge`: options for confirming who the caller is
/// with one of their passkeys (`POST /auth/reauthenticate`).
pub async fn start_confirmation(d: &Domain, caller: &Caller) -> Result<PasskeyCeremony> {
    let rp = rp(d)?;
    let mut conn = d.store.db().acquire().await?;
    let keys = passkeys::of_user(&mut conn, &caller.user.id).await?.iter().map(stored).collect::<Result<Vec<_>>>()?;
    drop(conn);
    if keys.is_empty() {
        return Err(Error::Conflict { code: "no_passkeys", detail: "You have no passkey.".into() });
    }
    let (options, state) = rp.start_passkey_authentication(&keys).map_err(internal)?;
    let options = serde_json::to_value(options).map_err(internal)?;
    ceremony(d, Purpose::Reauthenticate, Some(&caller.user.id), &state, options).await
}

/// Whether the assertion proves the caller is who they are (one of their
/// passkeys, for a ceremony of theirs), recording its use. The caller's
/// throttle counts the try.
pub(super) async fn confirm(d: &Domain, user: &UserRow, assertion: &PasskeyAssertion) -> Result<bool> {
    let rp = rp(d)?;
    let Ok(credential) = serde_json::from_value::<PublicKeyCredential>(assertion.credential.clone()) else {
        return Ok(false);
    };
    let Some(state) =
        taken::<PasskeyAuthentication>(d, &assertion.ceremony_id, Purpose::Reauthenticate, Some(&user.id)).await?
    else {
        return Ok(false);
    };
    let Ok(result) = rp.finish_passkey_authentication(&credential, &state) else { return Ok(false) };
    let mut tx = d.store.tenant_write(&user.tenant_id).await?;
    let key = credential_key(credential.get_credential_id());
    let Some(row) = passkeys::by_credential(&mut tx, &key).await?.filter(|r| r.user_id == user.id) else {
        return Ok(false);
    };
    used(&mut tx, &row, &mut stored(&row)?, &result).await?;
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relying_party_is_the_public_urls_host_and_never_an_ip_address() {
        assert!(relying_party("http://localhost:8080").is_some());
        assert!(relying_party("https://portal.example.com").is_some());
        assert!(relying_party("http://127.0.0.1:8080").is_none());
        assert!(relying_party("http://[::1]:8080").is_none());
        assert!(relying_party("not a url").is_none());
    }

    #[test]
    fn a_user_handle_is_stable_and_the_id_itself_when_a_uuid() {
        let id = UserId::from("0190f1c2a3b44c5d8e9fa0b1c2d3e4f5");
        assert_eq!(user_handle(&id).simple().to_string(), id.as_str());
        let other = UserId::from("u-1");
        assert_eq!(user_handle(&other), user_handle(&other));
        assert_ne!(user_handle(&other), user_handle(&UserId::from("u-2")));
    }
}
