//! Every request is authorized here and nowhere else: `policy` names what each
//! route needs, and `authorize` (a middleware on every API route) checks it,
//! takes the request from the caller's rate-limit bucket, and hands the
//! handler a `Caller` and, for tenant routes, a `TenantScope`.

use axum::{
    extract::{MatchedPath, RawPathParams, Request, State},
    http::{header, HeaderValue, Method},
    middleware::Next,
    response::Response,
    RequestExt,
};
use switchboard_shared::{roles::Capability, TenantId};

use super::{extract::ClientAddress, problem::ApiError, rate_limit::Bucket, AppState};
use crate::domain::{scope, Error};

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    /// Any signed-in caller, even one who must still set up a second factor
    /// (`Caller::must_enrol`): what it takes to set one up.
    Enrolment,
    /// Any signed-in caller.
    SignedIn,
    /// A caller who may do this in the tenant named by the `{tenantId}` (or
    /// `{resellerId}`) path segment.
    Tenant(Capability),
    /// A caller who acts in that tenant at all: their own, or one below it
    /// for staff admins.
    InReach,
    /// A caller who may do this in their own tenant (the handler may widen
    /// to the tenants below it for staff admins).
    OwnTenant(Capability),
}

/// The policy table: one line per route. A route missing here is refused.
pub fn policy(method: &Method, route: &str) -> Option<Access> {
    use Access::*;
    // HEAD is GET without the body (axum answers it with the GET handler).
    let method = if method == Method::HEAD { "GET" } else { method.as_str() };
    Some(match (method, route) {
        // The refresh or activation token in the body is the credential.
        (
            "POST",
            "/api/v1/auth/login"
            | "/api/v1/auth/refresh"
            | "/api/v1/auth/logout"
            | "/api/v1/auth/mfa"
            | "/api/v1/auth/passkey/start"
            | "/api/v1/auth/passkey/finish"
            | "/api/v1/auth/activate"
            | "/api/v1/auth/password-reset"
            | "/api/v1/auth/password-reset/confirm",
        )
        | ("GET", "/api/v1/openapi.json") => Public,
        ("GET", "/api/v1/outbox") => OwnTenant(Capability::ManageUsers),
        // The caller's password is the credential asked for, again.
        ("POST", "/api/v1/auth/reauthenticate") => SignedIn,
        ("GET", "/api/v1/me" | "/api/v1/me/mfa" | "/api/v1/me/passkeys" | "/api/v1/roles")
        | (
            "POST",
            "/api/v1/me/mfa/totp"
            | "/api/v1/me/mfa/totp/confirm"
            | "/api/v1/me/passkeys/register/start"
            | "/api/v1/me/passkeys/register/finish",
        ) => Enrolment,
        // One's own account: the caller's record, whatever their roles.
        ("GET" | "PATCH", "/api/v1/me/profile")
        | ("POST", "/api/v1/me/password")
        | ("GET" | "DELETE", "/api/v1/me/sessions")
        | ("DELETE", "/api/v1/me/sessions/{sessionId}")
        | ("DELETE", "/api/v1/me/mfa/totp" | "/api/v1/me/passkeys/{passkeyId}")
        | ("POST", "/api/v1/me/passkeys/challenge")
        | ("POST", "/api/v1/me/mfa/recovery-codes") => SignedIn,
        ("GET", "/api/v1/tenants") => SignedIn,
        ("GET", "/api/v1/tenants/{tenantId}") => InReach,
        ("GET", "/api/v1/tenants/{tenantId}/mfa-policy") => Tenant(Capability::ViewCustomer),
        ("PUT", "/api/v1/tenants/{tenantId}/mfa-policy") => Tenant(Capability::ChangeCustomer),
        ("GET" | "POST", "/api/v1/customers/{tenantId}/users")
        | ("GET", "/api/v1/customers/{tenantId}/users/check" | "/api/v1/customers/{tenantId}/users/export")
        | ("GET" | "PATCH" | "DELETE", "/api/v1/customers/{tenantId}/users/{userId}")
        | ("GET", "/api/v1/customers/{tenantId}/licences")
        | ("PUT", "/api/v1/customers/{tenantId}/users/{userId}/devices")
        | ("GET" | "DELETE", "/api/v1/customers/{tenantId}/users/{userId}/sessions")
        | ("DELETE", "/api/v1/customers/{tenantId}/users/{userId}/mfa")
        | ("POST", "/api/v1/customers/{tenantId}/users/{userId}/activation-email")
        | ("POST", "/api/v1/customers/{tenantId}/users/{userId}/uc-welcome-email")
        | ("GET", "/api/v1/customers/{tenantId}/audit") => Tenant(Capability::ManageUsers),
        ("GET", "/api/v1/customers/{tenantId}/devices") => Tenant(Capability::ViewDevices),
        ("GET" | "POST", "/api/v1/customers/{tenantId}/users/{userId}/api-keys")
        | ("DELETE", "/api/v1/customers/{tenantId}/users/{userId}/api-keys/{keyId}") => {
            Tenant(Capability::ManageApiKeys)
        }
        ("POST", "/api/v1/customers/{tenantId}/users/import" | "/api/v1/customers/{tenantId}/pbx/sync") => {
            Tenant(Capability::ManageUsers)
        }
        ("GET" | "POST", "/api/v1/resellers/{resellerId}/customers") => Tenant(Capability::ManageCustomers),
        ("GET", "/api/v1/customers/{tenantId}") => Tenant(Capability::ViewCustomer),
        ("PATCH", "/api/v1/customers/{tenantId}") => Tenant(Capability::ChangeCustomer),
        ("POST", "/api/v1/customers/{tenantId}/devices")
        | ("DELETE", "/api/v1/customers/{tenantId}/devices/{deviceId}") => Tenant(Capability::ManageDevices),
        _ => return None,
    })
}

