//! Second factors: a person's authenticator codes and recovery codes (their
//! passkeys are `passkeys`'), the second step of a sign-in that needs one,
//! and the policies that require them. A code tried at sign-in or at
//! enrolment counts towards the same throttle as a password.

use std::time::Instant;

use rand::Rng;

use serde_json::json;
use switchboard_shared::{
    fields::FieldError, AuditAction, MfaChallenge, MfaMethod, MfaPolicy, MfaPolicySettings, MfaRequest, MfaStatus,
    Reauthenticate, RecoveryCodes, TotpEnrolment, UserId,
};

use super::{
    account::own_password,
    passkeys,
    sessions::{self, Client, Tokens},
    users::member_for_write,
    Caller, Domain, Error, Result, TenantScope,
};
use crate::{
    auth::{tokens, totp},
    store::{
        audit, mfa, passkeys as store_passkeys, sessions as store_sessions,
        tenants::{self, TenantRow},
        users::{self, UserRow},
    },
};

/// Recovery codes given at a time.
pub const RECOVERY_CODES: usize = 10;

/// Letters and digits that cannot be mistaken for one another on paper.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A recovery code: 16 characters of `RECOVERY_ALPHABET` in four groups
/// (79 bits), easy to copy from paper.
fn new_recovery_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let letters: Vec<char> =
        (0..16).map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())])).collect();
    letters.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// As typed: case, spaces and dashes do not matter.
fn normalise_recovery_code(code: &str) -> String {
    let letters: Vec<char> = code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    letters.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// Whether the user has a second factor that sign-in must ask for.
pub async fn has_factor(d: &Domain, user: &UserRow) -> Result<bool> {
    let mut conn = d.store.db().acquire().await?;
    Ok(mfa::factors(&mut conn, &user.id).await? > 0)
}

/// Refuses a new factor where the policy in force is `off`.
pub(super) fn factors_off() -> Error {
    Error::Conflict { code: "mfa_off", detail: "Your organisation has turned second factors off.".into() }
}

/// Recovery codes for a person's first factor (none when they have some
/// left from an earlier one), in the caller's write turn.
pub(super) async fn first_factor_codes(tx: &mut sqlx::AnyConnection, user: &UserId) -> Result<Vec<String>> {
    if mfa::recovery_codes_left(tx, user).await? > 0 {
        return Ok(Vec::new());
    }
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    mfa::replace_recovery_codes(tx, user, &codes).await?;
    Ok(codes)
}

/// After one of the caller's factors was removed in this write turn: with
/// none left, refused if the policy in force requires one (422
/// `mfa_required`, nothing changes), else the recovery codes go too.
pub(super) async fn after_removal(tx: &mut sqlx::AnyConnection, caller: &Caller) -> Result<()> {
    if mfa::factors(tx, &caller.user.id).await? > 0 {
        return Ok(());
    }
    if caller.mfa_policy().requires(&caller.roles) {
        return Err(Error::MfaRequired);
    }
    Ok(mfa::drop_recovery_codes(tx, &caller.user.id).await?)
}

/// Whether the MFA policy in force requires this person, who has no second
/// factor, to set one up before anything else.
pub async fn enrolment_required(d: &Domain, user: &UserRow) -> Result<bool> {
    let roles = users::role_set(d.store.db(), &user.id).await?;
    let tree = tenants::ancestry(d.store.db(), &user.tenant_id).await?;
    Ok(in_force(&tree).requires(&roles))
}

/// The policy in force under these tenants (one and its ancestors); for a
/// tenant's ancestors alone, the least its own policy may be.
pub fn in_force<'a>(tree: impl IntoIterator<Item = &'a TenantRow>) -> MfaPolicy {
    MfaPolicy::in_force(tree.into_iter().map(|t| t.mfa_policy))
}

/// Refuses a tenant's own policy looser than what its ancestors impose.
pub fn check_policy(field: &str, policy: MfaPolicy, minimum: MfaPolicy) -> Result<MfaPolicy, FieldError> {
    if policy < minimum {
        return Err(FieldError::new(
            field,
            "below_minimum",
            format!(
                "The reseller requires at least \"{}\": a tenant may tighten it, never loosen it",
                minimum.as_str()
            ),
        ));
    }
    Ok(policy)
}

