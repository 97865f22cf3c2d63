use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use serde::Deserialize;
use switchboard_shared::{roles::RoleDef, CreateUser, EmailCheck, Page, PatchUser, Problem, User, UserStatus};
use utoipa::IntoParams;

use crate::{
    authz::{Caller, TenantCtx},
    error::{ApiError, ApiJson, ApiQuery},
    page_cache,
    store::users::{self, ListQuery, Sort},
    user_changes, users_csv, AppState,
};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    q: Option<String>,
    role: Option<String>,
    status: Option<String>,
    sort: Option<String>,
    limit: Option<i64>,
    cursor: Option<String>,
}

/// `GET /api/v1/customers/{tenantId}/users`
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users", tag = "users", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ListParams),
    responses((status = 200, body = Page<User>), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let query = ListQuery {
        limit: super::page_limit(params.limit)?,
        cursor: params.cursor,
        ..list_query(&ctx, params.q, params.role, params.status, params.sort)?
    };
    let generations = std::iter::once(&ctx.tenant).chain(&ctx.above).map(|t| t.generation).collect();
    let key = page_cache::Key { generations, query };
    let body = match state.pages.get(&key) {
        Some(body) => body,
        None => {
            let page = users::list(&state.db, &key.query, &ctx.above).await?;
            let body = Bytes::from(serde_json::to_vec(&page).map_err(|e| ApiError::Internal(e.to_string()))?);
            state.pages.insert(key, body.clone());
            body
        }
    };
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response())
}

/// The filters and sort of a listing, checked; the first page of 50.
fn list_query(
    ctx: &TenantCtx,
    q: Option<String>,
    role: Option<String>,
    status: Option<String>,
    sort: Option<String>,
) -> Result<ListQuery, ApiError> {
    let invalid = |what: &str| ApiError::bad_request("invalid_query", what.to_owned());
    if role.as_deref().is_some_and(|r| RoleDef::get(r).is_none()) {
        return Err(invalid("role names no role of the catalogue"));
    }
    let status = status
        .as_deref()
        .map(|s| UserStatus::parse(s).ok_or_else(|| invalid("status is invited, active or blocked")))
        .transpose()?;
    let sort = sort
        .as_deref()
        .map(|s| Sort::parse(s).ok_or_else(|| invalid("sort is name, email or createdAt, with - for descending")))
        .transpose()?
        .unwrap_or_default();
    Ok(ListQuery {
        tenant_id: ctx.tenant.id.clone(),
        q,
        role,
        status,
        sort,
        limit: super::page_limit(None)?,
        cursor: None,
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    q: Option<String>,
    role: Option<String>,
    status: Option<String>,
    sort: Option<String>,
}

/// `GET /api/v1/customers/{tenantId}/users/export`: the tenant's own users
/// that match the list's filters, as CSV in the import's columns plus
/// `roles` (keys separated by spaces), so an export can be edited and
/// imported back. Parent users are not the tenant's to import, so they are
/// left out.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/export", tag = "users", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ExportParams),
    responses((status = 200, content_type = "text/csv", body = String, description = "displayName,email,extension,externalId,agent,roles"), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn export(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> Result<Response, ApiError> {
    // Read in pages of the list's own keyset query, so the export holds
    // exactly what the list shows and uses the same indexes.
    let mut query =
        ListQuery { limit: EXPORT_PAGE, ..list_query(&ctx, params.q, params.role, params.status, params.sort)? };
    let mut csv = users_csv::Writer::new();
    loop {
        let page = users::list(&state.db, &query, &[]).await?;
        page.items.iter().try_for_each(|u| csv.write(u))?;
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
        (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"users.csv\"")),
    ];
    Ok((headers, csv.finish()?).into_response())
}

/// Rows per query of an export: large, since nobody waits between pages.
const EXPORT_PAGE: i64 = 1000;

/// `"{version}"`: the ETag of a user.
fn etag(user: &User) -> [(HeaderName, String); 1] {
    [(header::ETAG, format!("\"{}\"", user.version))]
}

/// The version `If-Match` names: `None` when absent or `*`. A value that is no
/// version can match nothing, so it is stale.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else { return Ok(None) };
    let value = value.to_str().map_err(|_| ApiError::Stale)?.trim();
    if value == "*" {
        return Ok(None);
    }
    value.trim_start_matches("W/").trim_matches('"').parse().map(Some).map_err(|_| ApiError::Stale)
}

/// `POST /api/v1/customers/{tenantId}/users` → 201 with `Location` and `ETag`.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users", tag = "users", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")), request_body = CreateUser,
    responses((status = 201, body = User, headers(("Location" = String), ("ETag" = String))), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    ApiJson(input): ApiJson<CreateUser>,
) -> Result<impl IntoResponse, ApiError> {
    let user = user_changes::create(&state, &ctx, &caller, input).await?;
    let location = format!("/api/v1/customers/{}/users/{}", ctx.tenant.id, user.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], etag(&user), ApiJson(user)))
}

/// `GET /api/v1/customers/{tenantId}/users/{userId}` with `ETag`.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/{userId}", tag = "users", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path)),
    responses((status = 200, body = User, headers(("ETag" = String))), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get_one(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Path((_, user_id)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    let mut conn = state.db.acquire().await?;
    let row = users::get_visible(&mut conn, &ctx.tenant.id, &ctx.above, &user_id).await?.ok_or(ApiError::NotFound)?;
    let user = users::to_api_on(&mut conn, row, &ctx.tenant.id).await?;
    Ok((etag(&user), ApiJson(user)))
}

/// `PATCH /api/v1/customers/{tenantId}/users/{userId}`, honouring `If-Match`.
#[utoipa::path(patch, path = "/api/v1/customers/{tenantId}/users/{userId}", tag = "users", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path), ("If-Match" = Option<String>, Header, description = "The ETag last read; a stale one is refused with 412")), request_body = PatchUser,
    responses((status = 200, body = User, headers(("ETag" = String))), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 412, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn patch(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, user_id)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<PatchUser>,
) -> Result<impl IntoResponse, ApiError> {
    let user = user_changes::patch(&state, &ctx, &caller, &user_id, if_match(&headers)?, input).await?;
    Ok((etag(&user), ApiJson(user)))
}

/// `DELETE /api/v1/customers/{tenantId}/users/{userId}` → 204.
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/users/{userId}", tag = "users", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path), ("If-Match" = Option<String>, Header)),
    responses((status = 204), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 412, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn delete(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    Path((_, user_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    user_changes::delete(&state, &ctx, &caller, &user_id, if_match(&headers)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CheckParams {
    email: String,
}

/// `GET /api/v1/customers/{tenantId}/users/check?email=`: whether the login is
/// taken, and by whom when the caller may see that user.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/check", tag = "users", params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), CheckParams),
    responses((status = 200, body = EmailCheck), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn check(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiQuery(params): ApiQuery<CheckParams>,
) -> Result<ApiJson<EmailCheck>, ApiError> {
    let mut conn = state.db.acquire().await?;
    let found = users::find_by_email(&mut conn, &params.email).await?;
    drop(conn);
    let user_id = match &found {
        Some((id, tenant)) if crate::authz::reaches(&state, &caller, tenant).await? => Some(id.clone()),
        _ => None,
    };
    Ok(ApiJson(EmailCheck { exists: found.is_some(), user_id }))
}
