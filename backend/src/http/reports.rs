//! Read-only views of a tenant: licence usage and the audit trail.

use axum::extract::State;
use serde::Deserialize;
use switchboard_shared::{AuditEvent, LicenceUsage, Page, UserId};
use utoipa::IntoParams;

use super::{
    extract::{ApiJson, ApiQuery},
    openapi::{InTenant, Invalid},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, TenantScope};

/// `GET /api/v1/customers/{tenantId}/licences`: every licensed role of the
/// catalogue with the number of the tenant's users holding it.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/licences", tag = "tenants",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")),
    responses((status = 200, body = LicenceUsage), InTenant))]
pub async fn licences(State(state): State<AppState>, scope: TenantScope) -> Result<ApiJson<LicenceUsage>, ApiError> {
    Ok(ApiJson(domain::reports::licences(&state.domain, &scope).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct AuditParams {
    /// Only the events about this user.
    user_id: Option<UserId>,
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    #[param(schema_with = super::openapi::cursor)]
    cursor: Option<String>,
}

/// `GET /api/v1/customers/{tenantId}/audit?userId=&limit=&cursor=`, newest first.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/audit", tag = "tenants",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), AuditParams),
    responses((status = 200, body = Page<AuditEvent>), InTenant, Invalid))]
pub async fn audit_trail(
    State(state): State<AppState>,
    scope: TenantScope,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<ApiJson<Page<AuditEvent>>, ApiError> {
    let limit = super::page_limit(params.limit)?;
    let (user, cursor) = (params.user_id.as_ref(), params.cursor.as_deref());
    Ok(ApiJson(domain::reports::audit_trail(&state.domain, &scope, user, limit, cursor).await?))
}
