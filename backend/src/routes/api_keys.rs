use axum::{
    extract::{Path, State},
    http::StatusCode,
    Extension,
};
use serde_json::json;
use switchboard_shared::{fields, ApiKeyList, AuditAction, CreatedApiKey, NewApiKey, Problem};

use crate::{
    authz::{Caller, TenantCtx},
    error::{ApiError, ApiJson},
    store::{api_keys, audit, users},
    AppState,
};

/// The service user the path names, in the tenant; anyone else is refused.
async fn service_user(conn: &mut sqlx::AnyConnection, tenant: &str, user_id: &str) -> Result<(), ApiError> {
    let user = users::get_in_tenant(conn, tenant, user_id).await?.ok_or(ApiError::NotFound)?;
    if user.service_user == 0 {
        return Err(ApiError::bad_request("not_a_service_user", "only service users have API keys; people sign in"));
    }
    Ok(())
}

/// `GET /api/v1/customers/{tenantId}/users/{userId}/api-keys`
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/{userId}/api-keys", tag = "api keys",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 200, body = ApiKeyList), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Path((_, user_id)): Path<(String, String)>,
) -> Result<ApiJson<ApiKeyList>, ApiError> {
    service_user(&mut *state.db.acquire().await?, &ctx.tenant.id, &user_id).await?;
    Ok(ApiJson(ApiKeyList { items: api_keys::list(&state.db, &user_id).await? }))
}

/// `POST /api/v1/customers/{tenantId}/users/{userId}/api-keys` → 201; the key is shown only here.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/{userId}/api-keys", tag = "api keys",
    params(("tenantId" = String, Path), ("userId" = String, Path)), request_body = NewApiKey,
    responses((status = 201, body = CreatedApiKey), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, user_id)): Path<(String, String)>,
    ApiJson(input): ApiJson<NewApiKey>,
) -> Result<(StatusCode, ApiJson<CreatedApiKey>), ApiError> {
    let name = fields::api_key_name(&input.name).map_err(|e| ApiError::Fields(vec![e]))?;
    let mut tx = state.writes.tenant(&state.db, &ctx.tenant.id).await?;
    service_user(&mut tx, &ctx.tenant.id, &user_id).await?;
    let (id, created_at, key) = api_keys::create(&mut tx, &user_id, &name).await?;
    let changes = json!({ "apiKey": { "id": id, "name": name } });
    let entry = audit::Entry::by(&caller.user, &ctx.tenant.id, Some(&user_id), AuditAction::ApiKeyCreated, changes);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, ApiJson(CreatedApiKey { id, name, created_at, key })))
}

/// `DELETE /api/v1/customers/{tenantId}/users/{userId}/api-keys/{keyId}` → 204: the key stops working.
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/users/{userId}/api-keys/{keyId}", tag = "api keys",
    params(("tenantId" = String, Path), ("userId" = String, Path), ("keyId" = String, Path)),
    responses((status = 204), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, user_id, key_id)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let mut tx = state.writes.tenant(&state.db, &ctx.tenant.id).await?;
    users::get_in_tenant(&mut tx, &ctx.tenant.id, &user_id).await?.ok_or(ApiError::NotFound)?;
    if !api_keys::revoke(&mut tx, &user_id, &key_id).await? {
        return Err(ApiError::NotFound);
    }
    let changes = json!({ "apiKey": { "id": key_id } });
    let entry = audit::Entry::by(&caller.user, &ctx.tenant.id, Some(&user_id), AuditAction::ApiKeyRevoked, changes);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
