use axum::{extract::State, Extension};
use serde::Deserialize;
use switchboard_shared::{Me, Page, Problem, TenantSummary};
use utoipa::IntoParams;

use crate::{
    authz::{Caller, TenantCtx},
    error::{ApiError, ApiJson, ApiQuery},
    store::{tenants, users},
    AppState,
};

/// How many switchable tenants `/me` lists; the switcher searches for the rest.
const FIRST_PAGE: i64 = 50;

/// `GET /api/v1/me`: the caller, their tenant, and the tenants they may switch to.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn me(State(state): State<AppState>, Extension(caller): Extension<Caller>) -> Result<ApiJson<Me>, ApiError> {
    let own = caller.tenant.summary();
    let switchable =
        tenants::switchable(&state.db, &caller.tenant, crate::authz::acts_below(&caller), None, FIRST_PAGE, None)
            .await?;
    let user = users::to_api(&state.db, caller.user, &own.id).await?;
    Ok(ApiJson(Me { user, tenant: own, tenants: switchable.items }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TenantParams {
    /// Matches the name or the reference.
    q: Option<String>,
    limit: Option<i64>,
    cursor: Option<String>,
}

/// `GET /api/v1/tenants?q=&limit=&cursor=`: the tenants the caller may switch to, searched here.
#[utoipa::path(get, path = "/api/v1/tenants", tag = "auth", params(TenantParams),
    responses((status = 200, body = Page<TenantSummary>), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn tenants(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiQuery(params): ApiQuery<TenantParams>,
) -> Result<ApiJson<Page<TenantSummary>>, ApiError> {
    let limit = super::page_limit(params.limit)?;
    let page = tenants::switchable(
        &state.db,
        &caller.tenant,
        crate::authz::acts_below(&caller),
        params.q.as_deref(),
        limit,
        params.cursor.as_deref(),
    )
    .await?;
    Ok(ApiJson(page))
}

/// `GET /api/v1/tenants/{tenantId}`: one tenant the caller acts in, for the
/// portal's frame when `/me`'s first tenants do not hold it (staff of a
/// platform or reseller with many tenants). Out of reach: 404.
#[utoipa::path(get, path = "/api/v1/tenants/{tenantId}", tag = "auth",
    params(("tenantId" = String, Path, description = "The tenant")),
    responses((status = 200, body = TenantSummary), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn tenant(Extension(ctx): Extension<TenantCtx>) -> ApiJson<TenantSummary> {
    ApiJson(ctx.tenant.summary())
}
