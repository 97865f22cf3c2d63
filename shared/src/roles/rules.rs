//! The rules about one user's roles (rules 1–4 of docs/RULES.md) and the checkbox
//! behaviour built on them.

use serde::{Deserialize, Serialize};

use super::{
    set::{bits, index, index_of},
    RoleDef, RoleSet, Violation, ViolationCode, CATALOGUE,
};
use crate::TenantKind;

/// What the rules need to know about the user besides their roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    pub tenant_kind: TenantKind,
    pub service_user: bool,
}

impl Context {
    pub const fn person(tenant_kind: TenantKind) -> Self {
        Self { tenant_kind, service_user: false }
    }
}

/// Every violation of rules 1, 2 and 4 (and unknown or misplaced roles) in
/// this set of keys, all at once.
pub fn validate<S: AsRef<str>>(roles: &[S], ctx: &Context) -> Vec<Violation> {
    let (set, unknown) = RoleSet::parse(roles.iter().map(AsRef::as_ref));
    let mut out: Vec<Violation> = unknown.iter().map(|k| Violation::unknown_role(k)).collect();
    validate_set(set, ctx, &mut out);
    out
}

/// `validate` of `after`, plus rule 3: a client may not add or remove a
/// read-only role. (The PBX import, which sets them, uses `validate`.)
pub fn validate_change<S: AsRef<str>>(before: &RoleSet, after: &[S], ctx: &Context) -> Vec<Violation> {
    let mut out = validate(after, ctx);
    let (after, _) = RoleSet::parse(after.iter().map(AsRef::as_ref));
    let touched = RoleSet(before.0 ^ after.0).read_only();
    out.extend(touched.iter().map(|r| Violation::about(ViolationCode::ReadOnlyRole, r, RoleSet::EMPTY)));
    out
}

/// The prerequisites of the held roles that nothing held meets.
fn unmet(held: u64) -> u64 {
    let ix = index();
    let needed = bits(held).fold(0, |m, i| m | ix.closure[i]);
    bits(needed).filter(|&p| held & ix.met_by[p] == 0).fold(0, |m, p| m | 1 << p)
}

fn validate_set(set: RoleSet, ctx: &Context, out: &mut Vec<Violation>) {
    let ix = index();
    let held = set.0;
    let unmet = unmet(held);
    for i in bits(held) {
        let role = &CATALOGUE[i];
        if role.tenant_kind != ctx.tenant_kind {
            out.push(Violation::about(ViolationCode::WrongTenantKind, role, RoleSet::EMPTY));
        }
        let missing = ix.closure[i] & unmet;
        if missing != 0 {
            out.push(Violation::about(ViolationCode::MissingPrerequisite, role, RoleSet(missing)));
        }
        if ctx.service_user && role.licensed {
            out.push(Violation::about(ViolationCode::ServiceUserLicence, role, RoleSet::EMPTY));
        }
    }
    for group in &ix.groups {
        let members = held & group;
        if members.count_ones() > 1 {
            // Reported once, on the highest-ranked member.
            let top = bits(members).max_by_key(|&i| CATALOGUE[i].level).unwrap_or(0);
            out.push(Violation::about(
                ViolationCode::ExclusiveConflict,
                &CATALOGUE[top],
                RoleSet(members & !(1 << top)),
            ));
        }
    }
}

/// What ticking or unticking one checkbox does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The new set (unchanged when refused).
    pub roles: RoleSet,
    /// Roles ticked along with it: its prerequisites.
    pub added: RoleSet,
    /// Roles unticked along with it: the other supervisor level, or the roles
    /// that required it.
    pub removed: RoleSet,
    /// Why the toggle cannot happen, when it cannot.
    pub refused: Option<Violation>,
}

impl Outcome {
    fn unchanged(roles: RoleSet) -> Self {
        Self { roles, added: RoleSet::EMPTY, removed: RoleSet::EMPTY, refused: None }
    }

