//! Second factors: a person's own authenticator codes and recovery codes,
//! an administrator's reset of someone else's, and a tenant's policy.

use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use switchboard_shared::{
    MfaPolicySettings, MfaStatus, Problem, RecoveryCodes, SetMfaPolicy, TenantId, TotpCode, TotpEnrolment, UserId,
};

use super::{
    extract::ApiJson,
    openapi::{InTenant, Invalid, Refused, SensitiveInTenant, SignedIn, Throttled},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, sessions::Client, Caller, TenantScope};

/// `GET /api/v1/me/mfa`: which second factors the caller has.
#[utoipa::path(get, path = "/api/v1/me/mfa", tag = "account", responses((status = 200, body = MfaStatus), SignedIn))]
pub async fn status(State(state): State<AppState>, caller: Caller) -> Result<ApiJson<MfaStatus>, ApiError> {
    Ok(ApiJson(domain::mfa::status(&state.domain, &caller).await?))
}

/// `POST /api/v1/me/mfa/totp`: a new secret for an authenticator app (an
/// earlier one still waiting for its first code is replaced). It works once
/// confirmed with a code from it.
#[utoipa::path(post, path = "/api/v1/me/mfa/totp", tag = "account",
    responses((status = 201, body = TotpEnrolment), SignedIn,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Authenticator codes are already on (`totp_enabled`), or the MFA policy in force is `off` (`mfa_off`)")))]
pub async fn start_totp(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<(StatusCode, ApiJson<TotpEnrolment>), ApiError> {
    Ok((StatusCode::CREATED, ApiJson(domain::mfa::start_totp(&state.domain, &caller).await?)))
}

/// `POST /api/v1/me/mfa/totp/confirm`: turns authenticator codes on with a
/// code from the new secret. The first factor comes with ten recovery
/// codes, shown this once. A wrong code: 422 naming `code` (`invalid_code`).
#[utoipa::path(post, path = "/api/v1/me/mfa/totp/confirm", tag = "account", request_body = TotpCode,
    responses((status = 200, body = RecoveryCodes), SignedIn, Invalid, Refused, Throttled,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "No secret waits for a code (`no_totp_waiting`)")))]
pub async fn confirm_totp(
    State(state): State<AppState>,
    caller: Caller,
    client: Client,
    ApiJson(input): ApiJson<TotpCode>,
) -> Result<ApiJson<RecoveryCodes>, ApiError> {
    Ok(ApiJson(domain::mfa::confirm_totp(&state.domain, &caller, &input.code, &client).await?))
}

/// `DELETE /api/v1/me/mfa/totp`: turns authenticator codes off (with no
/// factor left, the recovery codes go too). Refused while the MFA policy in
/// force requires the caller to have a factor.
#[utoipa::path(delete, path = "/api/v1/me/mfa/totp", tag = "account",
    responses((status = 204, description = "Off"), SignedIn,
        (status = 422, body = Problem, content_type = "application/problem+json", description = "The MFA policy in force requires a second factor (`mfa_required`)")))]
pub async fn remove_totp(State(state): State<AppState>, caller: Caller) -> Result<StatusCode, ApiError> {
    domain::mfa::remove_totp(&state.domain, &caller).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/me/mfa/recovery-codes`: ten new recovery codes, shown this
/// once; the earlier ones stop working.
#[utoipa::path(post, path = "/api/v1/me/mfa/recovery-codes", tag = "account",
    responses((status = 200, body = RecoveryCodes), SignedIn,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "No second factor to recover (`no_second_factor`)")))]
pub async fn regenerate_recovery_codes(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<ApiJson<RecoveryCodes>, ApiError> {
    Ok(ApiJson(domain::mfa::regenerate_recovery_codes(&state.domain, &caller).await?))
}

/// `DELETE /api/v1/customers/{tenantId}/users/{userId}/mfa`: a user
/// administrator resets a person's second factors (they lost their phone and
/// their recovery codes): every session of theirs ends, and they sign in
/// with their password alone until they enrol again. A parent user: 403
/// `parent_user`; one's own: 409 `own_factors` (My account is the place).
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/users/{userId}/mfa", tag = "users",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 204, description = "Factors removed, sessions ended"), InTenant,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "One's own factors (`own_factors`)")))]
pub async fn reset_of_user(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
) -> Result<StatusCode, ApiError> {
    domain::mfa::reset_of_user(&state.domain, &scope, &caller, &user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/tenants/{tenantId}/mfa-policy`: the tenant's own MFA policy,
/// the minimum its ancestors impose, and the policy in force (the stricter).
#[utoipa::path(get, path = "/api/v1/tenants/{tenantId}/mfa-policy", tag = "customers",
    params(("tenantId" = String, Path)), responses((status = 200, body = MfaPolicySettings), InTenant))]
pub async fn policy(scope: TenantScope) -> ApiJson<MfaPolicySettings> {
    ApiJson(domain::mfa::policy_of(&scope))
}

/// `PUT /api/v1/tenants/{tenantId}/mfa-policy`: sets the tenant's own policy
/// (`off`, `optional`, `requiredForAdmins`, `required`), never looser than
/// the minimum its ancestors impose (422 `below_minimum` on `policy`). A
/// reseller's or the platform's is a minimum for every tenant below it.
#[utoipa::path(put, path = "/api/v1/tenants/{tenantId}/mfa-policy", tag = "customers", request_body = SetMfaPolicy,
    params(("tenantId" = String, Path)),
    responses((status = 200, body = MfaPolicySettings), SensitiveInTenant, Invalid, Refused))]
pub async fn set_policy(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    ApiJson(input): ApiJson<SetMfaPolicy>,
) -> Result<ApiJson<MfaPolicySettings>, ApiError> {
    Ok(ApiJson(domain::mfa::set_policy(&state.domain, &scope, &caller, input.policy).await?))
}
