//! Properties of the rule engine over arbitrary role sets and toggle sequences.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use switchboard_shared::{
    roles::{keys, licence_delta, toggle, validate, Context, RoleDef, RoleSet, CATALOGUE, SUPERVISOR_GROUP},
    TenantKind,
};

fn customer_keys() -> Vec<&'static str> {
    CATALOGUE.iter().filter(|r| r.tenant_kind == TenantKind::Customer).map(|r| r.key).collect()
}

fn any_customer_set() -> impl Strategy<Value = RoleSet> {
    proptest::sample::subsequence(customer_keys(), 0..=customer_keys().len()).prop_map(|keys| RoleSet::of(&keys))
}

fn toggles() -> impl Strategy<Value = Vec<(&'static str, bool)>> {
    proptest::collection::vec((proptest::sample::select(customer_keys()), any::<bool>()), 0..40)
}

fn ctx(service_user: bool) -> Context {
    Context { tenant_kind: TenantKind::Customer, service_user }
}

fn supervisor_levels(roles: &RoleSet) -> usize {
    roles.iter().filter(|r| r.exclusive_group == Some(SUPERVISOR_GROUP)).count()
}

/// Makes a set valid for a person: keeps the highest supervisor level and one
/// essential role, then adds every prerequisite (the essential role for those
/// that need one).
fn close(mut roles: RoleSet) -> RoleSet {
    if let Some(top) = roles.iter().filter(|r| r.exclusive_group == Some(SUPERVISOR_GROUP)).max_by_key(|r| r.level) {
        let others: Vec<&str> = roles
            .iter()
            .filter(|r| r.exclusive_group == Some(SUPERVISOR_GROUP) && r.key != top.key)
            .map(|r| r.key)
            .collect();
        for k in others {
            roles.remove(k);
        }
    }
    if roles.contains(keys::ESSENTIAL_GB) {
        roles.remove(keys::ESSENTIAL);
    }
    loop {
        let missing: Vec<&str> =
            roles.iter().flat_map(|r| r.requires.iter().copied()).filter(|p| !roles.grants(p)).collect();
        if missing.is_empty() {
            return roles;
        }
        for p in missing {
            roles.insert(p);
        }
    }
}

proptest! {
    #[test]
    fn every_toggle_outcome_validates(steps in toggles(), service in any::<bool>()) {
        let ctx = ctx(service);
        let mut roles = RoleSet::EMPTY;
        for (key, on) in steps {
            let out = toggle(roles, key, on, &ctx);
            prop_assert!(validate(&out.roles.keys(), &ctx).is_empty(), "{:?} after {} {}", out.roles, key, on);
            if out.refused.is_some() {
                prop_assert_eq!(out.roles, roles);
            } else {
                prop_assert_eq!(out.roles.contains(key), on);
            }
            roles = out.roles;
        }
    }

    #[test]
    fn a_prerequisite_closed_set_without_conflicts_validates(roles in any_customer_set()) {
        let closed = close(roles);
        prop_assert!(validate(&closed.keys(), &ctx(false)).is_empty(), "{:?}", closed);
    }

    #[test]
    fn at_most_one_supervisor_level_survives_any_toggles(steps in toggles()) {
        let ctx = ctx(false);
        let mut roles = RoleSet::EMPTY;
        for (key, on) in steps {
            roles = toggle(roles, key, on, &ctx).roles;
            prop_assert!(supervisor_levels(&roles) <= 1);
        }
    }

    #[test]
    fn licence_delta_applied_to_a_gives_bs_licences(a in any_customer_set(), b in any_customer_set()) {
        let delta = licence_delta(&a, &b);
        prop_assert_eq!(delta.apply(&a), b.licensed());
        prop_assert!(delta.added.iter().chain(&delta.removed).all(|k| RoleDef::get(k).is_some_and(|r| r.licensed)));
    }

    #[test]
    fn unticking_then_reticking_a_role_keeps_it_and_its_prerequisites(roles in any_customer_set(), pick in any::<prop::sample::Index>()) {
        let ctx = ctx(false);
        let valid = close(roles);
        let held: Vec<&str> = valid.iter().filter(|r| !r.read_only).map(|r| r.key).collect();
        prop_assume!(!held.is_empty());
        let key = held[pick.index(held.len())];
        let off = toggle(valid, key, false, &ctx);
        let on = toggle(off.roles, key, true, &ctx);
        prop_assert!(on.roles.contains(key));
        prop_assert!(validate(&on.roles.keys(), &ctx).is_empty());
    }
}
