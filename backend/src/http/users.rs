//! A tenant's users: the list (served from the page cache while nothing it
//! shows changed), the export, one user, and their changes.

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use switchboard_shared::{
    roles::RoleDef, CreateUser, EmailCheck, Page, PatchUser, Problem, TenantId, User, UserId, UserStatus,
};
use utoipa::IntoParams;

use super::{
    extract::{ApiJson, ApiQuery, IfMatch},
    openapi::{InTenant, Invalid, Refused, SensitiveInTenant, Stale},
    page_cache,
    problem::ApiError,
    AppState,
};
use crate::domain::{
    self,
    import::csv,
    users::{ListQuery, Sort},
    Caller, Error, TenantScope,
};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Words, each matching the start of a word of the name, e-mail, extension or external id.
    #[param(pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Only holders of this role.
    #[param(schema_with = super::openapi::role_key)]
    role: Option<String>,
    status: Option<UserStatus>,
    /// `name`, `email` or `createdAt`; `-` in front for descending.
    #[param(pattern = "^-?(name|email|createdAt)$")]
    sort: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    #[param(schema_with = super::openapi::cursor)]
    cursor: Option<String>,
}

/// The export's filters and order: the list's, without paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// Words, each matching the start of a word of the name, e-mail, extension or external id.
    #[param(pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    /// Only holders of this role.
    #[param(schema_with = super::openapi::role_key)]
    role: Option<String>,
    status: Option<UserStatus>,
    /// `name`, `email` or `createdAt`; `-` in front for descending.
    #[param(pattern = "^-?(name|email|createdAt)$")]
    sort: Option<String>,
}

/// `GET /api/v1/customers/{tenantId}/users`
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users", tag = "users",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ListParams),
    responses((status = 200, body = Page<User>), InTenant, Invalid))]
pub async fn list(
    State(state): State<AppState>,
    scope: TenantScope,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Response, ApiError> {
    let query = ListQuery {
        limit: super::page_limit(params.limit)?,
        cursor: params.cursor,
        ..list_query(&scope, ExportParams { q: params.q, role: params.role, status: params.status, sort: params.sort })?
    };
    let generations = std::iter::once(&scope.tenant).chain(&scope.above).map(|t| t.generation).collect();
    let key = page_cache::Key { generations, query };
    let body = match state.pages.get(&key) {
        Some(body) => body,
        None => {
            let page = domain::users::list(&state.domain, &scope, &key.query).await?;
            let body = Bytes::from(serde_json::to_vec(&page).map_err(|e| Error::Internal(e.to_string()))?);
            state.pages.insert(key, body.clone());
            body
        }
    };
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response())
}

/// The filters and order of a listing (the list's, or the export's), checked; the first page of 50.
fn list_query(scope: &TenantScope, f: ExportParams) -> Result<ListQuery, ApiError> {
    let invalid = |what: &str| ApiError::bad_request("invalid_query", what.to_owned());
    if f.role.as_deref().is_some_and(|r| RoleDef::get(r).is_none()) {
        return Err(invalid("role names no role of the catalogue"));
    }
    let sort = f
        .sort
        .as_deref()
        .map(|s| Sort::parse(s).ok_or_else(|| invalid("sort is name, email or createdAt, with - for descending")))
        .transpose()?
        .unwrap_or_default();
    Ok(ListQuery {
        tenant_id: scope.tenant.id.clone(),
        q: f.q,
        role: f.role,
        status: f.status,
        sort,
        limit: super::page_limit(None)?,
        cursor: None,
    })
}

/// `GET /api/v1/customers/{tenantId}/users/export`: the tenant's own users
/// that match the list's filters, as CSV in the import's columns plus
/// `roles` (keys separated by spaces), so an export can be edited and
/// imported back. Parent users are not the tenant's to import, so they are
/// left out.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/export", tag = "users",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ExportParams),
    responses((status = 200, content_type = "text/csv", body = String, description = "displayName,email,extension,externalId,agent,roles"), InTenant, Invalid))]
pub async fn export(
    State(state): State<AppState>,
    scope: TenantScope,
    ApiQuery(filters): ApiQuery<ExportParams>,
) -> Result<Response, ApiError> {
    let query = ListQuery { limit: EXPORT_PAGE, ..list_query(&scope, filters)? };
    let mut file = csv::Writer::new();
    domain::users::export(&state.domain, query, |u| file.write(u)).await?;
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
        (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"users.csv\"")),
    ];
    Ok((headers, file.finish()?).into_response())
}

