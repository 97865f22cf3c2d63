//! What a stranger without credentials can make the server do: password
//! hashing is a bounded resource, and the sign-in and activation throttles
//! hold under concurrent attempts.

use std::time::Duration;

use reqwest::Method;
use switchboard_backend::{auth::throttle, config::HashLimits};

use crate::common::{assert_problem, on_both_databases, TestApp, PASSWORD};

on_both_databases!(
    an_activation_with_a_wrong_token_hashes_nothing,
    concurrent_wrong_passwords_get_no_more_tries_than_the_limit,
    wrong_activation_tokens_lock_the_address,
);

/// An instance with no hashing turn at all: whatever would hash answers 503.
fn no_turns() -> HashLimits {
    HashLimits { concurrency: 0, wait: Duration::from_millis(100) }
}

async fn an_activation_with_a_wrong_token_hashes_nothing(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let gaelle = app.user_id("gaelle.michel@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{gaelle}/activation-email");
    assert_eq!(app.send(Method::POST, &path, &admin, None, None).await.status(), 202);
    let token = app.activation_token(&admin, "gaelle.michel@acme.example").await;

    let busy = app.hashing_instance(no_turns()).await;
    let base = format!("http://{}", busy.addr);
    // A wrong token is refused on its lookup alone: no hash, so no wait for a turn.
    let wrong = app.activate_at(&base, "not-a-token", "a long enough secret").await;
    assert_problem(wrong, 400, "invalid_activation_token").await;
    // What does need a hash is told to come back, and says when.
    let response = app.activate_at(&base, &token, "a long enough secret").await;
    assert_eq!(response.headers()["retry-after"], "1");
    assert_problem(response, 503, "busy").await;
    let login = app
        .http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": "admin@acme.example", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_problem(login, 503, "busy").await;
    // The link was not spent by the refused attempt.
    assert_eq!(app.activate_at(&app.url, &token, "a long enough secret").await.status(), 204);
}

async fn concurrent_wrong_passwords_get_no_more_tries_than_the_limit(app: TestApp) {
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let (http, url) = (app.http.clone(), app.url.clone());
        let body = serde_json::json!({ "email": "admin2@acme.example", "password": "wrong password" });
        attempts.spawn(async move {
            http.post(format!("{url}/api/v1/auth/login")).json(&body).send().await.unwrap().status().as_u16()
        });
    }
    let statuses = attempts.join_all().await;
    let tried = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(tried <= throttle::PER_ACCOUNT as usize, "{tried} wrong passwords were checked");
    assert_eq!(tried + refused, 200, "{statuses:?}");
}

async fn wrong_activation_tokens_lock_the_address(app: TestApp) {
    for n in 0..throttle::PER_ADDRESS {
        let response = app.activate_at(&app.url, &format!("guess-{n}"), "a long enough secret").await;
        assert_problem(response, 400, "invalid_activation_token").await;
    }
    let locked = app.activate_at(&app.url, "guess-again", "a long enough secret").await;
    assert!(locked.headers().contains_key("retry-after"));
    assert_problem(locked, 429, "too_many_attempts").await;
}
