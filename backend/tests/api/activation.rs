//! Activation: the e-mailed link (kept in the outbox) sets a new user's password.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    a_new_user_activates_through_the_link_and_signs_in,
    a_new_link_voids_the_old_one_and_only_invited_people_get_links,
    the_outbox_shows_mail_within_reach,
    the_uc_welcome_mail_links_the_downloads_for_people_with_the_uc_clients,
);

async fn a_new_user_activates_through_the_link_and_signs_in(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let body = json!({ "displayName": "Nina New", "email": "nina@acme.example", "roles": ["customer.user"] });
    let user: Value = app
        .send(Method::POST, &format!("/api/v1/customers/{acme}/users"), &admin, Some(body), None)
        .await
        .json()
        .await
        .unwrap();
    let id = user["id"].as_str().unwrap();
    let send = app
        .send(Method::POST, &format!("/api/v1/customers/{acme}/users/{id}/activation-email"), &admin, None, None)
        .await;
    assert_eq!(send.status(), 202);
    let token = app.activation_token(&admin, "nina@acme.example").await;
    let listed = || async {
        let path = format!("/api/v1/customers/{acme}/users?q=nina");
        let page: Value = app.get(&path, Some(&admin)).await.json().await.unwrap();
        page["items"][0]["status"].clone()
    };
    assert_eq!(listed().await, "invited");

    assert_problem(app.login("nina@acme.example", "a long enough secret").await, 401, "invalid_credentials").await;
    let problem = assert_problem(app.activate_at(&app.url, &token, "password1").await, 422, "invalid_fields").await;
    assert_eq!(problem["fields"][0]["code"], "too_common");
    assert_eq!(app.activate_at(&app.url, &token, "a long enough secret").await.status(), 204);
    assert_eq!(app.login("nina@acme.example", "a long enough secret").await.status(), 200);
    // The link works once.
    assert_problem(app.activate_at(&app.url, &token, "another long secret").await, 400, "invalid_activation_token")
        .await;
    let user: Value =
        app.get(&format!("/api/v1/customers/{acme}/users/{id}"), Some(&admin)).await.json().await.unwrap();
    assert_eq!(user["status"], "active");
    assert_eq!(listed().await, "active", "the list shows the activation at once");
}

async fn a_new_link_voids_the_old_one_and_only_invited_people_get_links(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let gaelle = app.user_id("gaelle.michel@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{gaelle}/activation-email");
    assert_eq!(app.send(Method::POST, &path, &admin, None, None).await.status(), 202);
    let first = app.activation_token(&admin, "gaelle.michel@acme.example").await;
    assert_eq!(app.send(Method::POST, &path, &admin, None, None).await.status(), 202);
    let second = app.activation_token(&admin, "gaelle.michel@acme.example").await;
    assert_ne!(first, second);
    assert_problem(app.activate_at(&app.url, &first, "a long enough secret").await, 400, "invalid_activation_token")
        .await;
    // An expired link is refused too.
    sqlx::query("UPDATE activation_tokens SET expires_at = '2000-01-01T00:00:00.000Z'").execute(&app.db).await.unwrap();
    assert_problem(app.activate_at(&app.url, &second, "a long enough secret").await, 400, "invalid_activation_token")
        .await;

    for email in ["admin2@acme.example", "crm-sync@acme.example"] {
        let id = app.user_id(email).await;
        let path = format!("/api/v1/customers/{acme}/users/{id}/activation-email");
        assert_problem(app.send(Method::POST, &path, &admin, None, None).await, 422, "invalid_fields").await;
    }
}

async fn the_outbox_shows_mail_within_reach(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let gaelle = app.user_id("gaelle.michel@acme.example").await;
    app.send(Method::POST, &format!("/api/v1/customers/{acme}/users/{gaelle}/activation-email"), &admin, None, None)
        .await;
    let mine: Value = app.get("/api/v1/outbox", Some(&admin)).await.json().await.unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["subject"], "Activez votre compte Switchboard", "in the French user's language");
    let globex_admin = app.token("admin@globex.example").await;
    let theirs: Value = app.get("/api/v1/outbox", Some(&globex_admin)).await.json().await.unwrap();
    assert_eq!(theirs, json!([]), "another customer sees none of it");
    let staff = app.token("staff@northwind.example").await;
    let reseller: Value = app.get("/api/v1/outbox", Some(&staff)).await.json().await.unwrap();
    assert_eq!(reseller.as_array().unwrap().len(), 1, "the reseller's staff see their customers' mail");
    let agent = app.token("damien.moreau@acme.example").await;
    assert_problem(app.get("/api/v1/outbox", Some(&agent)).await, 403, "forbidden").await;
}

async fn the_uc_welcome_mail_links_the_downloads_for_people_with_the_uc_clients(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let path = |id: &str| format!("/api/v1/customers/{acme}/users/{id}/uc-welcome-email");
    let damien = app.user_id("damien.moreau@acme.example").await;
    assert_eq!(app.send(Method::POST, &path(&damien), &admin, None, None).await.status(), 202);
    let mail: Value = app.get("/api/v1/outbox?to=damien.moreau@acme.example", Some(&admin)).await.json().await.unwrap();
    assert_eq!(mail[0]["delivery"], "stored", "no mail server: kept in the outbox");
    assert_eq!(mail[0]["kind"], "uc_welcome");
    assert_eq!(mail[0]["subject"], "Bienvenue dans vos clients UC", "in the French user's language");
    let body = mail[0]["body"].as_str().unwrap();
    assert!(body.contains(&format!("{}/downloads/uc", app.url)), "the downloads are linked: {body}");
    assert!(body.contains("Damien Moreau") && body.contains("Acme Ltd"), "{body}");
    let trail: Value =
        app.get(&format!("/api/v1/customers/{acme}/audit?userId={damien}"), Some(&admin)).await.json().await.unwrap();
    assert_eq!(trail["items"][0]["action"], "user.uc_welcome_sent");

    // No UC role (an administrator), or blocked (Julien): refused, nothing sent.
    let alice = app.user_id("admin@acme.example").await;
    let refused =
        assert_problem(app.send(Method::POST, &path(&alice), &admin, None, None).await, 422, "invalid_fields");
    assert_eq!(refused.await["fields"][0]["code"], "no_uc_role");
    let julien = app.user_id("julien.petit@acme.example").await;
    let refused =
        assert_problem(app.send(Method::POST, &path(&julien), &admin, None, None).await, 422, "invalid_fields");
    assert_eq!(refused.await["fields"][0]["code"], "blocked");
    let all: Value = app.get("/api/v1/outbox", Some(&admin)).await.json().await.unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1, "only Damien's mail: {all}");

    // Not across tenants: another customer's admin gets 404.
    let globex_admin = app.token("admin@globex.example").await;
    assert_problem(app.send(Method::POST, &path(&damien), &globex_admin, None, None).await, 404, "not_found").await;
}
