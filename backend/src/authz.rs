//! Every request is authorized here and nowhere else: `policy` names what each
//! route needs, and `authorize` (a middleware on every API route) checks it and
//! hands the handler a `Caller` and, for tenant routes, a `TenantCtx`.

use axum::{
    extract::{MatchedPath, RawPathParams, Request, State},
    http::{header, Method},
    middleware::Next,
    response::Response,
    RequestExt,
};
use switchboard_shared::{
    roles::{self, Capability, RoleSet},
    UserStatus,
};

use crate::{
    error::ApiError,
    store::{
        api_keys,
        tenants::{self, TenantRow},
        users::{self, UserRow},
    },
    AppState,
};

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
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
    Some(match (method.as_str(), route) {
        // The refresh or activation token in the body is the credential.
        ("POST", "/api/v1/auth/login" | "/api/v1/auth/refresh" | "/api/v1/auth/logout" | "/api/v1/auth/activate")
        | ("GET", "/api/v1/openapi.json") => Public,
        ("GET", "/api/v1/outbox") => OwnTenant(Capability::ManageUsers),
        ("GET", "/api/v1/me") => SignedIn,
        ("GET", "/api/v1/roles" | "/api/v1/tenants") => SignedIn,
        ("GET", "/api/v1/tenants/{tenantId}") => InReach,
        ("GET" | "POST", "/api/v1/customers/{tenantId}/users")
        | ("GET", "/api/v1/customers/{tenantId}/users/check" | "/api/v1/customers/{tenantId}/users/export")
        | ("GET" | "PATCH" | "DELETE", "/api/v1/customers/{tenantId}/users/{userId}")
        | ("GET", "/api/v1/customers/{tenantId}/licences")
        | ("PUT", "/api/v1/customers/{tenantId}/users/{userId}/devices")
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

/// The signed-in person making the request, as the database says now (so a
/// blocked user's live token stops working at once).
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: UserRow,
    pub roles: RoleSet,
    pub tenant: TenantRow,
    /// The tenants above the caller's, nearest first.
    pub above: Vec<TenantRow>,
}

/// The tenant a request acts in, already checked against the caller.
#[derive(Debug, Clone)]
pub struct TenantCtx {
    pub tenant: TenantRow,
    /// The tenants above it, nearest first (whose staff are its parent users).
    pub above: Vec<TenantRow>,
}

pub async fn authorize(State(state): State<AppState>, mut req: Request, next: Next) -> Result<Response, ApiError> {
    let route = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_default();
    let Some(access) = policy(req.method(), &route) else {
        tracing::error!(%route, "route has no authorization policy; refused");
        return Err(ApiError::NotFound);
    };
    if access == Access::Public {
        return Ok(next.run(req).await);
    }
    let token = bearer_token(&req).map(str::to_owned);
    let caller = authenticate(&state, token.as_deref()).await?;
    let in_tenant = match access {
        Access::Tenant(capability) => Some((path_tenant(&mut req).await?, Some(capability))),
        Access::InReach => Some((path_tenant(&mut req).await?, None)),
        Access::OwnTenant(capability) => Some((caller.tenant.id.clone(), Some(capability))),
        Access::Public | Access::SignedIn => None,
    };
    if let Some((tenant_id, capability)) = in_tenant {
        let ctx = tenant_in_reach(&state, &caller, &tenant_id, capability).await?;
        req.extensions_mut().insert(ctx);
    }
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}

/// The tenant named in the path: `{tenantId}` or `{resellerId}`.
async fn path_tenant(req: &mut Request) -> Result<String, ApiError> {
    let params = req.extract_parts::<RawPathParams>().await.map_err(|_| ApiError::NotFound)?;
    let tenant = params.iter().find(|(k, _)| matches!(*k, "tenantId" | "resellerId"));
    tenant.map(|(_, v)| v.to_owned()).ok_or(ApiError::NotFound)
}

fn bearer_token(req: &Request) -> Option<&str> {
    req.headers().get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

async fn authenticate(state: &AppState, token: Option<&str>) -> Result<Caller, ApiError> {
    let token = token.ok_or(ApiError::Unauthenticated)?;
    if api_keys::is_api_key(token) {
        return authenticate_service_user(state, token).await;
    }
    let claims = state.keys.verify_access(token).await?;
    let caller = load_caller(state, &claims.sub).await?.ok_or(ApiError::Unauthenticated)?;
    if caller.user.status() != UserStatus::Active
        || caller.user.service_user != 0
        || !roles::grants_portal_login(&caller.roles)
    {
        return Err(ApiError::Unauthenticated);
    }
    Ok(caller)
}

/// An integration: a service user's API key. It acts under the service
/// user's own roles; a blocked service user's keys stop working.
async fn authenticate_service_user(state: &AppState, key: &str) -> Result<Caller, ApiError> {
    let user_id = api_keys::authenticate(&state.db, key).await?.ok_or(ApiError::Unauthenticated)?;
    let caller = load_caller(state, &user_id).await?.ok_or(ApiError::Unauthenticated)?;
    if caller.user.service_user == 0 || caller.user.status() == UserStatus::Blocked {
        return Err(ApiError::Unauthenticated);
    }
    Ok(caller)
}

/// The user as the database says now, read on every request and never
/// cached, so that blocking someone (even by hand in the database) ends
/// their access at once.
async fn load_caller(state: &AppState, user_id: &str) -> Result<Option<Caller>, ApiError> {
    users::with_roles_and_tenant(&state.db, user_id).await
}

/// Whether the caller is a staff admin of their own (reseller or platform)
/// tenant, and so acts in the tenants below it.
pub fn acts_below(caller: &Caller) -> bool {
    roles::acts_below(caller.tenant.kind(), &caller.roles)
}

/// The tenant, if the caller may act there (with this capability, when one
/// is named). Out of reach answers 404, exactly as a tenant that does not
/// exist.
async fn tenant_in_reach(
    state: &AppState,
    caller: &Caller,
    tenant_id: &str,
    capability: Option<Capability>,
) -> Result<TenantCtx, ApiError> {
    let lineage = if tenant_id == caller.tenant.id {
        vec![caller.tenant.clone()]
    } else {
        tenants::lineage(&state.db, tenant_id, &caller.tenant.id).await?
    };
    if lineage.last().is_none_or(|t| t.id != caller.tenant.id) {
        return Err(ApiError::NotFound);
    }
    let mut chain = lineage.into_iter().chain(caller.above.iter().cloned());
    let tenant = chain.next().ok_or(ApiError::NotFound)?;
    let ctx = TenantCtx { tenant, above: chain.collect() };
    if ctx.tenant.id != caller.tenant.id {
        // Acting below one's own tenant is what staff admins do, nobody else.
        return if acts_below(caller) { Ok(ctx) } else { Err(ApiError::NotFound) };
    }
    // Within their own tenant, people act as their roles allow.
    if capability.is_none_or(|c| c.allowed(caller.tenant.kind(), &caller.roles)) {
        Ok(ctx)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Whether the caller may manage users in this tenant (for what a response
/// may reveal, such as the id of an existing user with the same e-mail).
pub async fn reaches(state: &AppState, caller: &Caller, tenant_id: &str) -> Result<bool, ApiError> {
    match tenant_in_reach(state, caller, tenant_id, Some(Capability::ManageUsers)).await {
        Ok(_) => Ok(true),
        Err(ApiError::NotFound | ApiError::Forbidden) => Ok(false),
        Err(e) => Err(e),
    }
}
