//! Read-only views of a tenant: licence usage and the audit trail.

use axum::{extract::State, Extension};
use serde::Deserialize;
use switchboard_shared::{roles::CATALOGUE, AuditEvent, LicenceCount, LicenceUsage, Page, Problem};
use utoipa::IntoParams;

use crate::{
    authz::TenantCtx,
    error::{ApiError, ApiJson, ApiQuery},
    store::{audit, users},
    AppState,
};

/// `GET /api/v1/customers/{tenantId}/licences`: every licensed role of the
/// catalogue with the number of the tenant's users holding it.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/licences", tag = "tenants", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")),
    responses((status = 200, body = LicenceUsage), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn licences(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
) -> Result<ApiJson<LicenceUsage>, ApiError> {
    let licensed: Vec<&str> = CATALOGUE.iter().filter(|r| r.licensed).map(|r| r.key).collect();
    let counts = users::licence_counts(&state.db, &ctx.tenant.id, &licensed).await?;
    let licences = licensed
        .iter()
        .map(|role| LicenceCount {
            role: (*role).to_owned(),
            count: counts.iter().find(|(r, _)| r == role).map_or(0, |(_, n)| *n as u64),
        })
        .collect();
    Ok(ApiJson(LicenceUsage { licences }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct AuditParams {
    user_id: Option<String>,
    limit: Option<i64>,
    cursor: Option<String>,
}

/// `GET /api/v1/customers/{tenantId}/audit?userId=&limit=&cursor=`, newest first.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/audit", tag = "tenants", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), AuditParams),
    responses((status = 200, body = Page<AuditEvent>), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn audit_trail(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<ApiJson<Page<AuditEvent>>, ApiError> {
    let limit = super::page_limit(params.limit)?;
    let page =
        audit::list(&state.db, &ctx.tenant.id, params.user_id.as_deref(), limit, params.cursor.as_deref()).await?;
    Ok(ApiJson(page))
}
