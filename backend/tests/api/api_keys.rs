//! API keys: service users (integrations) authenticate with them and act
//! under their own roles.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    a_service_users_key_acts_under_its_roles_until_revoked,
    keys_are_only_for_service_users_and_only_for_onboarding_admins,
);

async fn a_service_users_key_acts_under_its_roles_until_revoked(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let bot = app.user_id("crm-sync@acme.example").await;
    let keys_path = format!("/api/v1/customers/{acme}/users/{bot}/api-keys");

    let response = app.send(Method::POST, &keys_path, &staff, Some(json!({ "name": " CRM sync " })), None).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    let key = created["key"].as_str().unwrap().to_owned();
    assert_eq!(created["name"], "CRM sync");
    assert!(key.starts_with("sbk_"));
    // Only a hash is stored; the listing never shows the secret.
    let secret = key.rsplit_once('_').unwrap().1;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_keys WHERE secret_hash = $1")
        .bind(secret)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    let listed: Value = app.get(&keys_path, Some(&staff)).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert!(listed["items"][0].get("key").is_none());
    assert!(listed["items"][0]["lastUsedAt"].is_null());

    // The key acts as the service user, under its roles: no user.admin, no user list.
    let users_path = format!("/api/v1/customers/{acme}/users");
    let me: Value = app.get("/api/v1/me", Some(&key)).await.json().await.unwrap();
    assert_eq!(me["user"]["email"], "crm-sync@acme.example");
    assert_problem(app.get(&users_path, Some(&key)).await, 403, "forbidden").await;
    let body = json!({ "addRoles": ["user.admin"] });
    assert_eq!(app.send(Method::PATCH, &format!("{users_path}/{bot}"), &staff, Some(body), None).await.status(), 200);
    assert_eq!(app.get(&users_path, Some(&key)).await.status(), 200);
    let listed: Value = app.get(&keys_path, Some(&staff)).await.json().await.unwrap();
    assert!(listed["items"][0]["lastUsedAt"].is_string(), "last use is recorded");

    // A tampered key, a blocked service user and a revoked key get nothing.
    let tampered = format!("{}x", &key[..key.len() - 1]);
    assert_problem(app.get("/api/v1/me", Some(&tampered)).await, 401, "unauthenticated").await;
    sqlx::query("UPDATE users SET status = 'blocked' WHERE id = $1").bind(&bot).execute(&app.db).await.unwrap();
    assert_problem(app.get("/api/v1/me", Some(&key)).await, 401, "unauthenticated").await;
    sqlx::query("UPDATE users SET status = 'invited' WHERE id = $1").bind(&bot).execute(&app.db).await.unwrap();
    assert_eq!(app.get("/api/v1/me", Some(&key)).await.status(), 200);
    let key_id = created["id"].as_str().unwrap();
    assert_eq!(app.send(Method::DELETE, &format!("{keys_path}/{key_id}"), &staff, None, None).await.status(), 204);
    assert_problem(app.get("/api/v1/me", Some(&key)).await, 401, "unauthenticated").await;
    assert_problem(
        app.send(Method::DELETE, &format!("{keys_path}/{key_id}"), &staff, None, None).await,
        404,
        "not_found",
    )
    .await;
    let trail: Value =
        app.get(&format!("/api/v1/customers/{acme}/audit?userId={bot}"), Some(&staff)).await.json().await.unwrap();
    let actions: Vec<&str> = trail["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["api_key.revoked", "user.updated", "api_key.created"]);
}

async fn keys_are_only_for_service_users_and_only_for_onboarding_admins(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let alice = app.user_id("admin@acme.example").await;
    let bot = app.user_id("crm-sync@acme.example").await;
    let body = Some(json!({ "name": "x" }));
    let person = format!("/api/v1/customers/{acme}/users/{alice}/api-keys");
    assert_problem(app.send(Method::POST, &person, &staff, body.clone(), None).await, 400, "not_a_service_user").await;
    // A user administrator without REST API administrator may not.
    let admin = app.token("admin@acme.example").await;
    let keys = format!("/api/v1/customers/{acme}/users/{bot}/api-keys");
    assert_problem(app.send(Method::POST, &keys, &admin, body.clone(), None).await, 403, "forbidden").await;
    let add = json!({ "addRoles": ["onboarding.admin"] });
    assert_eq!(
        app.send(Method::PATCH, &format!("/api/v1/customers/{acme}/users/{alice}"), &admin, Some(add), None)
            .await
            .status(),
        200
    );
    assert_eq!(app.send(Method::POST, &keys, &admin, body, None).await.status(), 201);
    assert_problem(
        app.send(Method::POST, &keys, &admin, Some(json!({ "name": "  " })), None).await,
        422,
        "invalid_fields",
    )
    .await;
}
