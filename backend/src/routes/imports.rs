//! Importing a customer's users: a CSV upload, or its PBX directory.

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, State},
    http::{header, HeaderMap, StatusCode},
    Extension,
};
use serde::Deserialize;
use switchboard_shared::{ImportReport, Problem};
use utoipa::IntoParams;

use crate::{
    authz::{Caller, TenantCtx},
    error::{ApiError, ApiJson, ApiQuery},
    pbx::{self, CsvFile, Directory},
    store::customers,
    user_import::{self, Source},
    AppState,
};

/// A CSV of 10,000 users is about 1 MB; this leaves room for long names.
pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
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
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users/import", tag = "users", params(("tenantId" = String, Path, description = "The customer"), ImportParams),
    request_body(content = String, content_type = "text/csv", description = "displayName,email,extension,externalId,agent (a `roles` column, as an export has, is ignored)"),
    responses((status = 200, body = ImportReport), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 415, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn import_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
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
    let listing = CsvFile(body).users().await?;
    let report =
        user_import::run(&state, &ctx, &caller, Source::Csv, listing.rows, listing.rejected, params.dry_run).await?;
    Ok(ApiJson(report))
}

/// `POST /api/v1/customers/{tenantId}/pbx/sync`: the same import, from the
/// customer's PBX directory. 422 `no_pbx_connection` when it has none; 502
/// (`pbx_unreachable`, `pbx_auth_failed`, `pbx_error`, `pbx_bad_response`)
/// when the PBX cannot be read.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/pbx/sync", tag = "customers", params(("tenantId" = String, Path, description = "The customer"), ImportParams),
    responses((status = 200, body = ImportReport), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 502, body = Problem, content_type = "application/problem+json")))]
pub async fn sync(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    ApiQuery(params): ApiQuery<ImportParams>,
) -> Result<ApiJson<ImportReport>, ApiError> {
    let mut conn = state.db.acquire().await?;
    let customer = customers::get(&mut conn, &ctx.tenant.id).await?.ok_or(ApiError::NotFound)?;
    drop(conn);
    let target = customer.pbx().ok_or(ApiError::NoPbxConnection)?;
    // Read before the import's write begins: the PBX may be slow, and the
    // tenant's writes wait for an import only while it writes.
    let listing = pbx::connect(target, &state.pbx).await?.users().await?;
    let report =
        user_import::run(&state, &ctx, &caller, Source::Pbx, listing.rows, listing.rejected, params.dry_run).await?;
    Ok(ApiJson(report))
}
