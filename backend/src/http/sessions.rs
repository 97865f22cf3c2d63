//! Sessions: a person's own, and a user's for their administrator.

use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use switchboard_shared::{SessionId, SessionList, TenantId, UserId};

use super::{
    extract::ApiJson,
    openapi::{InTenant, SignedIn},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller, TenantScope};

/// `GET /api/v1/me/sessions`: the caller's live sessions, theirs marked `current`.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "account", responses((status = 200, body = SessionList), SignedIn))]
pub async fn mine(State(state): State<AppState>, caller: Caller) -> Result<ApiJson<SessionList>, ApiError> {
    Ok(ApiJson(domain::sessions::mine(&state.domain, &caller).await?))
}

/// `DELETE /api/v1/me/sessions`: "sign out everywhere else".
#[utoipa::path(delete, path = "/api/v1/me/sessions", tag = "account",
    responses((status = 204, description = "Every other session ended"), SignedIn))]
pub async fn end_others(State(state): State<AppState>, caller: Caller) -> Result<StatusCode, ApiError> {
    domain::sessions::end_others(&state.domain, &caller).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/me/sessions/{sessionId}`: ends one of the caller's sessions.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{sessionId}", tag = "account",
    params(("sessionId" = String, Path)),
    responses((status = 204, description = "Ended: its access stops at its next request"), SignedIn,
        (status = 404, body = switchboard_shared::Problem, content_type = "application/problem+json", description = "No such live session of the caller (`not_found`)")))]
pub async fn end_mine(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<SessionId>,
) -> Result<StatusCode, ApiError> {
    domain::sessions::end_mine(&state.domain, &caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/customers/{tenantId}/users/{userId}/sessions`: a user's live
/// sessions (a parent user's too, read-only).
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/{userId}/sessions", tag = "users",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 200, body = SessionList), InTenant))]
pub async fn of_user(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
) -> Result<ApiJson<SessionList>, ApiError> {
    Ok(ApiJson(domain::sessions::of_user(&state.domain, &scope, &caller, &user_id).await?))
}

/// `DELETE /api/v1/customers/{tenantId}/users/{userId}/sessions`: ends every
/// session of a user of the tenant (a parent user: 403 `parent_user`).
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/users/{userId}/sessions", tag = "users",
    params(("tenantId" = String, Path), ("userId" = String, Path)),
    responses((status = 204, description = "Every session of the user ended"), InTenant))]
pub async fn end_of_user(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
) -> Result<StatusCode, ApiError> {
    domain::sessions::end_of_user(&state.domain, &scope, &caller, &user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
