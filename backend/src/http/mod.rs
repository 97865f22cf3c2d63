//! The HTTP surface: the router (each route declared once, with its handler
//! and its OpenAPI path, by `utoipa-axum`), the one authorization layer, the
//! extractors, problem+json rendering, the SPA and the users page cache.
//! Handlers read the request, call `domain`, and shape the answer.

mod account;
mod activation;
mod api_keys;
mod auth;
mod customers;
mod devices;
mod extract;
mod imports;
mod me;
mod mfa;
mod openapi;
pub mod page_cache;
mod passkeys;
pub mod policy;
pub mod problem;
pub mod rate_limit;
mod reports;
mod roles;
pub mod serve;
mod sessions;
mod spa;
mod users;

use std::{path::Path, sync::Arc};

use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, State},
    http::{header, HeaderValue, Request, StatusCode},
    middleware,
    response::IntoResponse,
    routing::{any, get},
    Extension, Router,
};
use tower_http::{set_header::SetResponseHeaderLayer, timeout::TimeoutLayer, trace::TraceLayer};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use self::problem::ApiError;
use crate::domain::{Domain, Error};

#[derive(Clone)]
pub struct AppState {
    pub domain: Domain,
    pub pages: Arc<page_cache::PageCache>,
    pub rate_limits: Arc<rate_limit::RateLimits>,
}

/// Only our own files; wasm may be compiled; no inline script or style, no
/// framing. (`cargo xtask` moves Trunk's inline loader into a file.)
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A request still running after this is answered 408 and dropped.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The whole HTTP application.
pub fn app(state: AppState, dist: &Path) -> Router {
    let tls = state.domain.links.public_url.starts_with("https://");
    let app = Router::new()
        .merge(api(state.clone()))
        .route("/healthz", get(healthz))
        .merge(spa::service(dist))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        // Spans name the method and path only: query strings can carry tokens.
        .layer(TraceLayer::new_for_http().make_span_with(
            |req: &Request<_>| tracing::info_span!("request", method = %req.method(), path = %req.uri().path()),
        ))
        .with_state(state);
    // Over TLS, browsers are told to use nothing else for two years.
    if tls {
        app.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        ))
    } else {
        app
    }
}

/// 200 once the database is migrated and answering.
async fn healthz(State(state): State<AppState>) -> Result<&'static str, StatusCode> {
    state.domain.store.ping().await.map(|_| "ok").map_err(|_| StatusCode::SERVICE_UNAVAILABLE)
}

/// Every API route with its handler and OpenAPI path, declared once.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(document))
        .routes(routes!(auth::login))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::mfa))
        .routes(routes!(auth::reauthenticate))
        .routes(routes!(account::request_reset))
        .routes(routes!(account::confirm_reset))
        .routes(routes!(activation::activate))
        .routes(routes!(activation::outbox))
        .routes(routes!(me::me))
        .routes(routes!(account::profile, account::patch_profile))
        .routes(routes!(account::change_password))
        .routes(routes!(sessions::mine, sessions::end_others))
        .routes(routes!(sessions::end_mine))
        .routes(routes!(mfa::status))
        .routes(routes!(mfa::start_totp, mfa::remove_totp))
        .routes(routes!(mfa::confirm_totp))
        .routes(routes!(mfa::regenerate_recovery_codes))
        .routes(routes!(mfa::policy, mfa::set_policy))
        .routes(routes!(passkeys::list))
        .routes(routes!(passkeys::start_registration))
        .routes(routes!(passkeys::finish_registration))
        .routes(routes!(passkeys::remove))
        .routes(routes!(passkeys::challenge))
        .routes(routes!(passkeys::start_sign_in))
        .routes(routes!(passkeys::finish_sign_in))
        .routes(routes!(roles::catalogue))
        .routes(routes!(me::tenants))
        .routes(routes!(me::tenant))
        .routes(routes!(customers::list, customers::create))
        .routes(routes!(customers::get_one, customers::patch))
        .routes(routes!(imports::sync))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(imports::import_csv))
                .layer(DefaultBodyLimit::max(imports::MAX_CSV_BYTES)),
        )
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::check))
        .routes(routes!(users::export))
        .routes(routes!(users::get_one, users::patch, users::delete))
        .routes(routes!(devices::set_for_user))
        .routes(routes!(sessions::of_user, sessions::end_of_user))
        .routes(routes!(mfa::reset_of_user))
        .routes(routes!(activation::send))
        .routes(routes!(activation::send_uc_welcome))
        .routes(routes!(api_keys::list, api_keys::create))
        .routes(routes!(api_keys::revoke))
        .routes(routes!(devices::list, devices::create))
        .routes(routes!(devices::delete))
        .routes(routes!(reports::licences))
        .routes(routes!(reports::audit_trail))
}

/// Every API route as (method, path), as declared: for tests that go through them all.
pub fn route_list() -> Vec<(String, String)> {
    let (_, doc) = routes().split_for_parts();
    let doc = serde_json::to_value(doc).unwrap_or_default();
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>()).unwrap_or_default() {
            out.push((method.to_uppercase(), path.clone()));
        }
    }
    out
}

/// `/api/v1`, every route behind `policy::authorize`.
pub fn api(state: AppState) -> Router<AppState> {
    let (router, mut doc) = routes().split_for_parts();
    openapi::add_rate_limited(&mut doc);
    openapi::add_enrolment_required(&mut doc);
    let doc = Bytes::from(serde_json::to_vec(&doc).unwrap_or_default());
    router
        .route_layer(middleware::from_fn_with_state(state, policy::authorize))
        .layer(Extension(OpenApiJson(doc)))
        // API bodies are small JSON documents.
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Answers carry tokens and personal data: no cache keeps them.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .route("/api/{*rest}", any(|| async { ApiError::from(Error::NotFound) }))
}

/// The document, serialized once at start.
#[derive(Clone)]
struct OpenApiJson(Bytes);

/// `GET /api/v1/openapi.json`: this API's OpenAPI 3.1 document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", security(()),
    responses((status = 200, description = "This document", content_type = "application/json")))]
async fn document(Extension(OpenApiJson(doc)): Extension<OpenApiJson>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], doc)
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

#[cfg(test)]
mod tests {
    /// Every route the router serves is in the document (they are declared
    /// together), and every one of them has a line in the policy table.
    #[test]
    fn every_declared_route_has_a_policy() {
        let routes = super::route_list();
        for (method, path) in &routes {
            let method = axum::http::Method::from_bytes(method.as_bytes()).unwrap();
            assert!(super::policy::policy(&method, path).is_some(), "{method} {path} has no policy");
        }
        assert_eq!(routes.len(), 61, "a route was added or lost: update this count");
    }
}
