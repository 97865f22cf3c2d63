//! Roles: the catalogue and the rules over it (docs/RULES.md).
//!
//! A [`RoleSet`] is a bit set over the catalogue, so every rule is a few bit
//! operations; the same code runs in the browser and on the server.

mod catalogue;
mod rules;
mod set;
mod tenant;
mod violation;

use serde::{Deserialize, Serialize};

pub use catalogue::{keys, CATALOGUE, ESSENTIAL_GROUP, SUPERVISOR_GROUP};
pub use rules::{licence_delta, roles_granting, toggle, validate, validate_change, Context, LicenceDelta, Outcome};
pub use set::RoleSet;
pub use tenant::{
    acd_on_import, admin_required_violation, auto_assign_violation, essential_role, imported_roles,
    last_admin_violation, realtime_missing, realtime_required, shows_workspace_note, softphone_violation,
    softphones_assigned_violation, MemberState,
};
pub use violation::{Violation, ViolationCode};

use crate::TenantKind;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Category {
    /// User access type: PBX feature licences.
    Access,
    /// Supervisor levels: licences, at most one.
    Supervisor,
    Permission,
    Client,
    /// Reseller and platform staff.
    Staff,
}

/// One role of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleDef {
    pub key: &'static str,
    pub category: Category,
    /// English name and description; the UI translates by `role.{key}.name`.
    pub name: &'static str,
    pub description: &'static str,
    /// Direct prerequisites (rule 1 closes over them).
    pub requires: &'static [&'static str],
    /// Costs money: every change to it is shown before saving.
    pub licensed: bool,
    /// Set only by the PBX import (rule 3).
    pub read_only: bool,
    /// At most one role of a group per user (rule 2).
    pub exclusive_group: Option<&'static str>,
    /// Within a levelled group, level N includes every level below it.
    pub level: Option<u8>,
    /// Meets every prerequisite that names this other role.
    pub stands_in_for: Option<&'static str>,
    /// The kind of tenant whose users may hold it.
    pub tenant_kind: TenantKind,
}

impl RoleDef {
    pub fn get(key: &str) -> Option<&'static RoleDef> {
        set::index_of(key).map(|i| &CATALOGUE[i])
    }

    pub fn info(&self) -> RoleInfo {
        RoleInfo {
            key: self.key.into(),
            category: self.category,
            name: self.name.into(),
            description: self.description.into(),
            requires: self.requires.iter().map(|r| (*r).into()).collect(),
            licensed: self.licensed,
            read_only: self.read_only,
            exclusive_group: self.exclusive_group.map(Into::into),
            level: self.level,
            stands_in_for: self.stands_in_for.map(Into::into),
            tenant_kind: self.tenant_kind,
        }
    }
}

/// A role as `GET /api/v1/roles` serves it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleInfo {
    pub key: String,
    pub category: Category,
    pub name: String,
    pub description: String,
    pub requires: Vec<String>,
    pub licensed: bool,
    pub read_only: bool,
    pub exclusive_group: Option<String>,
    pub level: Option<u8>,
    pub stands_in_for: Option<String>,
    pub tenant_kind: TenantKind,
}

/// `GET /api/v1/roles`
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleCatalogue {
    pub roles: Vec<RoleInfo>,
}

pub fn catalogue() -> RoleCatalogue {
    RoleCatalogue { roles: CATALOGUE.iter().map(RoleDef::info).collect() }
}

/// Whether these roles let a person sign in to the portal. Service users never
/// can, whatever they hold (rule 4); callers check that separately.
pub fn grants_portal_login(roles: &RoleSet) -> bool {
    [keys::CUSTOMER_USER, keys::RESELLER_ADMIN, keys::PLATFORM_ADMIN].iter().any(|k| roles.contains(k))
}

/// Whether these roles make a person an administrator, whom the
/// `requiredForAdmins` MFA policy reaches: they manage people, devices, API
/// keys or settings, or are staff.
pub fn administers(roles: &RoleSet) -> bool {
    [
        keys::USER_ADMIN,
        keys::DEVICE_ADMIN,
        keys::ONBOARDING_ADMIN,
        keys::SETTINGS,
        keys::RESELLER_ADMIN,
        keys::PLATFORM_ADMIN,
    ]
    .iter()
    .any(|k| roles.contains(k))
}

/// Whether granting these roles needs a recent authentication of whoever
/// grants them (step-up): they give power over people, keys or tenants.
pub fn needs_step_up(granted: &RoleSet) -> bool {
    [keys::USER_ADMIN, keys::ONBOARDING_ADMIN, keys::RESELLER_ADMIN, keys::PLATFORM_ADMIN]
        .iter()
        .any(|k| granted.contains(k))
}

/// Whether these roles give the UC clients, so the UC welcome e-mail with
/// their download links means something to the person.
pub fn uses_uc_clients(roles: &RoleSet) -> bool {
    [keys::UC, keys::ESSENTIAL_GB].iter().any(|k| roles.contains(k))
}

/// What a request may do, beyond signing in. Staff admins (see `staff_role`)
/// may do all of it in their tenant and the tenants below; anyone else only
/// in their own tenant, as a portal user holding the role that grants it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    ManageUsers,
    /// See the tenant's devices.
    ViewDevices,
    /// Add and remove the tenant's devices.
    ManageDevices,
    /// Give service users API keys, and revoke them.
    ManageApiKeys,
    /// Read a customer's details and settings.
    ViewCustomer,
    /// Change a customer's own settings (staff change the rest, see
    /// `PatchCustomer::staff_fields`).
    ChangeCustomer,
    /// Create a reseller's customers (onboarding): staff only.
    ManageCustomers,
}

impl Capability {
    /// Whether a person of a tenant of `kind` holding `roles` may do this
    /// in a tenant within their reach.
    pub fn allowed(self, kind: TenantKind, roles: &RoleSet) -> bool {
        let holds = |key| roles.contains(key);
        acts_below(kind, roles)
            || holds(keys::CUSTOMER_USER)
                && match self {
                    Self::ManageUsers => holds(keys::USER_ADMIN),
                    Self::ViewDevices => {
                        [keys::DEVICE_READONLY, keys::DEVICE_ADMIN, keys::USER_ADMIN].into_iter().any(holds)
                    }
                    Self::ManageDevices => holds(keys::DEVICE_ADMIN),
                    Self::ManageApiKeys => holds(keys::ONBOARDING_ADMIN),
                    Self::ViewCustomer => holds(keys::USER_ADMIN) || holds(keys::SETTINGS),
                    Self::ChangeCustomer => holds(keys::SETTINGS),
                    Self::ManageCustomers => false,
                }
    }
}

/// Whether a person of a tenant of `kind` holding `roles` is a staff admin
/// there, and so acts in the tenants below it.
pub fn acts_below(kind: TenantKind, roles: &RoleSet) -> bool {
    staff_role(kind).is_some_and(|staff| roles.contains(staff))
}

/// The role that makes a person of a reseller or the platform staff: they
/// act in every tenant below their own, and appear there as parent users.
/// Customers have no staff.
pub fn staff_role(kind: TenantKind) -> Option<&'static str> {
    match kind {
        TenantKind::Platform => Some(keys::PLATFORM_ADMIN),
        TenantKind::Reseller => Some(keys::RESELLER_ADMIN),
        TenantKind::Customer => None,
    }
}

#[cfg(test)]
mod tests;
