//! Parent users: the staff of a reseller and of the platform, shown in the
//! tenants below them with `isParent: true`, and changed only in their own.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    staff_of_the_tenants_above_are_listed_as_parent_users,
    parent_users_cannot_be_changed_from_below,
    a_change_to_a_parent_user_shows_below_at_once,
);

async fn acme_names(app: &TestApp, token: &str, query: &str) -> Vec<(String, bool)> {
    let acme = app.tenant_id("Acme Ltd").await;
    let page: Value =
        app.get(&format!("/api/v1/customers/{acme}/users?limit=200{query}"), Some(token)).await.json().await.unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["displayName"].as_str().unwrap().to_owned(), u["isParent"].as_bool().unwrap()))
        .collect()
}

async fn staff_of_the_tenants_above_are_listed_as_parent_users(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let parents: Vec<String> =
        acme_names(&app, &admin, "").await.into_iter().filter(|(_, parent)| *parent).map(|(n, _)| n).collect();
    assert_eq!(parents, ["Olivia Operator", "Sam Staff"]);

    // Search, role and status filters apply to them as to anyone.
    assert_eq!(acme_names(&app, &admin, "&q=staff").await, [("Sam Staff".to_owned(), true)]);
    assert_eq!(acme_names(&app, &admin, "&role=platform.admin").await, [("Olivia Operator".to_owned(), true)]);
    assert!(acme_names(&app, &admin, "&status=invited").await.iter().all(|(_, parent)| !parent));

    // Read one by one as well, seen from the customer.
    let acme = app.tenant_id("Acme Ltd").await;
    let sam = app.user_id("staff@northwind.example").await;
    let one: Value =
        app.get(&format!("/api/v1/customers/{acme}/users/{sam}"), Some(&admin)).await.json().await.unwrap();
    assert_eq!(
        (one["isParent"].clone(), one["primaryTenant"].clone()),
        (json!(true), json!(app.tenant_id("Northwind Telecom").await))
    );

    // In their own tenant they are no parents; the platform's staff are Northwind's parents.
    let operator = app.token("ops@switchboard.example").await;
    let northwind = app.tenant_id("Northwind Telecom").await;
    let page: Value =
        app.get(&format!("/api/v1/customers/{northwind}/users"), Some(&operator)).await.json().await.unwrap();
    let seen: Vec<(&str, bool)> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["displayName"].as_str().unwrap(), u["isParent"].as_bool().unwrap()))
        .collect();
    assert_eq!(seen, [("Olivia Operator", true), ("Sam Staff", false)]);

    // A person of the reseller without the staff role is nobody's parent.
    sqlx::query("DELETE FROM user_roles WHERE role = 'reseller.admin'").execute(&app.db).await.unwrap();
    sqlx::query("UPDATE tenants SET generation = generation + 1").execute(&app.db).await.unwrap();
    let parents: Vec<String> =
        acme_names(&app, &admin, "").await.into_iter().filter(|(_, parent)| *parent).map(|(n, _)| n).collect();
    assert_eq!(parents, ["Olivia Operator"]);
    assert_problem(app.get(&format!("/api/v1/customers/{acme}/users/{sam}"), Some(&admin)).await, 404, "not_found")
        .await;
}

async fn parent_users_cannot_be_changed_from_below(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let sam = app.user_id("staff@northwind.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{sam}");
    let before = app.users_fingerprint().await;
    // Neither the customer's admin nor the staff acting in the customer.
    for who in ["admin@acme.example", "ops@switchboard.example"] {
        let token = app.token(who).await;
        let rename = app.send(Method::PATCH, &path, &token, Some(json!({ "displayName": "Renamed" })), None).await;
        assert_problem(rename, 403, "parent_user").await;
        let block = app.send(Method::PATCH, &path, &token, Some(json!({ "status": "blocked" })), None).await;
        assert_problem(block, 403, "parent_user").await;
        assert_problem(app.send(Method::DELETE, &path, &token, None, None).await, 403, "parent_user").await;
        let devices = format!("{path}/devices");
        let unassign = app.send(Method::PUT, &devices, &token, Some(json!({ "deviceIds": [] })), None).await;
        assert_problem(unassign, 403, "parent_user").await;
        let mail = app.send(Method::POST, &format!("{path}/activation-email"), &token, None, None).await;
        assert_problem(mail, 403, "parent_user").await;
    }
    assert_eq!(app.users_fingerprint().await, before, "nothing changed");

    // Where they belong, they are changed as anyone is.
    let northwind = app.tenant_id("Northwind Telecom").await;
    let operator = app.token("ops@switchboard.example").await;
    let own = format!("/api/v1/customers/{northwind}/users/{sam}");
    let rename = app.send(Method::PATCH, &own, &operator, Some(json!({ "displayName": "Sam Renamed" })), None).await;
    assert_eq!(rename.status(), 200);
}

async fn a_change_to_a_parent_user_shows_below_at_once(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    assert!(acme_names(&app, &admin, "").await.contains(&("Sam Staff".to_owned(), true)));
    let northwind = app.tenant_id("Northwind Telecom").await;
    let sam = app.user_id("staff@northwind.example").await;
    let operator = app.token("ops@switchboard.example").await;
    let own = format!("/api/v1/customers/{northwind}/users/{sam}");
    let rename = app.send(Method::PATCH, &own, &operator, Some(json!({ "displayName": "Samantha Staff" })), None).await;
    assert_eq!(rename.status(), 200, "{}", rename.text().await.unwrap());
    // The customer's cached page is keyed by the reseller's generation too.
    let names = acme_names(&app, &admin, "").await;
    assert!(names.contains(&("Samantha Staff".to_owned(), true)), "{names:?}");
    assert!(!names.iter().any(|(n, _)| n == "Sam Staff"));
}
