//! Who acts, and where: the caller as the database says now, and the tenant
//! a request acts in once it is known to be within the caller's reach.

use switchboard_shared::{
    roles::{self, Capability, RoleSet},
    MfaPolicy, SessionId, TenantId, UserId, UserStatus,
};

use super::{Domain, Error, Result};
use crate::store::{
    api_keys,
    tenants::TenantRow,
    users::{self, UserRow},
};

/// The signed-in person (or service user) making the request, read afresh
/// for every request and never cached, so that blocking someone (even by
/// hand in the database) ends their access at once.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: UserRow,
    pub roles: RoleSet,
    pub tenant: TenantRow,
    /// The tenants above the caller's, nearest first.
    pub above: Vec<TenantRow>,
    /// The session of a person's access token (none for an API key).
    pub session: Option<SessionId>,
    /// Whether they have a second factor set up.
    pub second_factor: bool,
    /// Unix seconds when the person last proved who they are in this
    /// session (none for an API key).
    pub authenticated_at: Option<u64>,
}

impl Caller {
    /// Whether the caller is a staff admin of their own (reseller or
    /// platform) tenant, and so acts in the tenants below it.
    pub fn acts_below(&self) -> bool {
        roles::acts_below(self.tenant.kind, &self.roles)
    }

    /// The MFA policy in force for the caller: the strictest of their
    /// tenant's and its ancestors'.
    pub fn mfa_policy(&self) -> MfaPolicy {
        MfaPolicy::in_force(std::iter::once(&self.tenant).chain(&self.above).map(|t| t.mfa_policy))
    }

    /// Refuses a sensitive change (`roles::needs_step_up`, API keys, MFA
    /// policies, PBX connections) unless the person proved who they are in
    /// the last `STEP_UP_SECS` (`POST /auth/reauthenticate`). API keys are
    /// machine credentials, which cannot, and are not asked to.
    pub fn require_recent_authentication(&self) -> Result<()> {
        match (self.session.as_ref(), self.authenticated_at) {
            (None, _) => Ok(()),
            (Some(_), Some(at)) if crate::auth::tokens::unix_now().saturating_sub(at) <= STEP_UP_SECS => Ok(()),
            (Some(_), _) => Err(Error::ReauthenticationRequired),
        }
    }

    /// Whether the caller is a person whom the policy requires to have a
    /// second factor and who has none: until they set one up they reach
    /// nothing but that (service users and API keys are not affected).
    pub fn must_enrol(&self) -> bool {
        self.session.is_some() && !self.second_factor && self.mfa_policy().requires(&self.roles)
    }
}

/// How recent an authentication sensitive changes need: five minutes.
pub const STEP_UP_SECS: u64 = 5 * 60;

/// The tenant a request acts in, already checked against the caller.
#[derive(Debug, Clone)]
pub struct TenantScope {
    pub tenant: TenantRow,
    /// The tenants above it, nearest first (whose staff are its parent users).
    pub above: Vec<TenantRow>,
}

/// The caller a bearer credential names: a person's access token, or a
/// service user's API key (which acts under the service user's own roles;
/// a blocked service user's keys stop working).
pub async fn authenticate(d: &Domain, token: &str) -> Result<Caller> {
    if api_keys::is_api_key(token) {
        let user_id = api_keys::authenticate(d.store.db(), token).await?.ok_or(Error::Unauthenticated)?;
        let caller = load(d, &user_id, None).await?.ok_or(Error::Unauthenticated)?.0;
        if !caller.user.service_user || caller.user.status == UserStatus::Blocked {
            return Err(Error::Unauthenticated);
        }
        return Ok(caller);
    }
    let claims = d.keys.verify_access(token).await?.ok_or(Error::Unauthenticated)?;
    let session = claims.sid.ok_or(Error::Unauthenticated)?;
    let (caller, session_live) = load(d, &claims.sub, Some(session)).await?.ok_or(Error::Unauthenticated)?;
    // An ended session (signed out, ended from another device or by an
    // admin, a password changed) ends its access tokens at once.
    if !session_live
        || caller.user.status != UserStatus::Active
        || caller.user.service_user
        || !roles::grants_portal_login(&caller.roles)
    {
        return Err(Error::Unauthenticated);
    }
    Ok(caller)
}

/// The caller, and whether `session` is live.
async fn load(d: &Domain, user_id: &UserId, session: Option<SessionId>) -> Result<Option<(Caller, bool)>> {
    let found = users::caller(d.store.db(), user_id, session.as_ref()).await?;
    Ok(found.map(|c| {
        let caller = Caller {
            user: c.user,
            roles: c.roles,
            tenant: c.tenant,
            above: c.above,
            session,
            second_factor: c.second_factor,
            authenticated_at: c.authenticated_at.as_deref().map(crate::time::parse_unix),
        };
        (caller, c.session_live)
    }))
}

/// The tenant, if the caller may act there (with this capability, when one
/// is named). Out of reach answers 404, exactly as a tenant that does not
/// exist.
pub async fn within_reach(
    d: &Domain,
    caller: &Caller,
    tenant_id: &TenantId,
    capability: Option<Capability>,
) -> Result<TenantScope> {
    let lineage = if *tenant_id == caller.tenant.id {
        vec![caller.tenant.clone()]
    } else {
        crate::store::tenants::lineage(d.store.db(), tenant_id, &caller.tenant.id).await?
    };
    if lineage.last().is_none_or(|t| t.id != caller.tenant.id) {
        return Err(Error::NotFound);
    }
    let mut chain = lineage.into_iter().chain(caller.above.iter().cloned());
    let tenant = chain.next().ok_or(Error::NotFound)?;
    let scope = TenantScope { tenant, above: chain.collect() };
    if scope.tenant.id != caller.tenant.id {
        // Acting below one's own tenant is what staff admins do, nobody else.
        return if caller.acts_below() { Ok(scope) } else { Err(Error::NotFound) };
    }
    // Within their own tenant, people act as their roles allow.
    if capability.is_none_or(|c| c.allowed(caller.tenant.kind, &caller.roles)) {
        Ok(scope)
    } else {
        Err(Error::Forbidden)
    }
}

/// Whether the caller may manage users in this tenant (for what a response
/// may reveal, such as the id of an existing user with the same e-mail).
pub async fn reaches(d: &Domain, caller: &Caller, tenant_id: &TenantId) -> Result<bool> {
    match within_reach(d, caller, tenant_id, Some(Capability::ManageUsers)).await {
        Ok(_) => Ok(true),
        Err(Error::NotFound | Error::Forbidden) => Ok(false),
        Err(e) => Err(e),
    }
}
