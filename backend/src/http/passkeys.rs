//! Passkeys: a person's own (register, list, remove), signing in with one,
//! and the challenge for confirming who one is with one. The WebAuthn JSON
//! is the browser's own (`PublicKeyCredential.parseCreationOptionsFromJSON`,
//! `.toJSON()`).

use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use axum_extra::extract::cookie::CookieJar;
use switchboard_shared::{
    FinishPasskeyRegistration, LoginAnswer, LoginResponse, Passkey, PasskeyCeremony, PasskeyId, PasskeyRegistered,
    PasskeySignIn, Problem, StartPasskeySignIn,
};

use super::{
    auth::signed_in,
    extract::ApiJson,
    openapi::{Invalid, Refused, SignedIn, Throttled},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, sessions::Client, Caller};

/// `GET /api/v1/me/passkeys`: the caller's passkeys.
#[utoipa::path(get, path = "/api/v1/me/passkeys", tag = "account",
    responses((status = 200, body = Vec<Passkey>), SignedIn))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> Result<ApiJson<Vec<Passkey>>, ApiError> {
    Ok(ApiJson(domain::passkeys::list(&state.domain, &caller).await?))
}

/// `POST /api/v1/me/passkeys/register/start`: the options for
/// `navigator.credentials.create()` (a discoverable credential where the
/// authenticator can make one, with user verification), and the ceremony
/// `…/register/finish` completes within five minutes.
#[utoipa::path(post, path = "/api/v1/me/passkeys/register/start", tag = "account",
    responses((status = 201, body = PasskeyCeremony), SignedIn,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The MFA policy in force is `off` (`mfa_off`), the caller has 20 passkeys (`too_many_passkeys`), or the portal is served at an IP address, where browsers refuse passkeys (`passkeys_unavailable`)"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "Too many passkey requests wait at once (`busy`)")))]
pub async fn start_registration(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<(StatusCode, ApiJson<PasskeyCeremony>), ApiError> {
    Ok((StatusCode::CREATED, ApiJson(domain::passkeys::start_registration(&state.domain, &caller).await?)))
}

/// `POST /api/v1/me/passkeys/register/finish`: verifies the new credential
/// and keeps it with the name given. The first factor comes with ten
/// recovery codes, shown this once.
#[utoipa::path(post, path = "/api/v1/me/passkeys/register/finish", tag = "account",
    request_body = FinishPasskeyRegistration,
    responses((status = 201, body = PasskeyRegistered), SignedIn, Invalid, Refused,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The ceremony expired or was used (`ceremony_invalid`), the passkey is registered already (`passkey_registered`), or one of the start's refusals")))]
pub async fn finish_registration(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<FinishPasskeyRegistration>,
) -> Result<(StatusCode, ApiJson<PasskeyRegistered>), ApiError> {
    let registered = domain::passkeys::finish_registration(&state.domain, &caller, input).await?;
    Ok((StatusCode::CREATED, ApiJson(registered)))
}

/// `DELETE /api/v1/me/passkeys/{passkeyId}`: removes one of the caller's
/// passkeys (with no factor left, the recovery codes go too). Refused when
/// it is the last factor the MFA policy in force requires.
#[utoipa::path(delete, path = "/api/v1/me/passkeys/{passkeyId}", tag = "account",
    params(("passkeyId" = String, Path)),
    responses((status = 204, description = "Removed"), SignedIn,
        (status = 404, body = Problem, content_type = "application/problem+json", description = "Not one of the caller's passkeys (`not_found`)"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The MFA policy in force requires a second factor (`mfa_required`)")))]
pub async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<PasskeyId>,
) -> Result<StatusCode, ApiError> {
    domain::passkeys::remove(&state.domain, &caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/me/passkeys/challenge`: options for
/// `navigator.credentials.get()` with one of the caller's passkeys, whose
/// assertion `POST /api/v1/auth/reauthenticate` takes as `passkey`.
#[utoipa::path(post, path = "/api/v1/me/passkeys/challenge", tag = "account",
    responses((status = 201, body = PasskeyCeremony), SignedIn,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The caller has no passkey (`no_passkeys`), or passkeys are unavailable (`passkeys_unavailable`)"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "Too many passkey requests wait at once (`busy`)")))]
pub async fn challenge(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<(StatusCode, ApiJson<PasskeyCeremony>), ApiError> {
    Ok((StatusCode::CREATED, ApiJson(domain::passkeys::start_confirmation(&state.domain, &caller).await?)))
}

/// `POST /api/v1/auth/passkey/start`: options for `navigator.credentials.get()`.
/// With the `mfaToken` of a sign-in whose password was right, one of that
/// person's passkeys completes it (each start counts as one of the token's
/// five tries); without, any passkey the browser holds for this site signs
/// in on its own.
#[utoipa::path(post, path = "/api/v1/auth/passkey/start", tag = "auth", security(()), request_body = StartPasskeySignIn,
    responses((status = 201, body = PasskeyCeremony), Invalid,
        (status = 401, body = Problem, content_type = "application/problem+json", description = "The `mfaToken` expired, was used or saw five tries (`mfa_token_invalid`)"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The person has no passkey (`no_passkeys`), or passkeys are unavailable (`passkeys_unavailable`)"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "Too many passkey requests wait at once (`busy`)")))]
pub async fn start_sign_in(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<StartPasskeySignIn>,
) -> Result<(StatusCode, ApiJson<PasskeyCeremony>), ApiError> {
    Ok((StatusCode::CREATED, ApiJson(domain::passkeys::start_sign_in(&state.domain, input).await?)))
}

/// `POST /api/v1/auth/passkey/finish`: signs in with the browser's assertion
/// for the ceremony (and its `mfaToken`, for a second step): today's login
/// answer. The ceremony works once; a refused passkey counts towards the
/// account's throttle like a wrong password.
#[utoipa::path(post, path = "/api/v1/auth/passkey/finish", tag = "auth", security(()), request_body = PasskeySignIn,
    responses((status = 200, body = LoginResponse), Invalid, Throttled,
        (status = 401, body = Problem, content_type = "application/problem+json", description = "The passkey is unknown, not the person's, or did not verify, or the ceremony expired or was used (`passkey_refused`); the `mfaToken` is over (`mfa_token_invalid`); or the account may not sign in (`invalid_credentials`)"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Passkeys are unavailable (`passkeys_unavailable`)")))]
pub async fn finish_sign_in(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    ApiJson(input): ApiJson<PasskeySignIn>,
) -> Result<(CookieJar, ApiJson<LoginAnswer>), ApiError> {
    let (tokens, user) = domain::passkeys::finish_sign_in(&state.domain, &input, &client).await?;
    Ok(signed_in(&state, jar, input.session_cookie, tokens, user, false))
}
