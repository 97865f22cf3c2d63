//! API keys of service users.

use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use switchboard_shared::{ApiKeyId, ApiKeyList, CreatedApiKey, NewApiKey, TenantId, UserId};

use super::{
    extract::ApiJson,
    openapi::{InTenant, Invalid, Refused, SensitiveInTenant},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller, TenantScope};

/// `GET /api/v1/customers/{tenantId}/users/{userId}/api-keys`
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/{userId}/api-keys", tag = "api keys",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 200, body = ApiKeyList), InTenant, Invalid))]
pub async fn list(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, user_id)): Path<(TenantId, UserId)>,
) -> Result<ApiJson<ApiKeyList>, ApiError> {
    Ok(ApiJson(ApiKeyList { items: domain::api_keys::list(&state.domain, &scope, &user_id).await? }))
}

/// `POST /api/v1/customers/{tenantId}/users/{userId}/api-keys` → 201; the key is shown only here.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/{userId}/api-keys", tag = "api keys",
    params(("tenantId" = String, Path), ("userId" = String, Path)), request_body = NewApiKey,
    responses((status = 201, body = CreatedApiKey), SensitiveInTenant, Invalid, Refused))]
pub async fn create(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
    ApiJson(input): ApiJson<NewApiKey>,
) -> Result<(StatusCode, ApiJson<CreatedApiKey>), ApiError> {
    let created = domain::api_keys::create(&state.domain, &scope, &caller, &user_id, input).await?;
    Ok((StatusCode::CREATED, ApiJson(created)))
}

/// `DELETE /api/v1/customers/{tenantId}/users/{userId}/api-keys/{keyId}` → 204: the key stops working.
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/users/{userId}/api-keys/{keyId}", tag = "api keys",
    params(("tenantId" = String, Path), ("userId" = String, Path), ("keyId" = String, Path)),
    responses((status = 204, description = "Revoked"), InTenant))]
pub async fn revoke(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id, key_id)): Path<(TenantId, UserId, ApiKeyId)>,
) -> Result<StatusCode, ApiError> {
    domain::api_keys::revoke(&state.domain, &scope, &caller, &user_id, &key_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
