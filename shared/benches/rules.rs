//! `cargo bench -p switchboard-shared --bench rules`: the rule engine over the
//! full catalogue, and the tenant rules over a 10,000-user snapshot.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use switchboard_shared::{
    roles::{
        keys, last_admin_violation, licence_delta, realtime_required, toggle, validate, Context, MemberState, RoleSet,
        CATALOGUE,
    },
    TenantKind, UserStatus,
};

/// 25 customer roles: every one but the UK essential role and three supervisor
/// levels. At most 24 can be valid together, so this holds one exclusive
/// conflict (levels 4 and 5), which `validate` must find and describe.
fn twenty_five() -> Vec<String> {
    let skip = [keys::ESSENTIAL_GB, keys::SUPERVISOR_L1, keys::SUPERVISOR_L2, keys::SUPERVISOR_L3];
    CATALOGUE
        .iter()
        .filter(|r| r.tenant_kind == TenantKind::Customer && !skip.contains(&r.key))
        .map(|r| r.key.to_owned())
        .collect()
}

fn snapshot(n: usize) -> Vec<MemberState> {
    let agent = RoleSet::of(&[keys::CUSTOMER_USER, keys::UC, keys::ESSENTIAL, keys::REALTIME, keys::ACD]);
    let admin = RoleSet::of(&[keys::CUSTOMER_USER, keys::USER_ADMIN]);
    (0..n)
        .map(|i| MemberState {
            status: if i % 7 == 0 { UserStatus::Invited } else { UserStatus::Active },
            service_user: false,
            // One administrator, last: the check must look at everyone.
            roles: if i == n - 1 { admin } else { agent },
        })
        .collect()
}

fn rules(c: &mut Criterion) {
    let ctx = Context::person(TenantKind::Customer);
    let roles = twenty_five();
    assert_eq!(roles.len(), 25);
    assert_eq!(validate(&roles, &ctx).len(), 1);
    c.bench_function("validate 25 roles", |b| b.iter(|| validate(black_box(&roles), &ctx)));

    let set = RoleSet::parse(roles.iter().map(String::as_str)).0;
    c.bench_function("toggle: tick a supervisor level over 25 roles", |b| {
        b.iter(|| toggle(black_box(set), keys::SUPERVISOR_L2, true, &ctx))
    });
    c.bench_function("toggle: untick customer.user over 25 roles", |b| {
        b.iter(|| toggle(black_box(set), keys::CUSTOMER_USER, false, &ctx))
    });
    c.bench_function("licence_delta", |b| b.iter(|| licence_delta(black_box(&set), black_box(&RoleSet::EMPTY))));

    let users = snapshot(10_000);
    let (admin, others) = users.split_last().expect("users");
    let demoted = MemberState { roles: RoleSet::of(&[keys::CUSTOMER_USER]), ..*admin };
    assert!(last_admin_violation(others, Some(admin), Some(&demoted)).is_some());
    c.bench_function("last-admin check over 10,000 users", |b| {
        b.iter(|| last_admin_violation(black_box(others), Some(admin), Some(&demoted)))
    });
    let role_sets: Vec<RoleSet> = users.iter().map(|u| u.roles).collect();
    c.bench_function("realtime_required over 10,000 users", |b| b.iter(|| realtime_required(black_box(&role_sets))));
}

criterion_group!(benches, rules);
criterion_main!(benches);
