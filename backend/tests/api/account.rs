//! A person's own account: a forgotten password reset by mailed link, a
//! password changed, the profile.

use std::time::Duration;

use futures::future::join_all;
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp, PASSWORD};

on_both_databases!(
    a_reset_is_answered_alike_for_every_address_and_mailed_only_to_people_who_sign_in,
    a_reset_link_works_once_within_its_hour_and_ends_every_session,
    a_newer_reset_link_voids_the_older_and_racing_confirmations_spend_it_once,
    reset_requests_are_throttled_per_address_and_per_email,
    changing_ones_password_needs_the_current_one_and_ends_the_other_sessions,
    people_change_their_name_language_and_time_zone_and_nothing_else,
);

async fn ask_reset(app: &TestApp, email: &str) -> reqwest::Response {
    app.http
        .post(format!("{}/api/v1/auth/password-reset", app.url))
        .json(&json!({ "email": email }))
        .send()
        .await
        .unwrap()
}

async fn confirm(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.http
        .post(format!("{}/api/v1/auth/password-reset/confirm", app.url))
        .json(&json!({ "token": token, "password": password }))
        .send()
        .await
        .unwrap()
}

async fn reset_mails(app: &TestApp, to: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM outbox WHERE to_address = $1 AND kind = 'password_reset' ORDER BY id")
        .bind(to)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// The tokens of the reset mails to `to`, oldest first, once there are `n`
/// (requests are handled after the answer, one at a time, in order).
async fn reset_tokens(app: &TestApp, to: &str, n: usize) -> Vec<String> {
    for _ in 0..200 {
        let mails = reset_mails(app, to).await;
        if mails.len() >= n {
            return mails
                .iter()
                .map(|body| {
                    let link = body.lines().find(|l| l.contains("/reset-password?token=")).expect("a reset link");
                    assert!(link.starts_with(&app.public_url), "the link points at this portal: {link}");
                    link.split("token=").nth(1).unwrap().trim().to_owned()
                })
                .collect();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{n} reset mails to {to} never came");
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> (String, String) {
    let response = app.login(email, password).await;
    assert_eq!(response.status(), 200, "sign-in of {email}");
    let body: Value = response.json().await.unwrap();
    (body["accessToken"].as_str().unwrap().to_owned(), body["refreshToken"].as_str().unwrap().to_owned())
}

async fn refresh_status(app: &TestApp, refresh: &str) -> u16 {
    let url = format!("{}/api/v1/auth/refresh", app.url);
    app.http.post(url).json(&json!({ "refreshToken": refresh })).send().await.unwrap().status().as_u16()
}

async fn audited(app: &TestApp, action: &str, email: &str) -> Vec<Value> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT a.changes FROM audit_events a JOIN users u ON u.id = a.user_id WHERE a.action = $1 AND u.email_key = $2",
    )
    .bind(action)
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap();
    rows.iter().map(|c| serde_json::from_str(c).unwrap()).collect()
}

async fn a_reset_is_answered_alike_for_every_address_and_mailed_only_to_people_who_sign_in(app: TestApp) {
    let nobody = [
        "nobody@acme.example",          // unknown
        "julien.petit@acme.example",    // blocked
        "gaelle.michel@acme.example",   // invited
        "crm-sync@acme.example",        // a service user
        "bad\u{1}control@acme.example", // no login holds one
    ];
    let mut answers = Vec::new();
    for email in nobody.iter().chain(["admin2@acme.example"].iter()) {
        let response = ask_reset(&app, email).await;
        answers.push((response.status().as_u16(), response.text().await.unwrap()));
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    assert_eq!(answers[0].0, 202);
    // The known person's mail comes, in their language, after the others were looked at.
    reset_tokens(&app, "admin2@acme.example", 1).await;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'password_reset'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(total, 1, "nobody else was sent anything");
    let (subject, html): (String, String) =
        sqlx::query_as("SELECT subject, html FROM outbox WHERE kind = 'password_reset'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(subject.contains("Switchboard") && html.contains("/reset-password?token="), "{subject} {html}");
    // Only the token's hash is kept.
    let token = &reset_tokens(&app, "admin2@acme.example", 1).await[0];
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activation_tokens WHERE token_hash = $1")
        .bind(token)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept, 0);
    // Longer than any address: nobody's, refused as such.
    let long = format!("{}@acme.example", "a".repeat(200));
    assert_eq!(
        assert_problem(ask_reset(&app, &long).await, 422, "invalid_fields").await["fields"][0]["field"],
        "email"
    );
    // Unreadable requests change nothing and say why.
    let response =
        app.http.post(format!("{}/api/v1/auth/password-reset", app.url)).json(&json!({})).send().await.unwrap();
    assert_problem(response, 400, "invalid_body").await;
}

async fn a_reset_link_works_once_within_its_hour_and_ends_every_session(app: TestApp) {
    let email = "admin2@acme.example";
    let (access_a, _) = sign_in(&app, email, PASSWORD).await;
    let (_, refresh_b) = sign_in(&app, email, PASSWORD).await;
    assert_eq!(ask_reset(&app, email).await.status(), 202);
    let token = reset_tokens(&app, email, 1).await.remove(0);
    // The password policy holds; nothing is spent by a refused password.
    let weak = assert_problem(confirm(&app, &token, "password").await, 422, "invalid_fields").await;
    assert_eq!(weak["fields"][0]["field"], "password");
    assert_eq!(confirm(&app, &token, "a brand new passphrase").await.status(), 204);
    // Every session ended at once: an access token at its next request, a refresh token too.
    assert_problem(app.get("/api/v1/me", Some(&access_a)).await, 401, "unauthenticated").await;
    assert_eq!(refresh_status(&app, &refresh_b).await, 401);
    // The new password signs in; the old one does not; the link is spent.
    sign_in(&app, email, "a brand new passphrase").await;
    assert_problem(app.login(email, PASSWORD).await, 401, "invalid_credentials").await;
    assert_problem(confirm(&app, &token, "yet another passphrase").await, 400, "invalid_reset_token").await;
    assert_eq!(audited(&app, "user.password_reset", email).await, vec![json!({ "sessionsEnded": 2 })]);
    // A link past its hour, and one made up, do nothing.
    assert_eq!(ask_reset(&app, email).await.status(), 202);
    let late = reset_tokens(&app, email, 2).await.remove(1);
    sqlx::query("UPDATE activation_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE purpose = 'reset'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_problem(confirm(&app, &late, "yet another passphrase").await, 400, "invalid_reset_token").await;
    assert_problem(confirm(&app, "made-up", "yet another passphrase").await, 400, "invalid_reset_token").await;
    // A reset link is no activation link, nor the reverse.
    let admin = app.token("admin@acme.example").await;
    let (acme, gaelle) = (app.tenant_id("Acme Ltd").await, app.user_id("gaelle.michel@acme.example").await);
    let send = format!("/api/v1/customers/{acme}/users/{gaelle}/activation-email");
    assert_eq!(app.send(Method::POST, &send, &admin, None, None).await.status(), 202);
    let activation = app.activation_token(&admin, "gaelle.michel@acme.example").await;
    assert_problem(confirm(&app, &activation, "yet another passphrase").await, 400, "invalid_reset_token").await;
    sign_in(&app, email, "a brand new passphrase").await;
}

async fn a_newer_reset_link_voids_the_older_and_racing_confirmations_spend_it_once(app: TestApp) {
    let email = "admin3@acme.example";
    assert_eq!(ask_reset(&app, email).await.status(), 202);
    assert_eq!(ask_reset(&app, email).await.status(), 202);
    let tokens = reset_tokens(&app, email, 2).await;
    assert_problem(confirm(&app, &tokens[0], "a brand new passphrase").await, 400, "invalid_reset_token").await;
    let racing = (0..6).map(|i| {
        let (app, token) = (&app, tokens[1].clone());
        async move { confirm(app, &token, &format!("racing passphrase {i}")).await.status().as_u16() }
    });
    let mut statuses = join_all(racing).await;
    statuses.sort_unstable();
    assert_eq!(statuses, vec![204, 400, 400, 400, 400, 400], "one confirmation sets the password");
    assert_eq!(audited(&app, "user.password_reset", email).await.len(), 1);
    // Blocking voids a link that was mailed.
    assert_eq!(ask_reset(&app, email).await.status(), 202);
    let pending = reset_tokens(&app, email, 3).await.remove(2);
    let admin = app.token("admin@acme.example").await;
    let (acme, id) = (app.tenant_id("Acme Ltd").await, app.user_id(email).await);
    let path = format!("/api/v1/customers/{acme}/users/{id}");
    let blocked = app.send(Method::PATCH, &path, &admin, Some(json!({ "status": "blocked" })), None).await;
    assert_eq!(blocked.status(), 200);
    assert_problem(confirm(&app, &pending, "a brand new passphrase").await, 400, "invalid_reset_token").await;
}

async fn reset_requests_are_throttled_per_address_and_per_email(app: TestApp) {
    // Per e-mail: three mails in a window, and the fourth request is
    // answered the same way, sending nothing.
    for _ in 0..4 {
        assert_eq!(ask_reset(&app, "admin3@acme.example").await.status(), 202);
    }
    assert_eq!(ask_reset(&app, "admin@acme.example").await.status(), 202);
    reset_tokens(&app, "admin@acme.example", 1).await;
    assert_eq!(reset_mails(&app, "admin3@acme.example").await.len(), 3);
    // Per address: ten requests in a window, however many arrive at once.
    let racing = (0..20).map(|i| {
        let app = &app;
        async move { ask_reset(app, &format!("someone{i}@acme.example")).await }
    });
    let answers = join_all(racing).await;
    let accepted = answers.iter().filter(|r| r.status() == 202).count();
    assert_eq!(accepted, 5, "ten per address, five of them spent above");
    let refused = answers.into_iter().find(|r| r.status() == 429).unwrap();
    let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    assert_problem(refused, 429, "too_many_attempts").await;
}

async fn change_password(app: &TestApp, access: &str, current: &str, new: &str) -> reqwest::Response {
    let body = json!({ "currentPassword": current, "newPassword": new });
    app.send(Method::POST, "/api/v1/me/password", access, Some(body), None).await
}

async fn changing_ones_password_needs_the_current_one_and_ends_the_other_sessions(app: TestApp) {
    let email = "admin3@acme.example";
    let (access_a, refresh_a) = sign_in(&app, email, PASSWORD).await;
    let (access_b, refresh_b) = sign_in(&app, email, PASSWORD).await;
    assert_problem(change_password(&app, &access_a, "wrong", "a brand new passphrase").await, 403, "wrong_password")
        .await;
    let weak =
        assert_problem(change_password(&app, &access_a, PASSWORD, "password").await, 422, "invalid_fields").await;
    assert_eq!(weak["fields"][0]["field"], "newPassword");
    assert_eq!(change_password(&app, &access_a, PASSWORD, "a brand new passphrase").await.status(), 204);
    // This session goes on; the other ended at once.
    assert_eq!(app.get("/api/v1/me", Some(&access_a)).await.status(), 200);
    assert_eq!(refresh_status(&app, &refresh_a).await, 200);
    assert_problem(app.get("/api/v1/me", Some(&access_b)).await, 401, "unauthenticated").await;
    assert_eq!(refresh_status(&app, &refresh_b).await, 401);
    sign_in(&app, email, "a brand new passphrase").await;
    assert_problem(app.login(email, PASSWORD).await, 401, "invalid_credentials").await;
    assert_eq!(audited(&app, "user.password_changed", email).await, vec![json!({ "sessionsEnded": 1 })]);
    // Wrong current passwords are throttled like sign-ins, even when they race.
    let guesses = (0..8).map(|i| {
        let (app, access) = (&app, access_a.clone());
        async move { change_password(app, &access, &format!("guess {i}"), "another passphrase").await.status().as_u16() }
    });
    let statuses = join_all(guesses).await;
    // One wrong guess above, so four more may be checked.
    assert_eq!(statuses.iter().filter(|s| **s == 403).count(), 4, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 4, "{statuses:?}");
}

async fn people_change_their_name_language_and_time_zone_and_nothing_else(app: TestApp) {
    // Someone who manages nobody: their own profile is theirs.
    let email = "damien.moreau@acme.example";
    let access = app.token(email).await;
    let profile: Value = app.get("/api/v1/me/profile", Some(&access)).await.json().await.unwrap();
    assert_eq!(profile["displayName"], "Damien Moreau");
    let before = app.users_fingerprint().await;
    for refused in [json!({ "email": "x@acme.example" }), json!({ "roles": [] }), json!({ "status": "blocked" })] {
        let response = app.send(Method::PATCH, "/api/v1/me/profile", &access, Some(refused), None).await;
        assert_problem(response, 400, "invalid_body").await;
    }
    let bad = json!({ "displayName": " ", "timeZone": "Not a zone!" });
    let response = app.send(Method::PATCH, "/api/v1/me/profile", &access, Some(bad), None).await;
    let problem = assert_problem(response, 422, "invalid_fields").await;
    let fields: Vec<&str> =
        problem["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["displayName", "timeZone"]);
    assert_eq!(app.users_fingerprint().await, before, "refusals change nothing");
    let change = json!({ "displayName": "Damien M.", "language": "FR", "timeZone": "Europe/Paris" });
    let response = app.send(Method::PATCH, "/api/v1/me/profile", &access, Some(change), None).await;
    assert_eq!(response.status(), 200);
    let profile: Value = response.json().await.unwrap();
    assert_eq!(profile, json!({ "displayName": "Damien M.", "language": "fr", "timeZone": "Europe/Paris" }));
    let me: Value = app.get("/api/v1/me", Some(&access)).await.json().await.unwrap();
    assert_eq!(me["user"]["displayName"], "Damien M.");
    let changes = audited(&app, "user.updated", email).await;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["fields"]["displayName"], json!({ "before": "Damien Moreau", "after": "Damien M." }));
    let actor: String = sqlx::query_scalar("SELECT actor_email FROM audit_events WHERE action = 'user.updated'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(actor, email);
}