    fn refused(roles: RoleSet, violation: Violation) -> Self {
        Self { refused: Some(violation), ..Self::unchanged(roles) }
    }
}

/// The checkbox of `key` set to `on`: ticking adds the missing prerequisites
/// and replaces the other member of an exclusive group; unticking also
/// unticks every role that required it. Read-only roles cannot be toggled.
/// From a set that validates, the outcome validates.
pub fn toggle(roles: RoleSet, key: &str, on: bool, ctx: &Context) -> Outcome {
    let Some(i) = index_of(key) else {
        return Outcome::refused(roles, Violation::unknown_role(key));
    };
    let role = &CATALOGUE[i];
    let bit = 1u64 << i;
    if (roles.0 & bit != 0) == on {
        return Outcome::unchanged(roles);
    }
    if role.read_only {
        return Outcome::refused(roles, Violation::about(ViolationCode::ReadOnlyRole, role, RoleSet::EMPTY));
    }
    if on {
        tick(roles, role, i, ctx)
    } else {
        untick(roles, bit)
    }
}

fn tick(roles: RoleSet, role: &'static RoleDef, i: usize, ctx: &Context) -> Outcome {
    let ix = index();
    if role.tenant_kind != ctx.tenant_kind {
        return Outcome::refused(roles, Violation::about(ViolationCode::WrongTenantKind, role, RoleSet::EMPTY));
    }
    if ctx.service_user && role.licensed {
        return Outcome::refused(roles, Violation::about(ViolationCode::ServiceUserLicence, role, RoleSet::EMPTY));
    }
    let rivals = ix.group[i] & roles.0 & !(1 << i);
    let kept = untick(roles, rivals);
    let held = kept.roles.0;
    let to_add = bits(ix.closure[i]).filter(|&p| held & ix.met_by[p] == 0).fold(0u64, |m, p| m | 1 << p);
    // A prerequisite that only the import can give, or a licence a service
    // user cannot hold, cannot be ticked along.
    let blocked = to_add & (ix.read_only | if ctx.service_user { ix.licensed } else { 0 });
    if blocked != 0 {
        return Outcome::refused(roles, Violation::about(ViolationCode::MissingPrerequisite, role, RoleSet(blocked)));
    }
    Outcome {
        roles: RoleSet(held | (1 << i) | to_add),
        added: RoleSet(to_add),
        removed: kept.removed.union(RoleSet(rivals)),
        refused: None,
    }
}

/// Removes `bits_off`, then every role left without its prerequisites.
fn untick(roles: RoleSet, bits_off: u64) -> Outcome {
    let ix = index();
    let mut held = roles.0 & !bits_off;
    loop {
        let unmet = unmet(held);
        let orphans = bits(held).filter(|&j| ix.closure[j] & unmet != 0).fold(0u64, |m, j| m | 1 << j);
        if orphans == 0 {
            break;
        }
        held &= !orphans;
    }
    let removed = roles.0 & !held & !bits_off;
    Outcome { roles: RoleSet(held), added: RoleSet::EMPTY, removed: RoleSet(removed), refused: None }
}

/// Licences a change adds and removes, by role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceDelta {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl LicenceDelta {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }

    /// The licences of `roles` after this change.
    pub fn apply(&self, roles: &RoleSet) -> RoleSet {
        let (added, _) = RoleSet::parse(self.added.iter().map(String::as_str));
        let (removed, _) = RoleSet::parse(self.removed.iter().map(String::as_str));
        roles.licensed().difference(removed).union(added)
    }
}

pub fn licence_delta(before: &RoleSet, after: &RoleSet) -> LicenceDelta {
    let (b, a) = (before.licensed(), after.licensed());
    LicenceDelta { added: a.difference(b).to_strings(), removed: b.difference(a).to_strings() }
}

/// The keys any one of which grants `key`: for database filters, so that
/// queries take the rule from here instead of restating it.
pub fn roles_granting(key: &str) -> Vec<&'static str> {
    RoleSet::granting(key).keys()
}
