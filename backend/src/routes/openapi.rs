//! The OpenAPI 3.1 document, generated from the handlers' annotations and the
//! shared types' schemas.

use utoipa::{
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    Modify, OpenApi,
};

use super::{activation, api_keys, auth, customers, devices, imports, me, roles, tenant_reports, users};

#[derive(OpenApi)]
#[openapi(
    info(title = "Switchboard API", version = "1", description = "Users, roles and devices of multi-tenant cloud telephony. \
        Errors are application/problem+json (RFC 9457) with a stable `code`; rule violations list every `violations` entry."),
    paths(
        auth::login, auth::refresh, auth::logout, activation::activate, activation::list_outbox, activation::send, activation::send_uc_welcome, me::me, me::tenants, me::tenant, roles::catalogue, document,
        users::list, users::create, users::check, users::export, users::get_one, users::patch, users::delete,
        devices::set_for_user, devices::list, devices::create, devices::delete,
        api_keys::list, api_keys::create, api_keys::revoke,
        tenant_reports::licences, tenant_reports::audit_trail,
        customers::list, customers::create, customers::get_one, customers::patch, imports::import_csv, imports::sync,
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// `GET /api/v1/openapi.json`
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", security(()), responses((status = 200, description = "This document")))]
pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