/// `GET /tenants/{tenantId}/mfa-policy`
pub fn policy_of(scope: &TenantScope) -> MfaPolicySettings {
    let minimum = in_force(&scope.above);
    let policy = scope.tenant.mfa_policy;
    MfaPolicySettings { policy, minimum, in_force: policy.max(minimum) }
}

/// `PUT /tenants/{tenantId}/mfa-policy`: the tenant's own policy, never
/// looser than its ancestors'; a stricter one reaches its people (and, for a
/// reseller, every customer's) at their next request.
pub async fn set_policy(
    d: &Domain,
    scope: &TenantScope,
    caller: &Caller,
    policy: MfaPolicy,
) -> Result<MfaPolicySettings> {
    let minimum = in_force(&scope.above);
    check_policy("policy", policy, minimum).map_err(Error::field)?;
    caller.require_recent_authentication()?;
    let mut tx = d.store.tenant_write(&scope.tenant.id).await?;
    let before = tenants::mfa_policy(&mut tx, &scope.tenant.id).await?;
    if before != policy {
        tenants::set_mfa_policy(&mut tx, &scope.tenant.id, policy).await?;
        let changes = json!({ "before": before.as_str(), "after": policy.as_str() });
        let entry = audit::Entry::by(&caller.user, &scope.tenant.id, None, AuditAction::MfaPolicyChanged, changes);
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(MfaPolicySettings { policy, minimum, in_force: policy.max(minimum) })
}

pub async fn status(d: &Domain, caller: &Caller) -> Result<MfaStatus> {
    let mut conn = d.store.db().acquire().await?;
    let totp = mfa::totp(&mut conn, &caller.user.id).await?.is_some_and(|t| t.enabled());
    let left = mfa::recovery_codes_left(&mut conn, &caller.user.id).await?;
    let passkeys = store_passkeys::count(&mut conn, &caller.user.id).await?;
    Ok(MfaStatus {
        totp,
        passkeys: u32::try_from(passkeys).unwrap_or(u32::MAX),
        recovery_codes_left: u32::try_from(left).unwrap_or(u32::MAX),
    })
}

/// A new authenticator secret, waiting for its first code.
pub async fn start_totp(d: &Domain, caller: &Caller) -> Result<TotpEnrolment> {
    if caller.mfa_policy() == MfaPolicy::Off {
        return Err(factors_off());
    }
    let secret = totp::new_secret();
    let otpauth_uri = totp::uri(&secret, &caller.user.email).ok_or_else(|| Error::Internal("TOTP URI".into()))?;
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    if !mfa::start_totp(&mut tx, &caller.user.id, &secret).await? {
        return Err(Error::Conflict { code: "totp_enabled", detail: "Authenticator codes are already on.".into() });
    }
    tx.commit().await?;
    Ok(TotpEnrolment { secret, otpauth_uri })
}

/// Enables the waiting secret with a code from it. The first factor comes
/// with recovery codes, shown this once.
pub async fn confirm_totp(d: &Domain, caller: &Caller, code: &str, client: &Client) -> Result<RecoveryCodes> {
    let key = users::email_key(&caller.user.email);
    let attempt = d.throttle.sign_in(&key, client.address, Instant::now()).await?;
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    let waiting = mfa::totp(&mut tx, &caller.user.id).await?.filter(|t| !t.enabled());
    let Some(waiting) = waiting else {
        attempt.undo().await;
        return Err(Error::Conflict {
            code: "no_totp_waiting",
            detail: "Start again: no secret waits for a code.".into(),
        });
    };
    // A field error, not 401: the caller is signed in, and a wrong code must
    // not read as a lost session.
    let wrong =
        || Error::field(FieldError::new("code", "invalid_code", "The code is wrong: enter the one the app shows now."));
    let step = totp::accept(&waiting.secret, code, tokens::unix_now(), 0).ok_or_else(wrong)?;
    let step = i64::try_from(step).map_err(|_| wrong())?;
    if !mfa::confirm_totp(&mut tx, &caller.user.id, &waiting.secret, step).await? {
        return Err(Error::Conflict {
            code: "no_totp_waiting",
            detail: "Start again: no secret waits for a code.".into(),
        });
    }
    let codes = first_factor_codes(&mut tx, &caller.user.id).await?;
    record(&mut tx, &caller.user, AuditAction::MfaEnrolled, json!({ "method": "totp" })).await?;
    tx.commit().await?;
    attempt.undo().await;
    Ok(RecoveryCodes { recovery_codes: codes })
}

/// Turns authenticator codes off; with no factor left, the recovery codes go too.
pub async fn remove_totp(d: &Domain, caller: &Caller) -> Result<()> {
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    if mfa::remove_totp(&mut tx, &caller.user.id).await? {
        after_removal(&mut tx, caller).await?;
        record(&mut tx, &caller.user, AuditAction::MfaRemoved, json!({ "method": "totp" })).await?;
    }
    Ok(tx.commit().await?)
}

/// New recovery codes; the earlier ones stop working.
pub async fn regenerate_recovery_codes(d: &Domain, caller: &Caller) -> Result<RecoveryCodes> {
    let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
    if mfa::factors(&mut tx, &caller.user.id).await? == 0 {
        return Err(Error::Conflict { code: "no_second_factor", detail: "Enrol a second factor first.".into() });
    }
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    mfa::replace_recovery_codes(&mut tx, &caller.user.id, &codes).await?;
    record(&mut tx, &caller.user, AuditAction::RecoveryCodesRegenerated, json!({})).await?;
    tx.commit().await?;
    Ok(RecoveryCodes { recovery_codes: codes })
}

/// An administrator's reset of a person's factors (lost phone and codes):
/// they sign in with their password alone until they enrol again, and every
/// session they had ends. Not a parent user's (403 `parent_user`), and not
/// one's own: that is My account's, with one's factor.
pub async fn reset_of_user(d: &Domain, scope: &TenantScope, caller: &Caller, user_id: &UserId) -> Result<()> {
    if *user_id == caller.user.id {
        return Err(Error::Conflict { code: "own_factors", detail: "Change your own factors in My account.".into() });
    }
    let mut tx = d.store.tenant_write(&scope.tenant.id).await?;
    let (user, _) = member_for_write(&mut tx, scope, user_id).await?;
    let had = mfa::reset(&mut tx, &user.id).await?;
    let ended = store_sessions::end_of_user(&mut tx, &user.id, None).await?;
    let changes = json!({ "hadFactor": had, "sessionsEnded": ended });
    let entry = audit::Entry::by(&caller.user, &user.tenant_id, Some(&user.id), AuditAction::MfaReset, changes);
    audit::record(&mut tx, entry).await?;
    Ok(tx.commit().await?)
}

/// After a right password: the second step's token and what completes it.
pub async fn challenge(d: &Domain, user: &UserRow) -> Result<MfaChallenge> {
    let mut conn = d.store.db().acquire().await?;
    let mfa_token = mfa::issue_challenge(&mut conn, &user.id).await?;
    let mut methods = Vec::new();
    if mfa::totp(&mut conn, &user.id).await?.is_some_and(|t| t.enabled()) {
        methods.push(MfaMethod::Totp);
    }
    if store_passkeys::count(&mut conn, &user.id).await? > 0 {
        methods.push(MfaMethod::Passkey);
    }
    methods.push(MfaMethod::RecoveryCode);
    Ok(MfaChallenge { mfa_required: true, mfa_token, methods })
}

/// The second step: a code (or a recovery code) for a live `mfaToken`.
/// Every try counts against the token (five at most) and the account's
/// throttle; a right one spends the token and the code, each once.
pub async fn complete(d: &Domain, req: &MfaRequest, client: &Client) -> Result<(Tokens, switchboard_shared::User)> {
    if req.code.is_some() == req.recovery_code.is_some() {
        return Err(Error::field(FieldError::new("code", "one_factor", "Give either `code` or `recoveryCode`.")));
    }
    let user_id = {
        let mut conn = d.store.db().acquire().await?;
        mfa::try_challenge(&mut conn, &req.mfa_token).await?.ok_or(Error::MfaTokenInvalid)?
    };
    let Some(user) = users::get(&mut *d.store.db().acquire().await?, &user_id).await? else {
        return Err(Error::Unauthenticated);
    };
    let key = users::email_key(&user.email);
    let attempt = d.throttle.sign_in(&key, client.address, Instant::now()).await?;
    let mut tx = d.store.tenant_write(&user.tenant_id).await?;
    if !spend_factor(&mut tx, &user.id, req.code.as_deref(), req.recovery_code.as_deref()).await? {
        return Err(Error::InvalidCode);
    }
    if !mfa::spend_challenge(&mut tx, &req.mfa_token, &user.id).await? {
        return Err(Error::MfaTokenInvalid);
    }
    if !sessions::may_sign_in(d, &user).await? {
        return Err(Error::InvalidCredentials);
    }
    if req.recovery_code.is_some() {
        record(&mut tx, &user, AuditAction::RecoveryCodeUsed, json!({})).await?;
    }
    tx.commit().await?;
    attempt.undo().await;
    d.throttle.clear_account(&key, client.address).await?;
    sessions::open(d, user, client).await
}

/// Whether `code` (from the authenticator, accepted once: only a step later
/// than the last one used) or else `recovery_code` (spent) is one of the
/// user's, in the caller's write turn.
async fn spend_factor(
    tx: &mut sqlx::AnyConnection,
    user: &UserId,
    code: Option<&str>,
    recovery_code: Option<&str>,
) -> Result<bool> {
    Ok(match (code, recovery_code) {
        (Some(code), _) => match mfa::totp(tx, user).await?.filter(mfa::Totp::enabled) {
            Some(t) => {
                let after = u64::try_from(t.last_step).unwrap_or(0);
                match totp::accept(&t.secret, code, tokens::unix_now(), after).and_then(|s| i64::try_from(s).ok()) {
                    Some(step) => mfa::use_step(tx, user, step).await?,
                    None => false,
                }
            }
            None => false,
        },
        (_, Some(code)) => mfa::spend_recovery_code(tx, user, &normalise_recovery_code(code)).await?,
        (None, None) => false,
    })
}

/// `POST /auth/reauthenticate`: the signed-in person proves who they are
/// again — with one of their passkeys, or with their password and, if they
/// have a factor, a code or recovery code — for the sensitive changes that
/// need it recently (`Caller::require_recent_authentication`). Tries count
/// towards the account's throttle like sign-ins. A wrong password is 403
/// `wrong_password`, a missing or wrong code or passkey a field error:
/// never 401, which would read as the session lost.
pub async fn reauthenticate(d: &Domain, caller: &Caller, req: Reauthenticate, client: &Client) -> Result<()> {
    let Some(session) = caller.session.as_ref() else {
        return Err(Error::Forbidden);
    };
    let key = users::email_key(&caller.user.email);
    let attempt = match (req.passkey, req.password) {
        (Some(assertion), _) => {
            let attempt = d.throttle.sign_in(&key, client.address, Instant::now()).await?;
            if !passkeys::confirm(d, &caller.user, &assertion).await? {
                return Err(Error::field(FieldError::new(
                    "passkey",
                    "passkey_refused",
                    "The passkey was not accepted: try again.",
                )));
            }
            attempt
        }
        (None, None) => {
            return Err(Error::field(FieldError::new("password", "required", "Give your password or use a passkey.")));
        }
        (None, Some(password)) => {
            if caller.second_factor && req.code.is_none() && req.recovery_code.is_none() {
                return Err(Error::field(FieldError::new(
                    "code",
                    "required",
                    "Give the code from your authenticator app.",
                )));
            }
            let attempt = own_password(d, caller, client.address, password).await?;
            if caller.second_factor {
                let mut tx = d.store.tenant_write(&caller.tenant.id).await?;
                let (code, recovery) = (req.code.as_deref(), req.recovery_code.as_deref());
                if !spend_factor(&mut tx, &caller.user.id, code, recovery).await? {
                    return Err(Error::field(FieldError::new(
                        "code",
                        "invalid_code",
                        "The code is wrong or was used already.",
                    )));
                }
                if req.code.is_none() {
                    record(&mut tx, &caller.user, AuditAction::RecoveryCodeUsed, json!({})).await?;
                }
                tx.commit().await?;
            }
            attempt
        }
    };
    if !store_sessions::reauthenticated(d.store.db(), &caller.user.id, session).await? {
        return Err(Error::Unauthenticated);
    }
    attempt.undo().await;
    d.throttle.clear_account(&key, client.address).await?;
    Ok(())
}

pub(super) async fn record(
    tx: &mut sqlx::AnyConnection,
    user: &UserRow,
    action: AuditAction,
    changes: serde_json::Value,
) -> Result<()> {
    let entry = audit::Entry::by(user, &user.tenant_id, Some(&user.id), action, changes);
    Ok(audit::record(tx, entry).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_four_groups_of_four_and_read_back_however_typed() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 19, "{code}");
        assert!(code.split('-').all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())), "{code}");
        assert_eq!(normalise_recovery_code(&code.to_uppercase().replace('-', " ")), code);
        assert_ne!(new_recovery_code(), code);
    }
}
