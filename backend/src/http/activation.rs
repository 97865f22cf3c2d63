//! E-mail to users (the activation link and the UC welcome), the outbox
//! that keeps it, and the activation page's call that sets a password.

use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use serde::Deserialize;
use switchboard_shared::{ActivateRequest, OutboxMessage, TenantId, UserId};
use utoipa::IntoParams;

use super::{
    extract::{ApiJson, ApiQuery, ClientAddress},
    openapi::{Busy, InTenant, Invalid, Refused, SignedIn, Throttled},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller, TenantScope};

/// `POST /api/v1/customers/{tenantId}/users/{userId}/activation-email` → 202.
/// Only for people who never activated; a new link voids the earlier ones.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/{userId}/activation-email", tag = "users",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 202, description = "Queued in the outbox"), InTenant, Refused))]
pub async fn send(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
) -> Result<StatusCode, ApiError> {
    domain::activation::send_activation(&state.domain, &scope, &caller, &user_id).await?;
    Ok(StatusCode::ACCEPTED)
}

/// `POST /api/v1/customers/{tenantId}/users/{userId}/uc-welcome-email` → 202:
/// where to download the UC clients.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/{userId}/uc-welcome-email", tag = "users",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 202, description = "Queued in the outbox"), InTenant, Refused))]
pub async fn send_uc_welcome(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
) -> Result<StatusCode, ApiError> {
    domain::activation::send_uc_welcome(&state.domain, &scope, &caller, &user_id).await?;
    Ok(StatusCode::ACCEPTED)
}

/// `POST /api/v1/auth/activate`: sets the password of the user the link was
/// for, who becomes active and can sign in. The link works once.
#[utoipa::path(post, path = "/api/v1/auth/activate", tag = "auth", security(()), request_body = ActivateRequest,
    responses((status = 204, description = "Activated: the person signs in with the new password"), Invalid, Refused, Throttled, Busy))]
pub async fn activate(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(req): ApiJson<ActivateRequest>,
) -> Result<StatusCode, ApiError> {
    domain::activation::activate(&state.domain, &req.token, req.password, client).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutboxParams {
    /// Only mail to this address.
    #[param(pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    to: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

/// `GET /api/v1/outbox?to=`: mail sent in the caller's tenant and, for staff,
/// the tenants under it; newest first.
#[utoipa::path(get, path = "/api/v1/outbox", tag = "users", params(OutboxParams),
    responses((status = 200, body = Vec<OutboxMessage>), SignedIn, Invalid,
        (status = 403, body = switchboard_shared::Problem, content_type = "application/problem+json", description = "The caller does not manage users (`forbidden`)")))]
pub async fn outbox(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<OutboxParams>,
) -> Result<ApiJson<Vec<OutboxMessage>>, ApiError> {
    let limit = super::page_limit(params.limit)?;
    Ok(ApiJson(domain::activation::outbox(&state.domain, &caller, params.to.as_deref(), limit).await?))
}
