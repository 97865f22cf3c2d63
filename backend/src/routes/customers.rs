//! Customers of a reseller (onboarding step 1) and a customer's settings.

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
    Extension,
};
use serde::Deserialize;
use switchboard_shared::{CreateCustomer, Customer, Page, PatchCustomer, Problem, TenantKind};
use utoipa::IntoParams;

use crate::{
    authz::{Caller, TenantCtx},
    customer_changes,
    error::{ApiError, ApiJson, ApiQuery},
    store::{customers, tenants},
    AppState,
};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CustomerParams {
    /// Matches the name or the reference.
    q: Option<String>,
    limit: Option<i64>,
    cursor: Option<String>,
}

/// `GET /api/v1/resellers/{resellerId}/customers`: the reseller's customers by name.
#[utoipa::path(get, path = "/api/v1/resellers/{resellerId}/customers", tag = "customers", params(("resellerId" = String, Path), CustomerParams),
    responses((status = 200, body = Page<Customer>), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    ApiQuery(params): ApiQuery<CustomerParams>,
) -> Result<ApiJson<Page<Customer>>, ApiError> {
    if ctx.tenant.kind() != TenantKind::Reseller {
        return Err(ApiError::NotFound);
    }
    let limit = super::page_limit(params.limit)?;
    let page =
        tenants::children(&state.db, &ctx.tenant.id, params.q.as_deref(), limit, params.cursor.as_deref()).await?;
    let ids: Vec<String> = page.items.into_iter().map(|t| t.id).collect();
    let items = customers::many(&state.db, &ids).await?.iter().map(customers::CustomerRow::to_api).collect();
    Ok(ApiJson(Page { items, total: page.total, next_cursor: page.next_cursor }))
}

/// `POST /api/v1/resellers/{resellerId}/customers` → 201 with `Location`; a
/// reference the reseller already uses → 409 `customer_exists` with its id.
#[utoipa::path(post, path = "/api/v1/resellers/{resellerId}/customers", tag = "customers", params(("resellerId" = String, Path)), request_body = CreateCustomer,
    responses((status = 201, body = Customer, headers(("Location" = String))), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    ApiJson(input): ApiJson<CreateCustomer>,
) -> Result<impl IntoResponse, ApiError> {
    let customer = customer_changes::create(&state, &ctx, &caller, input).await?;
    let location = format!("/api/v1/customers/{}", customer.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], ApiJson(customer)))
}

/// `GET /api/v1/customers/{tenantId}`: the customer, its settings and PBX connection (never its secret).
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}", tag = "customers", params(("tenantId" = String, Path, description = "The customer")),
    responses((status = 200, body = Customer), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get_one(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
) -> Result<ApiJson<Customer>, ApiError> {
    Ok(ApiJson(customer_changes::get(&state, &ctx).await?))
}

/// `PATCH /api/v1/customers/{tenantId}`: any subset. Name, reference,
/// region, PBX connection and `autoAssignAcd` only by reseller or platform
/// staff (403 `staff_only`); description and default time zone also by the
/// customer's settings administrators.
#[utoipa::path(patch, path = "/api/v1/customers/{tenantId}", tag = "customers", params(("tenantId" = String, Path, description = "The customer")), request_body = PatchCustomer,
    responses((status = 200, body = Customer), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
pub async fn patch(
    State(state): State<AppState>,
    Extension(ctx): Extension<TenantCtx>,
    Extension(caller): Extension<Caller>,
    ApiJson(input): ApiJson<PatchCustomer>,
) -> Result<ApiJson<Customer>, ApiError> {
    Ok(ApiJson(customer_changes::patch(&state, &ctx, &caller, input).await?))
}
