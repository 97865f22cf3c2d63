use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::IntoResponse,
    Extension,
};
use switchboard_shared::{CreateDevice, Device, DeviceList, Problem, User, UserDevices};

use crate::{
    authz::{Caller, TenantCtx},
    device_changes,
    error::{ApiError, ApiJson},
    store::devices,
    AppState,
};

/// `GET /api/v1/customers/{tenantId}/devices`
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/devices", tag = "devices", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")),
    responses((status = 200, body = DeviceList), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
) -> Result<ApiJson<DeviceList>, ApiError> {
    let items = devices::list(&state.db, &ctx.tenant.id).await?.into_iter().map(|d| d.into_api()).collect();
    Ok(ApiJson(DeviceList { items }))
}

/// `POST /api/v1/customers/{tenantId}/devices` → 201 with `Location`.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/devices", tag = "devices", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")), request_body = CreateDevice,
    responses((status = 201, body = Device, headers(("Location" = String))), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    ApiJson(input): ApiJson<CreateDevice>,
) -> Result<impl IntoResponse, ApiError> {
    let device = device_changes::create(&state, &ctx.tenant, &caller, input).await?;
    let location = format!("/api/v1/customers/{}/devices/{}", ctx.tenant.id, device.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], ApiJson(device)))
}

/// `DELETE /api/v1/customers/{tenantId}/devices/{deviceId}` → 204.
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/devices/{deviceId}", tag = "devices", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("deviceId" = String, Path)),
    responses((status = 204), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn delete(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, device_id)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    device_changes::delete(&state, &ctx.tenant, &caller, &device_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /api/v1/customers/{tenantId}/users/{userId}/devices`: the user's softphones.
#[utoipa::path(put, path = "/api/v1/customers/{tenantId}/users/{userId}/devices", tag = "devices", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path)), request_body = UserDevices,
    responses((status = 200, body = User, headers(("ETag" = String))), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn set_for_user(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, user_id)): Path<(String, String)>,
    ApiJson(input): ApiJson<UserDevices>,
) -> Result<impl IntoResponse, ApiError> {
    let user = device_changes::set_softphones(&state, &ctx, &caller, &user_id, input).await?;
    Ok(([(header::ETAG, format!("\"{}\"", user.version))], ApiJson(user)))
}
