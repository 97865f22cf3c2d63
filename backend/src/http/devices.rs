//! A tenant's devices, and a user's softphones.

use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::IntoResponse,
};
use switchboard_shared::{CreateDevice, Device, DeviceId, DeviceList, TenantId, User, UserDevices, UserId};

use super::{
    extract::ApiJson,
    openapi::{InTenant, Invalid, Refused},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller, TenantScope};

/// `GET /api/v1/customers/{tenantId}/devices`
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/devices", tag = "devices",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")),
    responses((status = 200, body = DeviceList), InTenant))]
pub async fn list(State(state): State<AppState>, scope: TenantScope) -> Result<ApiJson<DeviceList>, ApiError> {
    Ok(ApiJson(DeviceList { items: domain::devices::list(&state.domain, &scope.tenant).await? }))
}

/// `POST /api/v1/customers/{tenantId}/devices` → 201 with `Location`.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/devices", tag = "devices",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")), request_body = CreateDevice,
    responses((status = 201, body = Device, headers(("Location" = String))), InTenant, Invalid, Refused))]
pub async fn create(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    ApiJson(input): ApiJson<CreateDevice>,
) -> Result<impl IntoResponse, ApiError> {
    let device = domain::devices::create(&state.domain, &scope.tenant, &caller, input).await?;
    let location = format!("/api/v1/customers/{}/devices/{}", scope.tenant.id, device.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], ApiJson(device)))
}

/// `DELETE /api/v1/customers/{tenantId}/devices/{deviceId}` → 204.
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/devices/{deviceId}", tag = "devices",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("deviceId" = String, Path)),
    responses((status = 204, description = "Deleted"), InTenant))]
pub async fn delete(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, device_id)): Path<(TenantId, DeviceId)>,
) -> Result<StatusCode, ApiError> {
    domain::devices::delete(&state.domain, &scope.tenant, &caller, &device_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /api/v1/customers/{tenantId}/users/{userId}/devices`: the user's softphones.
#[utoipa::path(put, path = "/api/v1/customers/{tenantId}/users/{userId}/devices", tag = "devices",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path)),
    request_body = UserDevices,
    responses((status = 200, body = User, headers(("ETag" = String))), InTenant, Invalid, Refused))]
pub async fn set_for_user(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
    ApiJson(input): ApiJson<UserDevices>,
) -> Result<impl IntoResponse, ApiError> {
    let user = domain::devices::set_softphones(&state.domain, &scope, &caller, &user_id, input).await?;
    Ok(([(header::ETAG, format!("\"{}\"", user.version))], ApiJson(user)))
}
