//! The caller's own view: who they are and where they may act.

use axum::extract::State;
use serde::Deserialize;
use switchboard_shared::{Me, Page, TenantSummary};
use utoipa::IntoParams;

use super::{
    extract::{ApiJson, ApiQuery},
    openapi::{InTenant, Invalid, SignedIn},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller, TenantScope};

/// `GET /api/v1/me`: the caller, their tenant, and the tenants they may switch to.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me), SignedIn))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> Result<ApiJson<Me>, ApiError> {
    Ok(ApiJson(domain::tenants::me(&state.domain, caller).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TenantParams {
    /// Matches the name or the reference.
    #[param(pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    #[param(schema_with = super::openapi::cursor)]
    cursor: Option<String>,
}

/// `GET /api/v1/tenants?q=&limit=&cursor=`: the tenants the caller may switch to, searched here.
#[utoipa::path(get, path = "/api/v1/tenants", tag = "auth", params(TenantParams),
    responses((status = 200, body = Page<TenantSummary>), SignedIn, Invalid))]
pub async fn tenants(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<TenantParams>,
) -> Result<ApiJson<Page<TenantSummary>>, ApiError> {
    let limit = super::page_limit(params.limit)?;
    let (q, cursor) = (params.q.as_deref(), params.cursor.as_deref());
    Ok(ApiJson(domain::tenants::switchable(&state.domain, &caller, q, limit, cursor).await?))
}

/// `GET /api/v1/tenants/{tenantId}`: one tenant the caller acts in, for the
/// portal's frame when `/me`'s first tenants do not hold it (staff of a
/// platform or reseller with many tenants). Out of reach: 404.
#[utoipa::path(get, path = "/api/v1/tenants/{tenantId}", tag = "auth",
    params(("tenantId" = String, Path, description = "The tenant")),
    responses((status = 200, body = TenantSummary), InTenant))]
pub async fn tenant(scope: TenantScope) -> ApiJson<TenantSummary> {
    ApiJson(scope.tenant.summary())
}
