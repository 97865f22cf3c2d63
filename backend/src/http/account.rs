//! A person's own account: profile, password, and a forgotten password's
//! reset by mailed link.

use axum::{extract::State, http::StatusCode};
use switchboard_shared::{
    ChangePassword, PasswordResetAccepted, PasswordResetConfirm, PasswordResetRequest, PatchProfile, Problem, Profile,
};

use super::{
    extract::{ApiJson, ClientAddress},
    openapi::{Busy, Invalid, Refused, SignedIn, Throttled},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller};

/// `GET /api/v1/me/profile`: the caller's name, language and time zone.
#[utoipa::path(get, path = "/api/v1/me/profile", tag = "account", responses((status = 200, body = Profile), SignedIn))]
pub async fn profile(caller: Caller) -> ApiJson<Profile> {
    ApiJson(domain::account::profile(&caller))
}

/// `PATCH /api/v1/me/profile`: changes the caller's name, language or time
/// zone (nothing else of their record: not roles, status or e-mail).
#[utoipa::path(patch, path = "/api/v1/me/profile", tag = "account", request_body = PatchProfile,
    responses((status = 200, body = Profile), SignedIn, Invalid, Refused))]
pub async fn patch_profile(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<PatchProfile>,
) -> Result<ApiJson<Profile>, ApiError> {
    Ok(ApiJson(domain::account::patch_profile(&state.domain, &caller, input).await?))
}

/// `POST /api/v1/me/password`: a new password, given the current one. Every
/// other session of the person ends.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "account", request_body = ChangePassword,
    responses((status = 204, description = "Changed; every other session ended"), SignedIn, Invalid, Refused, Throttled, Busy,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The current password is wrong (`wrong_password`)")))]
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    ClientAddress(client): ClientAddress,
    ApiJson(input): ApiJson<ChangePassword>,
) -> Result<StatusCode, ApiError> {
    domain::account::change_password(&state.domain, &caller, client, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What every reset request is told, whatever the address.
const RESET_ACCEPTED: &str =
    "If this address belongs to an account that signs in with a password, a link to choose a new one is on its way.";

/// `POST /api/v1/auth/password-reset`: mails a reset link to a person who
/// signs in with a password. The same answer, after the same work, for every
/// address; throttled per address (429) and, silently, per e-mail. Only an
/// address longer than any kept is refused (422).
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", security(()), request_body = PasswordResetRequest,
    responses((status = 202, body = PasswordResetAccepted), Invalid, Refused, Throttled,
        (status = 503, body = Problem, content_type = "application/problem+json", description = "Too many requests waiting; `Retry-After` says when to try again (`busy`)")))]
pub async fn request_reset(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> Result<(StatusCode, ApiJson<PasswordResetAccepted>), ApiError> {
    domain::account::request_reset(&state.domain, req.email, client).await?;
    Ok((StatusCode::ACCEPTED, ApiJson(PasswordResetAccepted { detail: RESET_ACCEPTED.into() })))
}

/// `POST /api/v1/auth/password-reset/confirm`: sets the password with the
/// mailed link's token, which works once within its hour; every session of
/// the person ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth", security(()), request_body = PasswordResetConfirm,
    responses((status = 204, description = "The password is set: the person signs in with it"), Refused, Throttled, Busy,
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Unreadable body, or a link that is unknown, spent or expired (`invalid_reset_token`)")))]
pub async fn confirm_reset(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(req): ApiJson<PasswordResetConfirm>,
) -> Result<StatusCode, ApiError> {
    domain::account::confirm_reset(&state.domain, &req.token, req.password, client).await?;
    Ok(StatusCode::NO_CONTENT)
}
