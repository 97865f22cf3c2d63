//! Step-up: granting administrator or staff roles, creating API keys,
//! changing an MFA policy or a PBX connection need the person to have proved
//! who they are in the last five minutes; `POST /auth/reauthenticate` (the
//! password, and the second factor if they have one) renews it.

use reqwest::Method;
use serde_json::{json, Value};

use crate::{
    common::{assert_problem, on_both_databases, TestApp, PASSWORD},
    mfa::{code, enrol, step_now, EMAIL},
};

on_both_databases!(
    sensitive_changes_need_a_recent_authentication_which_the_password_renews,
    staff_are_asked_too_and_api_keys_never,
    with_a_second_factor_renewing_takes_a_code_too,
);

/// The person's sessions authenticated long ago.
async fn age(app: &TestApp, email: &str) {
    sqlx::query(
        "UPDATE sessions SET authenticated_at = $2 WHERE user_id = (SELECT id FROM users WHERE email_key = $1)",
    )
    .bind(email)
    .bind("2026-01-01T00:00:00.000Z")
    .execute(&app.db)
    .await
    .unwrap();
}

async fn reauthenticate(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.send(Method::POST, "/api/v1/auth/reauthenticate", token, Some(body), None).await
}

async fn sensitive_changes_need_a_recent_authentication_which_the_password_renews(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let damien = format!("/api/v1/customers/{acme}/users/{}", app.user_id("damien.moreau@acme.example").await);
    let grant = |role: &str| json!({ "addRoles": [role] });
    // Signed in just now: no question asked.
    assert_eq!(app.send(Method::PATCH, &damien, &token, Some(grant("user.admin")), None).await.status(), 200);
    let ungrant = json!({ "removeRoles": ["user.admin"] });
    assert_eq!(app.send(Method::PATCH, &damien, &token, Some(ungrant), None).await.status(), 200);

    age(&app, "admin@acme.example").await;
    let before = app.users_fingerprint().await;
    let refused = app.send(Method::PATCH, &damien, &token, Some(grant("user.admin")), None).await;
    assert_problem(refused, 401, "reauthentication_required").await;
    let created = json!({ "displayName": "New Admin", "email": "new.admin@acme.example", "roles": ["customer.user", "user.admin"] });
    let refused = app.send(Method::POST, &format!("/api/v1/customers/{acme}/users"), &token, Some(created), None).await;
    assert_problem(refused, 401, "reauthentication_required").await;
    let policy = json!({ "policy": "required" });
    let refused =
        app.send(Method::PUT, &format!("/api/v1/tenants/{acme}/mfa-policy"), &token, Some(policy), None).await;
    assert_problem(refused, 401, "reauthentication_required").await;
    let settings = json!({ "settings": { "mfa": "required" } });
    let refused = app.send(Method::PATCH, &format!("/api/v1/customers/{acme}"), &token, Some(settings), None).await;
    assert_problem(refused, 401, "reauthentication_required").await;
    assert_eq!(app.users_fingerprint().await, before, "nothing changed");
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT mfa_policy FROM tenants").fetch_all(&app.db).await.unwrap();
    assert_eq!(stored, ["optional"]);
    // What gives no power needs nothing more, and the session still works.
    assert_eq!(app.send(Method::PATCH, &damien, &token, Some(grant("pbx.silentmonitor")), None).await.status(), 200);

    let wrong = reauthenticate(&app, &token, json!({ "password": "not it" })).await;
    assert_problem(wrong, 403, "wrong_password").await;
    let refused = app.send(Method::PATCH, &damien, &token, Some(grant("user.admin")), None).await;
    assert_problem(refused, 401, "reauthentication_required").await;
    assert_eq!(reauthenticate(&app, &token, json!({ "password": PASSWORD })).await.status(), 204);
    assert_eq!(app.send(Method::PATCH, &damien, &token, Some(grant("user.admin")), None).await.status(), 200);
    let policy = json!({ "policy": "required" });
    let set = app.send(Method::PUT, &format!("/api/v1/tenants/{acme}/mfa-policy"), &token, Some(policy), None).await;
    assert_eq!(set.status(), 200);
}