/// Rows per query of an export: large, since nobody waits between pages.
const EXPORT_PAGE: i64 = 1000;

/// `"{version}"`: the ETag of a user.
fn etag(user: &User) -> [(HeaderName, String); 1] {
    [(header::ETAG, format!("\"{}\"", user.version))]
}

/// `POST /api/v1/customers/{tenantId}/users` → 201 with `Location` and `ETag`.
#[utoipa::path(post, path = "/api/v1/customers/{tenantId}/users", tag = "users",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in")), request_body = CreateUser,
    responses((status = 201, body = User, headers(("Location" = String), ("ETag" = String))), SensitiveInTenant, Invalid, Refused,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "A user has this e-mail (`user_exists`, with `existingUserId` when the caller may see them)")))]
pub async fn create(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    ApiJson(input): ApiJson<CreateUser>,
) -> Result<impl IntoResponse, ApiError> {
    let user = domain::users::create(&state.domain, &scope, &caller, input).await?;
    let location = format!("/api/v1/customers/{}/users/{}", scope.tenant.id, user.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], etag(&user), ApiJson(user)))
}

/// `GET /api/v1/customers/{tenantId}/users/{userId}` with `ETag`.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/{userId}", tag = "users",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path)),
    responses((status = 200, body = User, headers(("ETag" = String))), InTenant))]
pub async fn get_one(
    State(state): State<AppState>,
    scope: TenantScope,
    Path((_, user_id)): Path<(TenantId, UserId)>,
) -> Result<impl IntoResponse, ApiError> {
    let user = domain::users::get(&state.domain, &scope, &user_id).await?;
    Ok((etag(&user), ApiJson(user)))
}

/// `PATCH /api/v1/customers/{tenantId}/users/{userId}`, honouring `If-Match`.
#[utoipa::path(patch, path = "/api/v1/customers/{tenantId}/users/{userId}", tag = "users",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path),
        ("If-Match" = Option<String>, Header, nullable = false, description = "The ETag last read, or `*`; any other value is refused with 412")),
    request_body = PatchUser,
    responses((status = 200, body = User, headers(("ETag" = String))), SensitiveInTenant, Invalid, Refused, Stale,
        (status = 403, body = Problem, content_type = "application/problem+json", description = "A parent user, changed in their own tenant (`parent_user`), or a role the caller lacks (`forbidden`)")))]
pub async fn patch(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
    IfMatch(if_match): IfMatch,
    ApiJson(input): ApiJson<PatchUser>,
) -> Result<impl IntoResponse, ApiError> {
    let user = domain::users::patch(&state.domain, &scope, &caller, &user_id, if_match, input).await?;
    Ok((etag(&user), ApiJson(user)))
}

/// `DELETE /api/v1/customers/{tenantId}/users/{userId}` → 204.
#[utoipa::path(delete, path = "/api/v1/customers/{tenantId}/users/{userId}", tag = "users",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), ("userId" = String, Path),
        ("If-Match" = Option<String>, Header, nullable = false, description = "The ETag last read, or `*`; any other value is refused with 412")),
    responses((status = 204, description = "Deleted"), InTenant, Refused, Stale))]
pub async fn delete(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    Path((_, user_id)): Path<(TenantId, UserId)>,
    IfMatch(if_match): IfMatch,
) -> Result<StatusCode, ApiError> {
    domain::users::delete(&state.domain, &scope, &caller, &user_id, if_match).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CheckParams {
    #[param(pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    email: String,
}

/// `GET /api/v1/customers/{tenantId}/users/check?email=`: whether the login is
/// taken, and by whom when the caller may see that user.
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}/users/check", tag = "users",
    params(("tenantId" = String, Path, description = "The tenant (a customer) acted in"), CheckParams),
    responses((status = 200, body = EmailCheck), InTenant, Invalid))]
pub async fn check(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<CheckParams>,
) -> Result<ApiJson<EmailCheck>, ApiError> {
    Ok(ApiJson(domain::users::check_email(&state.domain, &caller, &params.email).await?))
}
