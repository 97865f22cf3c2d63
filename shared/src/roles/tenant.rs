//! Rules over a tenant's users (rules 5–8 of docs/RULES.md). They take the tenant's
//! members as data, so the server applies them inside its transaction and
//! tests apply them to any snapshot; none is written again in SQL or the UI.

use super::{keys, RoleSet, Violation, ViolationCode};
use crate::UserStatus;

/// What the tenant rules need to know of one user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberState {
    pub status: UserStatus,
    pub service_user: bool,
    pub roles: RoleSet,
}

impl MemberState {
    /// A person holding both `user.admin` and `customer.user`.
    pub fn is_user_admin(&self) -> bool {
        let admin = admin_roles();
        !self.service_user && self.roles.intersection(admin) == admin
    }

    /// Counts for rule 5: an administrator who is active.
    pub fn is_active_admin(&self) -> bool {
        self.is_user_admin() && self.status == UserStatus::Active
    }

    /// Counts for rule 6: an administrator, invited or active, not blocked.
    pub fn is_first_admin(&self) -> bool {
        self.is_user_admin() && self.status != UserStatus::Blocked
    }
}

fn admin_roles() -> RoleSet {
    static ADMIN: std::sync::OnceLock<RoleSet> = std::sync::OnceLock::new();
    *ADMIN.get_or_init(|| RoleSet::of(&[keys::USER_ADMIN, keys::CUSTOMER_USER]))
}

/// Rule 5: refuses a change (`after` is `None` for a deletion) that would
/// leave the tenant without an active user administrator. `others` are the
/// tenant's other users; any subset that holds all its administrators will do.
pub fn last_admin_violation<'a>(
    others: impl IntoIterator<Item = &'a MemberState>,
    before: Option<&MemberState>,
    after: Option<&MemberState>,
) -> Option<Violation> {
    let loses_one =
        before.is_some_and(MemberState::is_active_admin) && !after.is_some_and(MemberState::is_active_admin);
    (loses_one && !others.into_iter().any(MemberState::is_active_admin))
        .then(|| Violation::tenant(ViolationCode::LastUserAdmin, RoleSet::of(&[keys::USER_ADMIN, keys::CUSTOMER_USER])))
}

/// Rule 6: until the tenant has its first administrator, the only change
/// allowed is one that makes one (`before` is `None` for a creation).
pub fn admin_required_violation<'a>(
    others: impl IntoIterator<Item = &'a MemberState>,
    before: Option<&MemberState>,
    after: Option<&MemberState>,
) -> Option<Violation> {
    let has_one =
        before.is_some_and(MemberState::is_first_admin) || others.into_iter().any(MemberState::is_first_admin);
    (!has_one && !after.is_some_and(MemberState::is_first_admin))
        .then(|| Violation::tenant(ViolationCode::AdminRequired, RoleSet::of(&[keys::USER_ADMIN, keys::CUSTOMER_USER])))
}

/// Rule 7a: the essential role for a tenant's region.
pub fn essential_role(region: Option<&str>) -> &'static str {
    if region.is_some_and(|r| r.eq_ignore_ascii_case("GB")) {
        keys::ESSENTIAL_GB
    } else {
        keys::ESSENTIAL
    }
}

/// Rule 7b: whether the tenant's essential users must hold the real-time
/// add-on: while anyone holds supervisor level 3 or higher.
pub fn realtime_required<'a>(members: impl IntoIterator<Item = &'a RoleSet>) -> bool {
    members.into_iter().any(|roles| roles.grants(keys::SUPERVISOR_L3))
}

/// Rule 7b for one user: holds the essential role but not the add-on.
pub fn realtime_missing(roles: &RoleSet) -> bool {
    roles.grants(keys::ESSENTIAL) && !roles.contains(keys::REALTIME)
}

/// Rule 7c: whether an imported call-centre agent gets the agent add-on.
pub fn acd_on_import(agent: bool, auto_assign_acd: bool) -> bool {
    agent && auto_assign_acd
}

/// The roles the PBX import gives a user it creates (rule 7).
pub fn imported_roles(region: Option<&str>, agent: bool, auto_assign_acd: bool, realtime_required: bool) -> RoleSet {
    let mut roles = RoleSet::of(&[essential_role(region)]);
    if acd_on_import(agent, auto_assign_acd) {
        roles.insert(keys::ACD);
    }
    if realtime_required {
        roles.insert(keys::REALTIME);
    }
    roles
}

/// Rule 8: a user administrator without any supervisor role cannot see
/// workspaces, and the UI says so next to their roles.
pub fn shows_workspace_note(roles: &RoleSet) -> bool {
    roles.contains(keys::USER_ADMIN) && !roles.grants(keys::SUPERVISOR_L1)
}

/// Rule 7b as a refusal: while the real-time add-on is required, an essential
/// user may not be left without it.
pub fn auto_assign_violation(realtime_required: bool, after: &RoleSet) -> Option<Violation> {
    (realtime_required && realtime_missing(after)).then(|| {
        let realtime = super::RoleDef::get(keys::REALTIME).expect("in the catalogue");
        Violation::about(ViolationCode::AutoAssignedRole, realtime, RoleSet::EMPTY)
    })
}

/// The softphone rule the other way round: a user who has softphones keeps the
/// Softphones role (the API refuses rather than taking the devices away).
pub fn softphones_assigned_violation(after: &RoleSet, has_softphones: bool) -> Option<Violation> {
    (has_softphones && !after.grants(keys::SOFTPHONE)).then(|| {
        let softphone = super::RoleDef::get(keys::SOFTPHONE).expect("in the catalogue");
        Violation::about(ViolationCode::SoftphonesAssigned, softphone, RoleSet::EMPTY)
    })
}

/// A softphone may be assigned only to a holder of Softphones.
pub fn softphone_violation(roles: &RoleSet) -> Option<Violation> {
    (!roles.grants(keys::SOFTPHONE)).then(|| {
        let softphone = super::RoleDef::get(keys::SOFTPHONE).expect("in the catalogue");
        Violation::about(ViolationCode::SoftphoneRoleRequired, softphone, RoleSet::EMPTY)
    })
}
