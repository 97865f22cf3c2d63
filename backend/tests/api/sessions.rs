//! Sessions: refresh-token rotation, reuse detection, logout, and the
//! sessions people and their administrators see and end.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp, PASSWORD};

on_both_databases!(
    refresh_rotates_the_token_and_gives_a_working_access_token,
    a_reused_refresh_token_revokes_the_whole_sign_in,
    the_same_token_presented_twice_at_once_rotates_once,
    the_portal_keeps_its_refresh_token_in_an_http_only_cookie,
    logout_ends_the_session_and_reveals_nothing,
    expired_blocked_and_mistyped_tokens_are_refused,
    repeated_failed_sign_ins_lock_real_and_unknown_accounts_alike,
    behind_a_proxy_failures_count_against_the_forwarded_client_address,
    a_rotated_signing_key_is_adopted_and_the_previous_one_honoured_until_its_tokens_expire,
    people_see_their_sessions_and_end_one_or_all_others,
    signing_out_ends_the_access_token_at_once,
    administrators_see_and_end_a_users_sessions,
    ended_and_expired_sessions_are_swept_with_their_tokens,
    a_session_ended_while_its_token_is_being_rotated_gets_no_new_one,
);

async fn sign_in(app: &TestApp, email: &str) -> Value {
    app.login(email, PASSWORD).await.json().await.unwrap()
}

async fn refresh(app: &TestApp, token: &str) -> reqwest::Response {
    app.http
        .post(format!("{}/api/v1/auth/refresh", app.url))
        .json(&json!({ "refreshToken": token }))
        .send()
        .await
        .unwrap()
}

async fn refresh_rotates_the_token_and_gives_a_working_access_token(app: TestApp) {
    let first = sign_in(&app, "admin@acme.example").await["refreshToken"].as_str().unwrap().to_owned();
    let response = refresh(&app, &first).await;
    assert_eq!(response.status(), 200);
    let pair: Value = response.json().await.unwrap();
    assert_eq!(pair["expiresIn"], 900);
    let second = pair["refreshToken"].as_str().unwrap();
    assert_ne!(second, first);
    let me = app.get("/api/v1/me", pair["accessToken"].as_str()).await;
    assert_eq!(me.status(), 200);
    // The new one rotates in turn.
    assert_eq!(refresh(&app, second).await.status(), 200);
    // Only hashes are stored.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = $1")
        .bind(&first)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

async fn a_reused_refresh_token_revokes_the_whole_sign_in(app: TestApp) {
    let first = sign_in(&app, "admin@acme.example").await["refreshToken"].as_str().unwrap().to_owned();
    let pair: Value = refresh(&app, &first).await.json().await.unwrap();
    let second = pair["refreshToken"].as_str().unwrap().to_owned();
    // Presented again a moment later: two tabs racing, refused without revoking.
    assert_problem(refresh(&app, &first).await, 409, "refresh_in_progress").await;
    // Later (the rotation is backdated past the race window)…
    sqlx::query("UPDATE refresh_tokens SET used_at = '2000-01-01T00:00:00.000Z' WHERE used = 1")
        .execute(&app.db)
        .await
        .unwrap();
    // …the spent token coming back is stolen or replayed: refused…
    assert_problem(refresh(&app, &first).await, 401, "unauthenticated").await;
    // …and the legitimate successor is revoked with it.
    assert_problem(refresh(&app, &second).await, 401, "unauthenticated").await;
    // Another sign-in of the same person is a different family and unaffected.
    let other = sign_in(&app, "admin@acme.example").await["refreshToken"].as_str().unwrap().to_owned();
    assert_eq!(refresh(&app, &other).await.status(), 200);
}

async fn the_same_token_presented_twice_at_once_rotates_once(app: TestApp) {
    let token = sign_in(&app, "admin@acme.example").await["refreshToken"].as_str().unwrap().to_owned();
    let (a, b) = tokio::join!(refresh(&app, &token), refresh(&app, &token));
    let (winner, loser) = if a.status() == 200 { (a, b) } else { (b, a) };
    assert_eq!(winner.status(), 200);
    // The loser raced the winner: told so, and the session lives on.
    assert_problem(loser, 409, "refresh_in_progress").await;
    let pair: Value = winner.json().await.unwrap();
    assert_eq!(refresh(&app, pair["refreshToken"].as_str().unwrap()).await.status(), 200);
}

/// The `switchboard_refresh` value a response sets, and its attributes.
fn set_cookie(response: &reqwest::Response) -> (String, String) {
    let header = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("switchboard_refresh="))
        .expect("a switchboard_refresh cookie");
    let value = header["switchboard_refresh=".len()..].split(';').next().unwrap().to_owned();
    (value, header)
}

