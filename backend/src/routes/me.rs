use axum::{extract::State, Extension};
use switchboard_shared::{Me, Problem, TenantKind};

use crate::{
    authz::Caller,
    error::{ApiError, ApiJson},
    store::{tenants, users},
    AppState,
};

/// How many switchable tenants `/me` lists; the switcher searches for the rest.
const FIRST_PAGE: i64 = 50;

/// `GET /api/v1/me`: the caller, their tenant, and the tenants they may switch to.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn me(State(state): State<AppState>, Extension(caller): Extension<Caller>) -> Result<ApiJson<Me>, ApiError> {
    let own = caller.tenant.summary();
    let mut switchable = vec![own.clone()];
    if own.kind != TenantKind::Customer {
        switchable.extend(tenants::children(&state.db, &own.id, FIRST_PAGE).await?.iter().map(|t| t.summary()));
    }
    let user = users::to_api(&state.db, caller.user, &own.id).await?;
    Ok(ApiJson(Me { user, tenant: own, tenants: switchable }))
}
