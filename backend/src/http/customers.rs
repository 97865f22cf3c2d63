//! Customers of a reseller (onboarding step 1) and a customer's settings.

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
};
use serde::Deserialize;
use switchboard_shared::{CreateCustomer, Customer, Page, PatchCustomer, Problem};
use utoipa::IntoParams;

use super::{
    extract::{ApiJson, ApiQuery},
    openapi::{InTenant, Invalid, Refused, SensitiveInTenant},
    problem::ApiError,
    AppState,
};
use crate::domain::{self, Caller, TenantScope};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CustomerParams {
    /// Matches the name or the reference.
    #[param(pattern = r"^[^\x00-\x1F\x7F-\x9F]*$")]
    q: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    #[param(schema_with = super::openapi::cursor)]
    cursor: Option<String>,
}

/// `GET /api/v1/resellers/{resellerId}/customers`: the reseller's customers by name.
#[utoipa::path(get, path = "/api/v1/resellers/{resellerId}/customers", tag = "customers",
    params(("resellerId" = String, Path), CustomerParams),
    responses((status = 200, body = Page<Customer>), InTenant, Invalid))]
pub async fn list(
    State(state): State<AppState>,
    scope: TenantScope,
    ApiQuery(params): ApiQuery<CustomerParams>,
) -> Result<ApiJson<Page<Customer>>, ApiError> {
    let limit = super::page_limit(params.limit)?;
    let (q, cursor) = (params.q.as_deref(), params.cursor.as_deref());
    Ok(ApiJson(domain::customers::list(&state.domain, &scope, q, limit, cursor).await?))
}

/// `POST /api/v1/resellers/{resellerId}/customers` → 201 with `Location`; a
/// reference the reseller already uses → 409 `customer_exists` with its id.
#[utoipa::path(post, path = "/api/v1/resellers/{resellerId}/customers", tag = "customers",
    params(("resellerId" = String, Path)), request_body = CreateCustomer,
    responses((status = 201, body = Customer, headers(("Location" = String))), SensitiveInTenant, Invalid, Refused,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The reseller has a customer with this reference (`customer_exists`, with `existingCustomerId`)")))]
pub async fn create(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    ApiJson(input): ApiJson<CreateCustomer>,
) -> Result<impl IntoResponse, ApiError> {
    let customer = domain::customers::create(&state.domain, &scope, &caller, input).await?;
    let location = format!("/api/v1/customers/{}", customer.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], ApiJson(customer)))
}

/// `GET /api/v1/customers/{tenantId}`: the customer, its settings and PBX connection (never its secret).
#[utoipa::path(get, path = "/api/v1/customers/{tenantId}", tag = "customers",
    params(("tenantId" = String, Path, description = "The customer")),
    responses((status = 200, body = Customer), InTenant))]
pub async fn get_one(State(state): State<AppState>, scope: TenantScope) -> Result<ApiJson<Customer>, ApiError> {
    Ok(ApiJson(domain::customers::get(&state.domain, &scope).await?))
}

/// `PATCH /api/v1/customers/{tenantId}`: any subset. Name, reference,
/// region, PBX connection and `autoAssignAcd` only by reseller or platform
/// staff (403 `staff_only`); description and default time zone also by the
/// customer's settings administrators.
#[utoipa::path(patch, path = "/api/v1/customers/{tenantId}", tag = "customers",
    params(("tenantId" = String, Path, description = "The customer")), request_body = PatchCustomer,
    responses((status = 200, body = Customer), SensitiveInTenant, Invalid, Refused,
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The reseller has another customer with this reference (`customer_exists`)")))]
pub async fn patch(
    State(state): State<AppState>,
    scope: TenantScope,
    caller: Caller,
    ApiJson(input): ApiJson<PatchCustomer>,
) -> Result<ApiJson<Customer>, ApiError> {
    Ok(ApiJson(domain::customers::patch(&state.domain, &scope, &caller, input).await?))
}
