//! Importing a customer's users: a CSV upload, or its PBX directory.

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, State},
    http::{header, HeaderMap, StatusCode},
};
use serde::Deserialize;
use switchboard_shared::{ImportReport, Problem};
use utoipa::IntoParams;

use super::{
    extract::{ApiJson, ApiQuery},
    openapi::{InTenant, Invalid, Refused},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller, TenantScope};

/// A CSV of 10,000 users is about 1 MB; this leaves room for long names.
pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct ImportParams {
    /// Report what the import would do, and write nothing.
    #[serde(default)]
    dry_run: bool,
}

/// `POST /api/v1/customers/{tenantId}/users/import` (`text/csv`, columns
/// `displayName,email,extension,externalId,agent`): users matched by
/// external id, then e-mail; new ones created with the roles of rule 7,
/// known ones updated. Any bad row → 422 `invalid_rows` listing every one,
/// and nothing is imported.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/import", tag = "users",
    params(("tenantId" = String, Path, description = "The customer"), ImportParams),
    request_body(content = String, content_type = "text/csv", description = "displayName,email,extension,externalId,agent (a `roles` column, as an export has, is ignored)"),
    responses((status = 200, body = ImportReport), InTenant, Invalid, Refused,
        (status = 413, body = Problem, content_type = "application/problem+json", description = "The file is larger than 16 MiB (`payload_too_large`)"),
        (status = 415, body = Problem, content_type = "application/problem+json", description = "The body is not `text/csv` (`unsupported_media_type`)")))]
pub async fn import_csv(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    ApiQuery(params): ApiQuery<ImportParams>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<ApiJson<ImportReport>, ApiError> {
    let csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("text/csv")));
    if !csv {
        return Err(ApiError::UnsupportedMediaType("text/csv"));
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::bad_request("invalid_body", e.body_text())
        }
    })?;
    Ok(ApiJson(domain::import::from_csv(&state.domain, &scope, &caller, body, params.dry_run).await?))
}

/// `POST /api/v1/customers/{tenantId}/pbx/sync`: the same import, from the
/// customer's PBX directory. 422 `no_pbx_connection` when it has none; 502
/// (`pbx_unreachable`, `pbx_auth_failed`, `pbx_error`, `pbx_bad_response`)
/// when the PBX cannot be read.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/pbx/sync", tag = "customers",
    params(("tenantId" = String, Path, description = "The customer"), ImportParams),
    responses((status = 200, body = ImportReport), InTenant, Invalid, Refused,
        (status = 502, body = Problem, content_type = "application/problem+json", description = "The PBX could not be read (`pbx_unreachable`, `pbx_auth_failed`, `pbx_error`, `pbx_bad_response`)")))]
pub async fn sync(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    ApiQuery(params): ApiQuery<ImportParams>,
) -> Result<ApiJson<ImportReport>, ApiError> {
    Ok(ApiJson(domain::import::from_pbx(&state.domain, &scope, &caller, params.dry_run).await?))
}