async fn post_with_cookie(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.http
        .post(format!("{}{path}", app.url))
        .header("cookie", format!("switchboard_refresh={cookie}"))
        .json(&json!({}))
        .send()
        .await
        .unwrap()
}

async fn the_portal_keeps_its_refresh_token_in_an_http_only_cookie(app: TestApp) {
    let login = app
        .http
        .post(format!("{}/api/v1/auth/login", app.url))
        .json(&json!({ "email": "admin@acme.example", "password": PASSWORD, "sessionCookie": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let (first, attributes) = set_cookie(&login);
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth", "Max-Age="] {
        assert!(attributes.contains(attribute), "{attribute} missing: {attributes}");
    }
    let body: Value = login.json().await.unwrap();
    assert!(body.get("refreshToken").is_none(), "the token is in the body too: {body}");

    // Refreshing by cookie rotates the cookie and gives a working access token.
    let refreshed = post_with_cookie(&app, "/api/v1/auth/refresh", &first).await;
    assert_eq!(refreshed.status(), 200);
    let (second, _) = set_cookie(&refreshed);
    assert_ne!(second, first);
    let pair: Value = refreshed.json().await.unwrap();
    assert!(pair.get("refreshToken").is_none());
    let me = app.http.get(format!("{}/api/v1/me", app.url)).bearer_auth(pair["accessToken"].as_str().unwrap());
    assert_eq!(me.send().await.unwrap().status(), 200);

    // No cookie and no token in the body: nothing to refresh.
    let bare = app.http.post(format!("{}/api/v1/auth/refresh", app.url)).json(&json!({})).send().await.unwrap();
    assert_problem(bare, 401, "unauthenticated").await;

    // Logout by cookie ends the session and clears the cookie.
    let logout = post_with_cookie(&app, "/api/v1/auth/logout", &second).await;
    assert_eq!(logout.status(), 204);
    let (cleared, attributes) = set_cookie(&logout);
    assert!(cleared.is_empty() && attributes.contains("Max-Age=0"), "{attributes}");
    assert_problem(post_with_cookie(&app, "/api/v1/auth/refresh", &second).await, 401, "unauthenticated").await;
}

async fn logout_ends_the_session_and_reveals_nothing(app: TestApp) {
    let token = sign_in(&app, "admin@acme.example").await["refreshToken"].as_str().unwrap().to_owned();
    let logout = |t: String| {
        let http = app.http.clone();
        let url = format!("{}/api/v1/auth/logout", app.url);
        async move { http.post(url).json(&json!({ "refreshToken": t })).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(logout(token.clone()).await, 204);
    assert_problem(refresh(&app, &token).await, 401, "unauthenticated").await;
    assert_eq!(logout("not a token".into()).await, 204);
}

async fn expired_blocked_and_mistyped_tokens_are_refused(app: TestApp) {
    let signed_in = sign_in(&app, "admin3@acme.example").await;
    let access = signed_in["accessToken"].as_str().unwrap().to_owned();
    let token = signed_in["refreshToken"].as_str().unwrap().to_owned();
    // An access token is no refresh token, and a refresh token no access token.
    assert_problem(refresh(&app, &access).await, 401, "unauthenticated").await;
    assert_problem(app.get("/api/v1/me", Some(&token)).await, 401, "unauthenticated").await;
    // A blocked user cannot refresh.
    sqlx::query("UPDATE users SET status = 'blocked' WHERE email_key = 'admin3@acme.example'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_problem(refresh(&app, &token).await, 401, "unauthenticated").await;
    // An expired token is refused.
    let other = sign_in(&app, "admin2@acme.example").await["refreshToken"].as_str().unwrap().to_owned();
    sqlx::query("UPDATE refresh_tokens SET expires_at = '2000-01-01T00:00:00.000Z'").execute(&app.db).await.unwrap();
    assert_problem(refresh(&app, &other).await, 401, "unauthenticated").await;
    let body = json!({ "refreshToken": other, "extra": 1 });
    let response = app.http.post(format!("{}/api/v1/auth/refresh", app.url)).json(&body).send().await.unwrap();
    assert_problem(response, 400, "invalid_body").await;
}

async fn repeated_failed_sign_ins_lock_real_and_unknown_accounts_alike(app: TestApp) {
    let mut locked = Vec::new();
    for email in ["admin2@acme.example", "nobody@acme.example"] {
        for _ in 0..5 {
            assert_problem(app.login(email, "wrong password").await, 401, "invalid_credentials").await;
        }
        // Now even the right password waits, and the answer says how long.
        let response = app.login(email, PASSWORD).await;
        let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((800..=900).contains(&retry_after), "{retry_after}");
        locked.push(assert_problem(response, 429, "too_many_attempts").await);
    }
    assert_eq!(locked[0], locked[1], "a real and an unknown account lock alike");
    // Other accounts still sign in (the address limit is higher).
    assert_eq!(app.login("admin3@acme.example", PASSWORD).await.status(), 200);
}

async fn behind_a_proxy_failures_count_against_the_forwarded_client_address(app: TestApp) {
    use switchboard_backend::config::ClientIpSource;
    let proxied = app.instance(ClientIpSource::RightmostXForwardedFor).await;
    let login = |client: &'static str, email: String, password: &'static str| {
        app.http
            .post(format!("http://{}/api/v1/auth/login", proxied.addr))
            // The proxy appends the address it saw; anything left of it is the client's say.
            .header("x-forwarded-for", format!("10.9.9.9, {client}"))
            .json(&json!({ "email": email, "password": password }))
            .send()
    };
    // One failure each on 20 accounts: no account reaches its limit, the address does.
    for n in 0..20 {
        let response = login("203.0.113.7", format!("guess{n}@acme.example"), "wrong password").await.unwrap();
        assert_problem(response, 401, "invalid_credentials").await;
    }
    let locked = login("203.0.113.7", "admin3@acme.example".into(), PASSWORD).await.unwrap();
    assert_problem(locked, 429, "too_many_attempts").await;
    // Another client behind the same proxy is not held back.
    let other = login("198.51.100.9", "admin3@acme.example".into(), PASSWORD).await.unwrap();
    assert_eq!(other.status(), 200);
    proxied.server.abort();
}

async fn me_status(app: &TestApp, base: &str, token: &str) -> u16 {
    app.http.get(format!("{base}/api/v1/me")).bearer_auth(token).send().await.unwrap().status().as_u16()
}

async fn a_rotated_signing_key_is_adopted_and_the_previous_one_honoured_until_its_tokens_expire(app: TestApp) {
    let before = app.token("admin@acme.example").await;
    let new_kid = switchboard_backend::auth::tokens::JwtKeys::rotate(&app.db).await.unwrap();

    // An instance started after the rotation signs with the new key…
    let b = app.second_instance().await;
    let b_url = format!("http://{}", b.addr);
    let after = app.token_at(&b_url, "admin2@acme.example").await;
    assert_eq!(jsonwebtoken::decode_header(&after).unwrap().kid.as_deref(), Some(new_kid.as_str()));
    // …the older instance adopts it on first sight, and both honour the old key.
    assert_eq!(me_status(&app, &app.url, &after).await, 200);
    assert_eq!(me_status(&app, &b_url, &before).await, 200);

    // Once the rotation is older than a token's lifetime, the old key is gone.
    for (when, which) in [("1999-01-01T00:00:00.000Z", "<>"), ("2000-01-01T00:00:00.000Z", "=")] {
        sqlx::query(&format!("UPDATE signing_keys SET created_at = $1 WHERE kid {which} $2"))
            .bind(when)
            .bind(&new_kid)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let c = app.second_instance().await;
    let c_url = format!("http://{}", c.addr);
    assert_eq!(me_status(&app, &c_url, &before).await, 401);
    assert_eq!(me_status(&app, &c_url, &after).await, 200);
    b.server.abort();
    c.server.abort();
}

async fn sign_in_from(app: &TestApp, email: &str, user_agent: &str) -> (String, String) {
    let response = app
        .http
        .post(format!("{}/api/v1/auth/login", app.url))
        .header("user-agent", user_agent)
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    (body["accessToken"].as_str().unwrap().to_owned(), body["refreshToken"].as_str().unwrap().to_owned())
}

async fn sessions_of(app: &TestApp, path: &str, access: &str) -> Vec<Value> {
    let response = app.get(path, Some(access)).await;
    assert_eq!(response.status(), 200);
    response.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone()
}

async fn people_see_their_sessions_and_end_one_or_all_others(app: TestApp) {
    let email = "admin@acme.example";
    let (a, _) = sign_in_from(&app, email, "Browser A").await;
    let (b, refresh_b) = sign_in_from(&app, email, "Browser B").await;
    let listed = sessions_of(&app, "/api/v1/me/sessions", &a).await;
    assert_eq!(listed.len(), 2);
    let mine: Vec<(&str, bool)> =
        listed.iter().map(|s| (s["userAgent"].as_str().unwrap(), s["current"].as_bool().unwrap())).collect();
    assert!(mine.contains(&("Browser A", true)) && mine.contains(&("Browser B", false)), "{listed:?}");
    assert!(listed.iter().all(|s| s["address"] == "127.0.0.1" && s["createdAt"].is_string()), "{listed:?}");
    let b_id = listed.iter().find(|s| s["current"] == false).unwrap()["id"].as_str().unwrap().to_owned();
    // Ending B stops its access token at its next request, not at expiry.
    let end_b = format!("/api/v1/me/sessions/{b_id}");
    assert_eq!(app.send(Method::DELETE, &end_b, &a, None, None).await.status(), 204);
    assert_problem(app.get("/api/v1/me", Some(&b)).await, 401, "unauthenticated").await;
    assert_problem(refresh(&app, &refresh_b).await, 401, "unauthenticated").await;
    assert_problem(app.send(Method::DELETE, &end_b, &a, None, None).await, 404, "not_found").await;
    // Someone else's session is not one's own to end.
    let (other, _) = sign_in_from(&app, "admin2@acme.example", "Other").await;
    let other_id = sessions_of(&app, "/api/v1/me/sessions", &other).await[0]["id"].as_str().unwrap().to_owned();
    let end_other = format!("/api/v1/me/sessions/{other_id}");
    assert_problem(app.send(Method::DELETE, &end_other, &a, None, None).await, 404, "not_found").await;
    assert_eq!(app.get("/api/v1/me", Some(&other)).await.status(), 200);
    // "Sign out everywhere else".
    let (c, _) = sign_in_from(&app, email, "Browser C").await;
    assert_eq!(app.send(Method::DELETE, "/api/v1/me/sessions", &a, None, None).await.status(), 204);
    assert_problem(app.get("/api/v1/me", Some(&c)).await, 401, "unauthenticated").await;
    assert_eq!(app.get("/api/v1/me", Some(&a)).await.status(), 200);
    assert_eq!(sessions_of(&app, "/api/v1/me/sessions", &a).await.len(), 1);
    let ended: Vec<String> =
        sqlx::query_scalar("SELECT changes FROM audit_events WHERE action = 'user.sessions_revoked' ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(ended, [r#"{"sessions":1}"#, r#"{"sessions":1}"#]);
}

async fn signing_out_ends_the_access_token_at_once(app: TestApp) {
    let (access, refresh_token) = sign_in_from(&app, "admin@acme.example", "Browser").await;
    assert_eq!(app.get("/api/v1/me", Some(&access)).await.status(), 200);
    let url = format!("{}/api/v1/auth/logout", app.url);
    let logout = app.http.post(url).json(&json!({ "refreshToken": refresh_token })).send().await.unwrap();
    assert_eq!(logout.status(), 204);
    assert_problem(app.get("/api/v1/me", Some(&access)).await, 401, "unauthenticated").await;
}

async fn administrators_see_and_end_a_users_sessions(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let damien = app.user_id("damien.moreau@acme.example").await;
    let (d1, _) = sign_in_from(&app, "damien.moreau@acme.example", "Phone").await;
    let (d2, refresh_d2) = sign_in_from(&app, "damien.moreau@acme.example", "Laptop").await;
    let admin = app.token("admin@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{damien}/sessions");
    let listed = sessions_of(&app, &path, &admin).await;
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|s| s["current"] == false), "{listed:?}");
    // Not across tenants, nor without the role.
    let globex_admin = app.token("admin@globex.example").await;
    assert_problem(app.get(&path, Some(&globex_admin)).await, 404, "not_found").await;
    assert_problem(app.send(Method::DELETE, &path, &globex_admin, None, None).await, 404, "not_found").await;
    let admin_id = app.user_id("admin@acme.example").await;
    let admins = format!("/api/v1/customers/{acme}/users/{admin_id}/sessions");
    assert_problem(app.get(&admins, Some(&d1)).await, 403, "forbidden").await;
    assert_eq!(app.get("/api/v1/me", Some(&d1)).await.status(), 200);
    // Ended by the admin: both at once.
    assert_eq!(app.send(Method::DELETE, &path, &admin, None, None).await.status(), 204);
    for access in [&d1, &d2] {
        assert_problem(app.get("/api/v1/me", Some(access)).await, 401, "unauthenticated").await;
    }
    assert_problem(refresh(&app, &refresh_d2).await, 401, "unauthenticated").await;
    assert!(sessions_of(&app, &path, &admin).await.is_empty());
    let (actor, changes): (String, String) = sqlx::query_as(
        "SELECT actor_email, changes FROM audit_events WHERE action = 'user.sessions_revoked' AND user_id = $1",
    )
    .bind(&damien)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((actor.as_str(), changes.as_str()), ("admin@acme.example", r#"{"sessions":2}"#));
    // A parent user (the reseller's staff) is read-only here.
    sign_in_from(&app, "staff@northwind.example", "Staff").await;
    let staff = app.user_id("staff@northwind.example").await;
    let staff_path = format!("/api/v1/customers/{acme}/users/{staff}/sessions");
    assert_eq!(sessions_of(&app, &staff_path, &admin).await.len(), 1);
    assert_problem(app.send(Method::DELETE, &staff_path, &admin, None, None).await, 403, "parent_user").await;
}

async fn ended_and_expired_sessions_are_swept_with_their_tokens(app: TestApp) {
    let count = |sql: &'static str| {
        let db = app.db.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&db).await.unwrap() }
    };
    let (live, live_refresh) = sign_in_from(&app, "admin@acme.example", "Live").await;
    // Spent once: the spent token stays while its session lives.
    let rotated: Value = refresh(&app, &live_refresh).await.json().await.unwrap();
    let (_, ended) = sign_in_from(&app, "admin@acme.example", "Ended").await;
    let url = format!("{}/api/v1/auth/logout", app.url);
    assert_eq!(app.http.post(url).json(&json!({ "refreshToken": ended })).send().await.unwrap().status(), 204);
    sign_in_from(&app, "admin2@acme.example", "Expired").await;
    sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_agent = 'Expired'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(switchboard_backend::store::sessions::sweep(&app.db).await.unwrap(), 2);
    assert_eq!(count("SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(count("SELECT COUNT(*) FROM refresh_tokens").await, 2, "the live session's spent and current tokens");
    // The live session goes on.
    assert_eq!(app.get("/api/v1/me", Some(&live)).await.status(), 200);
    assert_eq!(refresh(&app, rotated["refreshToken"].as_str().unwrap()).await.status(), 200);
    assert_eq!(switchboard_backend::store::sessions::sweep(&app.db).await.unwrap(), 0);
}

/// The steps of a refresh with an end in between, as two racing requests
/// could order them: the spent token's session is ended before the new token
/// is written, and none is.
async fn a_session_ended_while_its_token_is_being_rotated_gets_no_new_one(app: TestApp) {
    use switchboard_backend::store::sessions::{self, Origin, Spent};
    let (_, token) = sign_in_from(&app, "admin@acme.example", "Racing").await;
    let Spent::Fresh { user_id, session } = sessions::spend(&app.db, &token).await.unwrap() else {
        panic!("a live token is spent")
    };
    assert!(sessions::end(&mut app.db.acquire().await.unwrap(), &user_id, &session).await.unwrap());
    let origin = Origin { user_agent: None, address: "127.0.0.1".into() };
    assert!(sessions::rotate(&app.db, &session, &user_id, &origin).await.unwrap().is_none());
    let live: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM refresh_tokens WHERE family_id = $1 AND revoked = 0")
        .bind(&session)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(live, 0);
}
