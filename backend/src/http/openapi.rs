//! The OpenAPI 3.1 document: the routes register their own paths (see
//! `http::api`); this holds what every path shares — the document's head,
//! the bearer scheme, and the problem responses reused across routes.

use std::collections::BTreeMap;

use switchboard_shared::{problem::PROBLEM_CONTENT_TYPE, Problem};
use utoipa::{
    openapi::{
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
        ContentBuilder, RefOr, Response, ResponseBuilder,
    },
    IntoResponses, Modify, OpenApi, PartialSchema,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Switchboard API", version = "1", description = "Users, roles and devices of multi-tenant cloud telephony. \
        Errors are application/problem+json (RFC 9457) with a stable `code`; rule violations list every `violations` entry."),
    components(schemas(Problem)),
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

fn problem(description: &str) -> RefOr<Response> {
    let content = ContentBuilder::new().schema(Some(Problem::schema())).build();
    ResponseBuilder::new().description(description).content(PROBLEM_CONTENT_TYPE, content).build().into()
}

/// Sets of problem responses, named for when a route answers them, so
/// each route lists what it can answer without repeating the problem
/// body: `responses((status = 200, body = User), InTenant, Invalid)`.
macro_rules! problems {
    ($($(#[$doc:meta])* $name:ident: $($status:literal => $description:literal),+;)+) => {$(
        $(#[$doc])*
        pub struct $name;

        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                BTreeMap::from([$(($status.to_string(), problem($description))),+])
            }
        }
    )+};
}

problems! {
    /// Any route past sign-in.
    SignedIn: 401 => "No valid credentials (`unauthenticated`)";
    /// A route acting in the tenant of its path.
    InTenant:
        401 => "No valid credentials (`unauthenticated`)",
        403 => "The caller's roles do not allow this in their own tenant (`forbidden`)",
        404 => "No such tenant or resource within the caller's reach (`not_found`)";
    /// A tenant route whose change may need a recent authentication (step-up).
    SensitiveInTenant:
        401 => "No valid credentials (`unauthenticated`); or a sensitive change (granting administrator or staff roles, an API key, an MFA policy, a PBX connection) by a person who has not proved who they are in the last five minutes (`reauthentication_required`: `POST /api/v1/auth/reauthenticate`, then send it again)",
        403 => "The caller's roles do not allow this in their own tenant (`forbidden`)",
        404 => "No such tenant or resource within the caller's reach (`not_found`)";
    /// A route with a query or body that can be refused as unreadable.
    Invalid: 400 => "The request could not be read: body, query or cursor (`invalid_body`, `invalid_query`, …)";
    /// A change that breaks a field or role rule.
    Refused: 422 => "Fields (`invalid_fields`) or role rules (`violations`) refuse the change; nothing changed";
    /// A change naming the version it was read at.
    Stale: 412 => "`If-Match` names an older version (`precondition_failed`)";
    /// A route throttled per account and address.
    Throttled: 429 => "Too many failed attempts; `Retry-After` says when to try again (`too_many_attempts`)";
    /// A route that hashes a password, which waits only briefly for a turn.
    Busy: 503 => "Every password hashing turn is taken; `Retry-After` says when to try again (`busy`)";
}

/// Every operation may be answered 429 by the rate limit (`http::rate_limit`):
/// added to each once the routes have registered their paths. Where the
/// sign-in throttle answers 429 too, its description says both.
pub fn add_rate_limited(doc: &mut utoipa::openapi::OpenApi) {
    const LIMITED: &str = "Too many requests from this caller (or address, without credentials); `Retry-After` \
                           says when to go on (`rate_limited`)";
    for item in doc.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete];
        for operation in operations.into_iter().flatten() {
            let responses = &mut operation.responses.responses;
            let description = match responses.get("429") {
                Some(RefOr::T(throttled)) => format!("{}; or {LIMITED}", throttled.description),
                _ => LIMITED.to_owned(),
            };
            responses.insert("429".into(), problem(&description));
        }
    }
}

/// A person whom their tenant's MFA policy requires to have a second factor
/// and who has none reaches only the routes that set one up: every other
/// signed-in operation may answer 403 `mfa_enrolment_required`.
pub fn add_enrolment_required(doc: &mut utoipa::openapi::OpenApi) {
    use super::policy::{policy, Access};
    const REQUIRED: &str = "The tenant's MFA policy requires the caller to set up a second factor first \
                            (`mfa_enrolment_required`)";
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            (axum::http::Method::GET, &mut item.get),
            (axum::http::Method::POST, &mut item.post),
            (axum::http::Method::PUT, &mut item.put),
            (axum::http::Method::PATCH, &mut item.patch),
            (axum::http::Method::DELETE, &mut item.delete),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            if matches!(policy(&method, path), None | Some(Access::Public | Access::Enrolment)) {
                continue;
            }
            let responses = &mut operation.responses.responses;
            let description = match responses.get("403") {
                Some(RefOr::T(forbidden)) => format!("{}; or {REQUIRED}", forbidden.description),
                _ => REQUIRED.to_owned(),
            };
            responses.insert("403".into(), problem(&description));
        }
    }
}

/// A role key of the catalogue, for the listing filters.
pub fn role_key() -> utoipa::openapi::Object {
    let keys: Vec<&str> = switchboard_shared::roles::CATALOGUE.iter().map(|r| r.key).collect();
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(keys))
        .description(Some("A role key of the catalogue (`GET /api/v1/roles`)"))
        .build()
}

/// A page cursor: the `nextCursor` of the previous page, as given.
pub fn cursor() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .min_length(Some(1))
        .pattern(Some("^[A-Za-z0-9_-]+$"))
        .description(Some("`nextCursor` of the previous page, with the same filters and order"))
        .build()
}
