//! Tenant isolation, for every route of the API: another customer's admin and
//! another reseller's staff get 404 (as for a tenant that does not exist), a
//! user of the tenant without the needed role 403 (routes any user of the
//! tenant may read, such as the tenant itself, 200), nobody without a token
//! anything but 401, and no attempt changes anything.

use reqwest::Method;
use serde_json::{json, Value};
use switchboard_backend::http::{
    policy::{policy, Access},
    route_list,
};

use crate::common::{on_both_databases, TestApp};

on_both_databases!(no_route_reaches_across_tenants_or_past_a_missing_role);

/// Everything a write could touch.
async fn fingerprint(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM users",
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM users",
        "SELECT COUNT(*) FROM user_roles",
        "SELECT COUNT(*) FROM devices",
        "SELECT COUNT(*) FROM devices WHERE user_id IS NOT NULL",
        "SELECT COUNT(*) FROM audit_events",
        "SELECT COUNT(*) FROM tenants",
        "SELECT COUNT(*) FROM sessions WHERE ended = 1",
        "SELECT COUNT(*) FROM mfa_totp",
        "SELECT COUNT(*) FROM tenants WHERE mfa_policy <> 'optional'",
    ] {
        out.push(sqlx::query_scalar::<_, i64>(sql).fetch_one(&app.db).await.unwrap());
    }
    out
}

/// A body that would change something, were the request let through.
fn body(method: &str, path: &str, device: &str) -> Option<Value> {
    Some(match (method, path) {
        ("POST", p) if p.ends_with("/users") => json!({ "displayName": "Intruder", "email": "intruder@evil.example" }),
        ("PATCH", _) => json!({ "displayName": "Owned", "removeRoles": ["user.admin"] }),
        ("PUT", p) if p.ends_with("/mfa-policy") => json!({ "policy": "required" }),
        ("PUT", _) => json!({ "deviceIds": [device] }),
        ("POST", p) if p.ends_with("/api-keys") => json!({ "name": "stolen" }),
        ("POST", p) if p.ends_with("/devices") => json!({ "name": "Bug", "kind": "deskphone", "identifier": "evil" }),
        ("POST", "/api/v1/auth/login") => json!({ "email": "admin@globex.example", "password": "guess" }),
        ("POST", _) => json!({ "refreshToken": "guess" }),
        _ => return None,
    })
}

fn concrete(path: &str, tenant: &str, user: &str, device: &str) -> String {
    path.replace("{tenantId}", tenant)
        .replace("{userId}", user)
        .replace("{deviceId}", device)
        .replace("{keyId}", "any-key")
}

async fn no_route_reaches_across_tenants_or_past_a_missing_role(app: TestApp) {
    // A second reseller with its own customer and staff.
    let platform: String =
        sqlx::query_scalar("SELECT id FROM tenants WHERE kind = 'platform'").fetch_one(&app.db).await.unwrap();
    for (id, parent, kind, name) in
        [("t-contoso", platform.as_str(), "reseller", "Contoso"), ("t-fabrikam", "t-contoso", "customer", "Fabrikam")]
    {
        sqlx::query("INSERT INTO tenants (id, parent_id, kind, name, created_at) VALUES ($1, $2, $3, $4, '2026-01-01T00:00:00.000Z')")
            .bind(id)
            .bind(parent)
            .bind(kind)
            .bind(name)
            .execute(&app.db)
            .await
            .unwrap();
    }
    sqlx::query(
        "INSERT INTO users (id, tenant_id, display_name, name_key, email, email_key, status, time_zone, service_user, \
         password_hash, created_at, updated_at, version) SELECT 'u-contoso', 't-contoso', 'Carla Contoso', 'carla contoso', \
         'staff@contoso.example', 'staff@contoso.example', 'active', 'UTC', 0, password_hash, created_at, updated_at, 1 \
         FROM users WHERE email_key = 'staff@northwind.example'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO user_roles (user_id, role, tenant_id) VALUES ('u-contoso', 'reseller.admin', 't-contoso')",
    )
    .execute(&app.db)
    .await
    .unwrap();

    let acme = app.tenant_id("Acme Ltd").await;
    let globex = app.tenant_id("Globex").await;
    let globex_user = app.user_id("mindy.simmons@globex.example").await;
    let acme_user = app.user_id("hugo.garcia@acme.example").await;
    let globex_device: String = sqlx::query_scalar("SELECT id FROM devices WHERE tenant_id = $1 LIMIT 1")
        .bind(&globex)
        .fetch_optional(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| "no-device".into());
    let acme_device: String = sqlx::query_scalar("SELECT id FROM devices WHERE tenant_id = $1 LIMIT 1")
        .bind(&acme)
        .fetch_one(&app.db)
        .await
        .unwrap();

    // Both users have a second factor, which a reset let through would remove.
    for user in [&globex_user, &acme_user] {
        sqlx::query("INSERT INTO mfa_totp (user_id, secret, created_at, confirmed_at) VALUES ($1, 'JBSWY3DPEHPK3PXP', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")
            .bind(user)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let acme_admin = app.token("admin@acme.example").await;
    let contoso_staff = app.token("staff@contoso.example").await;
    let acme_agent = app.token("damien.moreau@acme.example").await;
    let before = fingerprint(&app).await;

    let mut checked = 0;
    for (method, route) in route_list() {
        let (method, route) = (method.as_str(), route.as_str());
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        if route.contains("{tenantId}") {
            let into_globex = concrete(route, &globex, &globex_user, &globex_device);
            let globex_body = body(method, route, &globex_device);
            for (who, token) in
                [("another customer's admin", &acme_admin), ("another reseller's staff", &contoso_staff)]
            {
                let status = app.send(m.clone(), &into_globex, token, globex_body.clone(), None).await.status();
                assert_eq!(status, 404, "{who}: {method} {route}");
            }
            let own = concrete(route, &acme, &acme_user, &acme_device);
            let status = app.send(m.clone(), &own, &acme_agent, body(method, route, &acme_device), None).await.status();
            if policy(&m, route) == Some(Access::InReach) {
                assert_eq!(status, 200, "anyone reads their own tenant: {method} {route}");
            } else {
                assert_eq!(status, 403, "a user without the role: {method} {route}");
            }
            let anonymous = app.http.request(m.clone(), format!("{}{}", app.url, own));
            let anonymous = match body(method, route, &acme_device) {
                Some(b) => anonymous.json(&b),
                None => anonymous,
            };
            assert_eq!(anonymous.send().await.unwrap().status(), 401, "no token: {method} {route}");
            checked += 1;
        } else if !route.starts_with("/api/v1/auth/") && route != "/api/v1/openapi.json" {
            let status = app.http.request(m, format!("{}{route}", app.url)).send().await.unwrap().status();
            assert_eq!(status, 401, "no token: {method} {route}");
        }
    }
    assert!(checked >= 12, "every tenant route was tried ({checked})");
    assert_eq!(fingerprint(&app).await, before, "an attempt changed something");
}
