//! Activation: the e-mailed link (kept in the outbox) sets a new user's password.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    a_new_user_activates_through_the_link_and_signs_in,
    a_new_link_voids_the_old_one_and_only_invited_people_get_links,
    the_outbox_shows_mail_within_reach,
    the_uc_welcome_mail_links_the_downloads_for_people_with_the_uc_clients,
    one_link_followed_many_times_at_once_activates_once,
    blocking_or_readdressing_a_user_voids_their_link,
    an_activation_racing_a_block_or_an_edit_keeps_both_outcomes,
);

/// A new invited user of Acme and the link mailed to them: (id, token).
async fn invited(app: &TestApp, admin: &str, email: &str) -> (String, String) {
    let acme = app.tenant_id("Acme Ltd").await;
    let body = json!({ "displayName": email, "email": email, "roles": ["customer.user"] });
    let created = app.send(Method::POST, &format!("/api/v1/customers/{acme}/users"), admin, Some(body), None).await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/customers/{acme}/users/{id}/activation-email");
    assert_eq!(app.send(Method::POST, &path, admin, None, None).await.status(), 202);
    (id, app.activation_token(admin, email).await)
}

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
    assert!(body.contains(&format!("{}/downloads/uc", app.public_url)), "the downloads are linked: {body}");
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

async fn one_link_followed_many_times_at_once_activates_once(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let (_, token) = invited(&app, &admin, "twice@acme.example").await;
    let mut tries = tokio::task::JoinSet::new();
    for i in 0..8 {
        let (http, url, token) = (app.http.clone(), app.url.clone(), token.clone());
        tries.spawn(async move {
            let password = format!("a long enough secret {i}");
            let body = json!({ "token": token, "password": password });
            let status = http.post(format!("{url}/api/v1/auth/activate")).json(&body).send().await.unwrap().status();
            (status.as_u16(), password)
        });
    }
    let outcomes = tries.join_all().await;
    let won: Vec<_> = outcomes.iter().filter(|(status, _)| *status == 204).collect();
    assert_eq!(won.len(), 1, "{outcomes:?}");
    assert!(outcomes.iter().all(|(status, _)| [204, 400].contains(status)), "{outcomes:?}");
    // The password set is the winner's (one loser's is tried: more would hit the sign-in throttle).
    assert_eq!(app.login("twice@acme.example", &won[0].1).await.status(), 200);
    let lost = outcomes.iter().find(|(status, _)| *status == 400).unwrap();
    assert_eq!(app.login("twice@acme.example", &lost.1).await.status(), 401);
}

async fn blocking_or_readdressing_a_user_voids_their_link(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let (id, token) = invited(&app, &admin, "leaver@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{id}");
    for status in ["blocked", "active"] {
        let patched = app.send(Method::PATCH, &path, &admin, Some(json!({ "status": status })), None).await;
        assert_eq!(patched.status(), 200);
    }
    assert_eq!(app.get(&path, Some(&admin)).await.json::<Value>().await.unwrap()["status"], "invited");
    // Unblocked, they are invited again, but the link sent before the block is void.
    assert_problem(app.activate_at(&app.url, &token, "a long enough secret").await, 400, "invalid_activation_token")
        .await;

    let (id, token) = invited(&app, &admin, "old.address@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{id}");
    let moved = json!({ "email": "new.address@acme.example" });
    assert_eq!(app.send(Method::PATCH, &path, &admin, Some(moved), None).await.status(), 200);
    // Whoever reads the old mailbox cannot take the account.
    assert_problem(app.activate_at(&app.url, &token, "a long enough secret").await, 400, "invalid_activation_token")
        .await;
    assert_problem(app.login("new.address@acme.example", "a long enough secret").await, 401, "invalid_credentials")
        .await;
    // Other changes leave the link alone.
    let (id, token) = invited(&app, &admin, "renamed@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{id}");
    let renamed = json!({ "displayName": "Renamed Person" });
    assert_eq!(app.send(Method::PATCH, &path, &admin, Some(renamed), None).await.status(), 200);
    assert_eq!(app.activate_at(&app.url, &token, "a long enough secret").await.status(), 204);
}

/// Each user's link is followed while an administrator blocks or renames
/// them: a blocked user never ends up active, and a rename never undoes an
/// activation (nor the other way round).
async fn an_activation_racing_a_block_or_an_edit_keeps_both_outcomes(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let mut people = Vec::new();
    for i in 0..12 {
        let (id, token) = invited(&app, &admin, &format!("racer{i}@acme.example")).await;
        people.push((i, id, token));
    }
    let mut races = tokio::task::JoinSet::new();
    for (i, id, token) in people {
        let (http, url, admin) = (app.http.clone(), app.url.clone(), admin.clone());
        let path = format!("{url}/api/v1/customers/{acme}/users/{id}");
        let blocks = i % 2 == 0;
        races.spawn(async move {
            let activation = json!({ "token": token, "password": "a long enough secret" });
            let patch =
                if blocks { json!({ "status": "blocked" }) } else { json!({ "displayName": format!("Racer {i}") }) };
            let (activated, patched) = tokio::join!(
                http.post(format!("{url}/api/v1/auth/activate")).json(&activation).send(),
                http.patch(&path).bearer_auth(&admin).json(&patch).send(),
            );
            assert_eq!(patched.unwrap().status(), 200);
            let activated = activated.unwrap().status().as_u16();
            let user: Value = http.get(&path).bearer_auth(&admin).send().await.unwrap().json().await.unwrap();
            (i, blocks, activated, user)
        });
    }
    for (i, blocks, activated, user) in races.join_all().await {
        if blocks {
            assert_eq!(user["status"], "blocked", "racer {i} (activation answered {activated})");
        } else {
            assert_eq!(activated, 204, "racer {i}");
            assert_eq!(user["status"], "active", "racer {i}: the rename kept the activation");
            assert_eq!(user["displayName"], format!("Racer {i}"), "racer {i}: the activation kept the rename");
        }
    }
}
