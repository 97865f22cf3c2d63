//! The role catalogue endpoint, and the demo data checked by the shared rules.

use crate::common::{assert_problem, on_both_databases, TestApp};
use switchboard_shared::{
    roles::{self, realtime_missing, realtime_required, validate, Context, MemberState, RoleCatalogue, RoleSet},
    TenantKind, UserStatus,
};

on_both_databases!(roles_serves_the_shared_catalogue_to_signed_in_callers, every_demo_user_obeys_the_role_rules,);

async fn roles_serves_the_shared_catalogue_to_signed_in_callers(app: TestApp) {
    assert_problem(app.get("/api/v1/roles", None).await, 401, "unauthenticated").await;
    let token = app.token("admin@acme.example").await;
    let served: RoleCatalogue = app.get("/api/v1/roles", Some(&token)).await.json().await.unwrap();
    assert_eq!(served, roles::catalogue());
    assert_eq!(served.roles.len(), 31);
}

async fn every_demo_user_obeys_the_role_rules(app: TestApp) {
    // Bulk users for benchmarks too.
    assert_eq!(switchboard_backend::store::seed::bulk_users(&app.db, "Acme Ltd", 60).await.unwrap(), Some(60));
    let users: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.tenant_id, t.kind, u.status, u.service_user FROM users u JOIN tenants t ON t.id = u.tenant_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut by_tenant: std::collections::HashMap<String, Vec<MemberState>> = Default::default();
    for (id, tenant, kind, status, service) in users {
        let keys: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1")
            .bind(&id)
            .fetch_all(&app.db)
            .await
            .unwrap();
        let ctx = Context { tenant_kind: TenantKind::parse(&kind).unwrap(), service_user: service != 0 };
        assert_eq!(validate(&keys, &ctx), vec![], "user {id}");
        let member = MemberState {
            status: UserStatus::parse(&status).unwrap(),
            service_user: service != 0,
            roles: RoleSet::parse(keys.iter().map(String::as_str)).0,
        };
        if ctx.tenant_kind == TenantKind::Customer {
            by_tenant.entry(tenant).or_default().push(member);
        }
    }
    assert_eq!(by_tenant.len(), 2);
    assert_eq!(by_tenant.values().map(Vec::len).sum::<usize>(), 22 + 5 + 60);
    for members in by_tenant.values() {
        // Rule 5 holds: every customer has an active administrator.
        assert!(members.iter().any(MemberState::is_active_admin));
        // Rule 7b holds.
        if realtime_required(members.iter().map(|m| &m.roles)) {
            assert!(members.iter().all(|m| !realtime_missing(&m.roles)));
        }
    }
}
