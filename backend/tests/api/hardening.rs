//! What a stranger without credentials can make the server do: password
//! hashing is a bounded resource, and the sign-in and activation throttles
//! hold under concurrent attempts.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use switchboard_backend::{
    auth::throttle,
    config::{Connections, HashLimits},
};

use crate::common::{assert_problem, on_both_databases, TestApp, PASSWORD};

on_both_databases!(
    an_activation_with_a_wrong_token_hashes_nothing,
    concurrent_wrong_passwords_get_no_more_tries_than_the_limit,
    wrong_activation_tokens_lock_the_address,
    hidden_characters_are_refused_and_change_nothing,
    answers_are_not_cached_and_tls_is_kept,
    a_caller_past_the_rate_limit_is_told_to_slow_down,
    failing_from_one_address_does_not_lock_the_owner_out_elsewhere,
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

/// 200 wrong passwords for one account at once, half through a second
/// instance on the same database: on PostgreSQL the instances count
/// together (the windows are in the database), so no more than the limit
/// are checked; SQLite's, one instance's server, count each their own.
async fn concurrent_wrong_passwords_get_no_more_tries_than_the_limit(app: TestApp) {
    let second = app.second_instance().await;
    let bases = [app.url.clone(), format!("http://{}", second.addr)];
    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..200 {
        let (http, url) = (app.http.clone(), bases[i % 2].clone());
        let body = serde_json::json!({ "email": "admin2@acme.example", "password": "wrong password" });
        attempts.spawn(async move {
            http.post(format!("{url}/api/v1/auth/login")).json(&body).send().await.unwrap().status().as_u16()
        });
    }
    let statuses = attempts.join_all().await;
    let tried = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    let instances_counting_apart = if app.database_url.starts_with("postgres") { 1 } else { 2 };
    let most = instances_counting_apart * throttle::PER_ACCOUNT as usize;
    assert!(tried <= most, "{tried} wrong passwords were checked");
    assert_eq!(tried + refused, 200, "{statuses:?}");
    if instances_counting_apart == 1 {
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM throttle_windows").fetch_one(&app.db).await.unwrap();
        assert!(kept >= 3, "the windows are in the database: {kept}");
    }
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

/// NUL (which PostgreSQL cannot store or even compare), other control
/// characters and bidirectional overrides: refused with a clear answer
/// wherever text comes in, never a 500, and nothing changes.
async fn hidden_characters_are_refused_and_change_nothing(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let staff = app.token("staff@northwind.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let northwind = app.tenant_id("Northwind Telecom").await;
    let before = app.users_fingerprint().await;

    let body = json!({ "displayName": "Ann\u{0}", "email": "ann@acme.example", "roles": ["customer.user"] });
    let created = app.send(Method::POST, &format!("/api/v1/customers/{acme}/users"), &admin, Some(body), None).await;
    let problem = assert_problem(created, 422, "invalid_fields").await;
    assert_eq!(
        (problem["fields"][0]["field"].as_str(), problem["fields"][0]["code"].as_str()),
        (Some("displayName"), Some("invalid_characters"))
    );

    let body = json!({ "name": "\u{202E}lanigiro" });
    let customer =
        app.send(Method::POST, &format!("/api/v1/resellers/{northwind}/customers"), &staff, Some(body), None).await;
    let problem = assert_problem(customer, 422, "invalid_fields").await;
    assert_eq!(problem["fields"][0]["code"], "invalid_characters");

    let csv = "displayName,email,extension,externalId,agent\nAnn\u{0}Nul,ann@acme.example,,,\n";
    assert_problem(app.import_csv(&admin, &acme, csv, false).await, 422, "invalid_rows").await;

    let searched = app.get(&format!("/api/v1/customers/{acme}/users?q=a%00b"), Some(&admin)).await;
    assert_problem(searched, 400, "invalid_query").await;
    let nul_id = app.get(&format!("/api/v1/customers/{acme}/users/u%00"), Some(&admin)).await;
    assert_problem(nul_id, 404, "not_found").await;
    let nul_tenant = app.get("/api/v1/customers/t%00/users", Some(&admin)).await;
    assert_problem(nul_tenant, 404, "not_found").await;
    let someone = app.user_id("damien.moreau@acme.example").await;
    let patch = app
        .send(
            Method::PATCH,
            &format!("/api/v1/customers/{acme}/users/{someone}"),
            &admin,
            Some(json!({ "substituteId": "x\u{0}" })),
            None,
        )
        .await;
    assert_problem(patch, 400, "invalid_body").await;
    assert_problem(app.login("admin@acme.example\u{0}", PASSWORD).await, 401, "invalid_credentials").await;

    assert_eq!(app.users_fingerprint().await, before, "nothing changed");
}

async fn answers_are_not_cached_and_tls_is_kept(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let me = app.get("/api/v1/me", Some(&admin)).await;
    assert_eq!(me.headers()["cache-control"], "no-store");
    assert!(!me.headers().contains_key("strict-transport-security"), "not over plain http");
    let login = app.login("admin@acme.example", PASSWORD).await;
    assert_eq!(login.headers()["cache-control"], "no-store", "tokens are not kept by caches");
    let tls = app.public_url_instance("https://portal.example").await;
    let health = app.http.get(format!("http://{}/healthz", tls.addr)).send().await.unwrap();
    assert_eq!(health.headers()["strict-transport-security"], "max-age=63072000; includeSubDomains");
}

/// Each caller has a bucket of requests (twice the rate per second), and each
/// address one for the routes without credentials: past it, 429 with
/// `Retry-After`, while other callers go on; it refills with time.
async fn a_caller_past_the_rate_limit_is_told_to_slow_down(app: TestApp) {
    let limited = app.rate_limited_instance(2).await;
    let base = format!("http://{}", limited.addr);
    let (admin, other) =
        (app.token_at(&base, "admin@acme.example").await, app.token_at(&base, "admin@globex.example").await);
    let me = |token: String| {
        let (http, base) = (app.http.clone(), base.clone());
        async move { http.get(format!("{base}/api/v1/me")).bearer_auth(token).send().await.unwrap() }
    };
    let answers = all_at_once((0..12).map(|_| me(admin.clone()))).await;
    let ok = answers.iter().filter(|r| r.status() == 200).count();
    assert!((4..12).contains(&ok), "a burst of 4, then refused: {ok} answered");
    let refused = answers.into_iter().find(|r| r.status() == 429).unwrap();
    assert!(refused.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    assert_problem(refused, 429, "rate_limited").await;
    // Another caller has a bucket of their own.
    assert_eq!(me(other).await.status(), 200);
    // The bucket refills.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(me(admin).await.status(), 200);

    // Without credentials, the address's bucket: its two sign-ins above left it two.
    let logins = all_at_once((0..8).map(|_| {
        let (http, base) = (app.http.clone(), base.clone());
        async move {
            let body = json!({ "email": "nobody@acme.example", "password": "wrong password" });
            http.post(format!("{base}/api/v1/auth/login")).json(&body).send().await.unwrap().status().as_u16()
        }
    }))
    .await;
    assert!(logins.contains(&429) && logins.iter().all(|s| [401, 429].contains(s)), "{logins:?}");
    // Turned off (0), nothing is refused for its rate.
    let unlimited = app.rate_limited_instance(0).await;
    let base = format!("http://{}", unlimited.addr);
    let token = app.token_at(&base, "admin@acme.example").await;
    let answers = all_at_once((0..300).map(|_| {
        let (http, base, token) = (app.http.clone(), base.clone(), token.clone());
        async move { http.get(format!("{base}/api/v1/me")).bearer_auth(token).send().await.unwrap().status() }
    }))
    .await;
    assert!(answers.iter().all(|s| *s == 200));
}

/// Runs the requests together and returns their answers in order.
async fn all_at_once<F: std::future::Future + Send + 'static>(requests: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F::Output: Send,
{
    let mut set = tokio::task::JoinSet::new();
    for (i, request) in requests.enumerate() {
        set.spawn(async move { (i, request.await) });
    }
    let mut answers = set.join_all().await;
    answers.sort_by_key(|(i, _)| *i);
    answers.into_iter().map(|(_, a)| a).collect()
}

/// Idle connections and clients that send their headers slowly are closed
/// after the header read timeout, so even when they fill every connection
/// the server takes, a real request is answered once they are gone.
#[tokio::test]
async fn idle_and_slow_clients_are_closed_and_real_requests_answered() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::sqlite().await;
    let limits = Connections { max: 8, header_read_timeout: Duration::from_millis(500) };
    let server = app.connections_instance(limits).await;
    let mut idle = Vec::new();
    for _ in 0..6 {
        idle.push(tokio::net::TcpStream::connect(server.addr).await.unwrap());
    }
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
        stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        slow.push(tokio::spawn(async move {
            // One header byte at a time, never done: the client is cut off.
            for _ in 0..50 {
                if stream.write_all(b"X").await.is_err() {
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            false
        }));
    }
    // Every connection the server takes is held: this one waits its turn.
    let answered =
        tokio::time::timeout(Duration::from_secs(10), app.http.get(format!("http://{}/healthz", server.addr)).send())
            .await
            .expect("answered once the held connections were closed")
            .unwrap();
    assert_eq!(answered.status(), 200);
    for mut stream in idle {
        let mut buf = [0; 16];
        let read = tokio::time::timeout(Duration::from_secs(3), stream.read(&mut buf)).await;
        assert!(matches!(read, Ok(Ok(0) | Err(_))), "an idle connection is closed: {read:?}");
    }
    for cut_off in slow {
        assert!(cut_off.await.unwrap(), "a slow client is cut off");
    }
}

/// Someone guessing an account's password from their address locks it there;
/// its owner, from their own address, still signs in.
async fn failing_from_one_address_does_not_lock_the_owner_out_elsewhere(app: TestApp) {
    let proxied = app.instance(switchboard_backend::config::ClientIpSource::RightmostXForwardedFor).await;
    let login = |from: &'static str, password: &'static str| {
        let (http, url) = (app.http.clone(), format!("http://{}/api/v1/auth/login", proxied.addr));
        async move {
            let body = json!({ "email": "admin@acme.example", "password": password });
            http.post(url).header("x-forwarded-for", from).json(&body).send().await.unwrap()
        }
    };
    for _ in 0..throttle::PER_ACCOUNT {
        assert_eq!(login("198.51.100.1", "wrong password").await.status(), 401);
    }
    let locked = login("198.51.100.1", PASSWORD).await;
    assert!(locked.headers().contains_key("retry-after"));
    assert_problem(locked, 429, "too_many_attempts").await;
    assert_eq!(login("192.0.2.1", PASSWORD).await.status(), 200, "the owner, from their own address");
}