async fn staff_are_asked_too_and_api_keys_never(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let bot = app.user_id("crm-sync@acme.example").await;
    let keys = format!("/api/v1/customers/{acme}/users/{bot}/api-keys");
    age(&app, "staff@northwind.example").await;
    let refused = app.send(Method::POST, &keys, &staff, Some(json!({ "name": "sync" })), None).await;
    assert_problem(refused, 401, "reauthentication_required").await;
    let pbx =
        json!({ "pbx": { "kind": "kazoo", "baseUrl": "https://pbx.example.net", "accountId": "a1", "secret": "k" } });
    let refused = app.send(Method::PATCH, &format!("/api/v1/customers/{acme}"), &staff, Some(pbx), None).await;
    assert_problem(refused, 401, "reauthentication_required").await;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_keys").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0);

    assert_eq!(reauthenticate(&app, &staff, json!({ "password": PASSWORD })).await.status(), 204);
    let key: Value =
        app.send(Method::POST, &keys, &staff, Some(json!({ "name": "sync" })), None).await.json().await.unwrap();
    let key = key["key"].as_str().unwrap().to_owned();
    let grant = json!({ "addRoles": ["user.admin"] });
    assert_eq!(
        app.send(Method::PATCH, &format!("/api/v1/customers/{acme}/users/{bot}"), &staff, Some(grant.clone()), None)
            .await
            .status(),
        200
    );
    // A machine credential has no password to give again: never asked.
    let damien = format!("/api/v1/customers/{acme}/users/{}", app.user_id("damien.moreau@acme.example").await);
    assert_eq!(app.send(Method::PATCH, &damien, &key, Some(grant), None).await.status(), 200);
    let refused = reauthenticate(&app, &key, json!({ "password": PASSWORD })).await;
    assert_problem(refused, 403, "forbidden").await;
}

async fn with_a_second_factor_renewing_takes_a_code_too(app: TestApp) {
    let token = app.token(EMAIL).await;
    let (secret, recovery) = enrol(&app, &token).await;
    age(&app, EMAIL).await;
    let acme = app.tenant_id("Acme Ltd").await;
    let damien = format!("/api/v1/customers/{acme}/users/{}", app.user_id("damien.moreau@acme.example").await);
    let grant = json!({ "addRoles": ["user.admin"] });

    let refused = reauthenticate(&app, &token, json!({ "password": PASSWORD })).await;
    let refused = assert_problem(refused, 422, "invalid_fields").await;
    assert_eq!(
        (refused["fields"][0]["field"].as_str(), refused["fields"][0]["code"].as_str()),
        (Some("code"), Some("required"))
    );
    let wrong = format!("{:06}", (code(&secret, step_now() + 1).parse::<u32>().unwrap() + 1) % 1_000_000);
    let refused = reauthenticate(&app, &token, json!({ "password": PASSWORD, "code": wrong })).await;
    let refused = assert_problem(refused, 422, "invalid_fields").await;
    assert_eq!(refused["fields"][0]["code"], "invalid_code");
    assert_problem(
        app.send(Method::PATCH, &damien, &token, Some(grant.clone()), None).await,
        401,
        "reauthentication_required",
    )
    .await;

    // The enrolment used this step's code: the next one, typed a little early.
    let renewed =
        reauthenticate(&app, &token, json!({ "password": PASSWORD, "code": code(&secret, step_now() + 1) })).await;
    assert_eq!(renewed.status(), 204);
    assert_eq!(app.send(Method::PATCH, &damien, &token, Some(grant), None).await.status(), 200);
    // A recovery code does too, once.
    age(&app, EMAIL).await;
    let body = json!({ "password": PASSWORD, "recoveryCode": recovery[0] });
    assert_eq!(reauthenticate(&app, &token, body.clone()).await.status(), 204);
    assert_problem(reauthenticate(&app, &token, body).await, 422, "invalid_fields").await;
    // Racing confirmations with one recovery code: it serves one of them.
    let body = json!({ "password": PASSWORD, "recoveryCode": recovery[1] });
    let answers = futures::future::join_all((0..3).map(|_| reauthenticate(&app, &token, body.clone()))).await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 204).count(), 1, "{statuses:?}");
}