/// Authorizes every API request: finds the route's line in `policy`,
/// authenticates the caller and, for tenant routes, checks the tenant is in
/// their reach; the handler then takes `Caller` and `TenantScope` as
/// extractors. A method the path does not have answers 405 with `Allow`.
pub async fn authorize(State(state): State<AppState>, mut req: Request, next: Next) -> Result<Response, ApiError> {
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_default();
    let Some(access) = policy(req.method(), &route) else {
        let allowed: Vec<&str> = METHODS.iter().filter(|m| policy(m, &route).is_some()).map(Method::as_str).collect();
        if allowed.is_empty() {
            tracing::error!(%route, "route has no authorization policy; refused");
            return Err(Error::NotFound.into());
        }
        let allow = HeaderValue::from_str(&allowed.join(", ")).map_err(|e| Error::Internal(e.to_string()))?;
        return Err(ApiError::MethodNotAllowed { allow });
    };
    if access == Access::Public {
        let ClientAddress(ip) = req.extract_parts::<ClientAddress>().await?;
        state.rate_limits.take(Bucket::Address(ip)).map_err(ApiError::rate_limited)?;
        return Ok(next.run(req).await);
    }
    let token = bearer_token(&req).ok_or(Error::Unauthenticated)?.to_owned();
    let d = &state.domain;
    let caller = scope::authenticate(d, &token).await?;
    state.rate_limits.take(Bucket::Caller(caller.user.id.clone())).map_err(ApiError::rate_limited)?;
    if caller.must_enrol() && access != Access::Enrolment {
        return Err(Error::MfaEnrolmentRequired.into());
    }
    // No id holds a control character (nor could PostgreSQL look one up).
    let params = req.extract_parts::<RawPathParams>().await.map_err(|_| Error::NotFound)?;
    if params.iter().any(|(_, v)| v.chars().any(char::is_control)) {
        return Err(Error::NotFound.into());
    }
    let in_tenant = match access {
        Access::Tenant(capability) => Some((path_tenant(&mut req).await?, Some(capability))),
        Access::InReach => Some((path_tenant(&mut req).await?, None)),
        Access::OwnTenant(capability) => Some((caller.tenant.id.clone(), Some(capability))),
        Access::Public | Access::SignedIn | Access::Enrolment => None,
    };
    if let Some((tenant_id, capability)) = in_tenant {
        let tenant = scope::within_reach(d, &caller, &tenant_id, capability).await?;
        req.extensions_mut().insert(tenant);
    }
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}

/// The methods the API uses, for `Allow`.
const METHODS: [Method; 5] = [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE];

/// The tenant named in the path: `{tenantId}` or `{resellerId}`.
async fn path_tenant(req: &mut Request) -> Result<TenantId, ApiError> {
    let params = req.extract_parts::<RawPathParams>().await.map_err(|_| Error::NotFound)?;
    let tenant = params.iter().find(|(k, _)| matches!(*k, "tenantId" | "resellerId"));
    Ok(tenant.map(|(_, v)| TenantId::from(v)).ok_or(Error::NotFound)?)
}

fn bearer_token(req: &Request) -> Option<&str> {
    req.headers().get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}
