//! The HTTP surface: every route, its handler, and the authorization layer.

mod activation;
mod api_keys;
mod auth;
mod customers;
mod devices;
mod imports;
mod me;
mod openapi;
mod roles;
mod tenant_reports;
mod users;

use axum::{
    extract::DefaultBodyLimit,
    middleware,
    routing::{any, delete, get, post, put},
    Router,
};

use crate::{authz, error::ApiError, AppState};

/// `/api/v1`, every route behind `authz::authorize`.
pub fn api(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/auth/login", post(auth::login))
        .route("/api/v1/auth/refresh", post(auth::refresh))
        .route("/api/v1/auth/logout", post(auth::logout))
        .route("/api/v1/auth/activate", post(activation::activate))
        .route("/api/v1/outbox", get(activation::list_outbox))
        .route("/api/v1/me", get(me::me))
        .route("/api/v1/roles", get(roles::catalogue))
        .route("/api/v1/tenants", get(me::tenants))
        .route("/api/v1/tenants/{tenantId}", get(me::tenant))
        .route("/api/v1/resellers/{resellerId}/customers", get(customers::list).post(customers::create))
        .route("/api/v1/customers/{tenantId}", get(customers::get_one).patch(customers::patch))
        .route("/api/v1/customers/{tenantId}/pbx/sync", post(imports::sync))
        .route(
            "/api/v1/customers/{tenantId}/users/import",
            post(imports::import_csv).layer(DefaultBodyLimit::max(imports::MAX_CSV_BYTES)),
        )
        .route("/api/v1/customers/{tenantId}/users", get(users::list).post(users::create))
        .route("/api/v1/customers/{tenantId}/users/check", get(users::check))
        .route("/api/v1/customers/{tenantId}/users/export", get(users::export))
        .route(
            "/api/v1/customers/{tenantId}/users/{userId}",
            get(users::get_one).patch(users::patch).delete(users::delete),
        )
        .route("/api/v1/customers/{tenantId}/users/{userId}/devices", put(devices::set_for_user))
        .route("/api/v1/customers/{tenantId}/users/{userId}/activation-email", post(activation::send))
        .route("/api/v1/customers/{tenantId}/users/{userId}/uc-welcome-email", post(activation::send_uc_welcome))
        .route("/api/v1/customers/{tenantId}/users/{userId}/api-keys", get(api_keys::list).post(api_keys::create))
        .route("/api/v1/customers/{tenantId}/users/{userId}/api-keys/{keyId}", delete(api_keys::revoke))
        .route("/api/v1/customers/{tenantId}/devices", get(devices::list).post(devices::create))
        .route("/api/v1/customers/{tenantId}/devices/{deviceId}", delete(devices::delete))
        .route("/api/v1/customers/{tenantId}/licences", get(tenant_reports::licences))
        .route("/api/v1/customers/{tenantId}/audit", get(tenant_reports::audit_trail))
        .route_layer(middleware::from_fn_with_state(state, authz::authorize))
        // API bodies are small JSON documents.
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .route("/api/{*rest}", any(|| async { ApiError::NotFound }))
}

const MAX_BODY_BYTES: usize = 64 * 1024;
const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

/// A listing's page size: 50 unless asked, at most 200.
fn page_limit(limit: Option<i64>) -> Result<i64, ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::bad_request("invalid_query", format!("limit must be between 1 and {MAX_LIMIT}")))
    }
}

/// Every API route as (method, path), for tests that check the policy table
/// and the OpenAPI document cover them all.
#[rustfmt::skip]
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/openapi.json"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),
    ("POST", "/api/v1/auth/activate"),
    ("GET", "/api/v1/outbox"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/roles"),
    ("GET", "/api/v1/tenants"),
    ("GET", "/api/v1/tenants/{tenantId}"),
    ("GET", "/api/v1/resellers/{resellerId}/customers"),
    ("POST", "/api/v1/resellers/{resellerId}/customers"),
    ("GET", "/api/v1/customers/{tenantId}"),
    ("PATCH", "/api/v1/customers/{tenantId}"),
    ("POST", "/api/v1/customers/{tenantId}/pbx/sync"),
    ("POST", "/api/v1/customers/{tenantId}/users/import"),
    ("GET", "/api/v1/customers/{tenantId}/users"),
    ("POST", "/api/v1/customers/{tenantId}/users"),
    ("GET", "/api/v1/customers/{tenantId}/users/check"),
    ("GET", "/api/v1/customers/{tenantId}/users/export"),
    ("GET", "/api/v1/customers/{tenantId}/users/{userId}"),
    ("PATCH", "/api/v1/customers/{tenantId}/users/{userId}"),
    ("DELETE", "/api/v1/customers/{tenantId}/users/{userId}"),
    ("PUT", "/api/v1/customers/{tenantId}/users/{userId}/devices"),
    ("POST", "/api/v1/customers/{tenantId}/users/{userId}/activation-email"),
    ("POST", "/api/v1/customers/{tenantId}/users/{userId}/uc-welcome-email"),
    ("GET", "/api/v1/customers/{tenantId}/users/{userId}/api-keys"),
    ("POST", "/api/v1/customers/{tenantId}/users/{userId}/api-keys"),
    ("DELETE", "/api/v1/customers/{tenantId}/users/{userId}/api-keys/{keyId}"),
    ("GET", "/api/v1/customers/{tenantId}/devices"),
    ("POST", "/api/v1/customers/{tenantId}/devices"),
    ("DELETE", "/api/v1/customers/{tenantId}/devices/{deviceId}"),
    ("GET", "/api/v1/customers/{tenantId}/licences"),
    ("GET", "/api/v1/customers/{tenantId}/audit"),
];

#[cfg(test)]
mod tests {
    use axum::http::Method;
    use utoipa::OpenApi;

    /// Fails when a route is missing from the OpenAPI document, or the
    /// document names a route the server does not have.
    #[test]
    fn the_openapi_document_covers_every_route_and_no_other() {
        let doc = serde_json::to_value(super::openapi::ApiDoc::openapi()).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        let mut documented = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                documented.push((method.to_uppercase(), path.clone()));
            }
        }
        let mut routes: Vec<(String, String)> =
            super::ROUTES.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
        documented.sort();
        routes.sort();
        assert_eq!(documented, routes);
    }

    #[test]
    fn every_route_has_a_policy() {
        for (method, path) in super::ROUTES {
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            assert!(crate::authz::policy(&method, path).is_some(), "{method} {path} has no policy");
        }
    }
}
