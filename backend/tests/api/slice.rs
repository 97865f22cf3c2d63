//! The walking skeleton's slice: health, login, me, the users list, the SPA.

use crate::common::{assert_problem, on_both_databases, TestApp, PASSWORD};
use serde_json::{json, Value};

on_both_databases!(
    healthz_answers_once_migrated,
    login_returns_tokens_and_the_user_case_insensitively,
    wrong_password_and_unknown_email_get_the_same_answer,
    invited_blocked_and_service_users_cannot_sign_in,
    a_malformed_login_body_is_a_clear_400,
    me_names_the_caller_their_tenant_and_where_they_may_switch,
    users_list_pages_through_every_user_once,
    users_list_searches_name_email_and_extension,
    users_search_matches_word_starts_in_any_order_and_any_accent,
    users_search_follows_renames_and_deletions,
    users_search_indexes_users_it_has_never_seen_on_start,
    users_list_refuses_bad_paging_with_problems,
    users_list_is_404_outside_the_callers_reach,
    a_blocked_users_live_token_stops_working,
    unknown_api_paths_are_problems_and_other_paths_get_the_spa,
    instances_sharing_a_database_accept_each_others_tokens,
    users_list_filters_by_role_and_status,
    users_list_sorts_and_pages_in_every_order,
    users_list_shows_every_write_at_once_on_every_instance,
    the_openapi_document_is_served_to_anyone,
    an_oversized_body_is_refused_with_413,
    tenants_are_searched_on_the_server_within_reach,
    one_tenant_within_reach_is_read_by_id,
);

async fn healthz_answers_once_migrated(app: TestApp) {
    let response = app.get("/healthz", None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

async fn login_returns_tokens_and_the_user_case_insensitively(app: TestApp) {
    let response = app.login("  Admin@ACME.example ", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["user"]["email"], "admin@acme.example");
    assert_eq!(body["expiresIn"], 900);
    assert!(body["accessToken"].as_str().unwrap().split('.').count() == 3);
    assert!(body["refreshToken"].as_str().unwrap().len() >= 43);
    assert!(body["user"].get("passwordHash").is_none());
}

async fn wrong_password_and_unknown_email_get_the_same_answer(app: TestApp) {
    let wrong = assert_problem(app.login("admin@acme.example", "not it").await, 401, "invalid_credentials").await;
    let unknown = assert_problem(app.login("nobody@acme.example", PASSWORD).await, 401, "invalid_credentials").await;
    assert_eq!(wrong, unknown);
}

async fn invited_blocked_and_service_users_cannot_sign_in(app: TestApp) {
    for email in ["gaelle.michel@acme.example", "julien.petit@acme.example", "crm-sync@acme.example"] {
        assert_problem(app.login(email, PASSWORD).await, 401, "invalid_credentials").await;
    }
}

async fn a_malformed_login_body_is_a_clear_400(app: TestApp) {
    let response = app
        .http
        .post(format!("{}/api/v1/auth/login", app.url))
        .json(&serde_json::json!({ "email": "admin@acme.example", "password": PASSWORD, "role": "platform.admin" }))
        .send()
        .await
        .unwrap();
    assert_problem(response, 400, "invalid_body").await;
}

async fn me_names_the_caller_their_tenant_and_where_they_may_switch(app: TestApp) {
    assert_problem(app.get("/api/v1/me", None).await, 401, "unauthenticated").await;

    let admin = app.token("admin@acme.example").await;
    let me: Value = app.get("/api/v1/me", Some(&admin)).await.json().await.unwrap();
    assert_eq!(me["user"]["email"], "admin@acme.example");
    assert_eq!(me["tenant"]["name"], "Acme Ltd");
    assert_eq!(me["tenants"].as_array().unwrap().len(), 1);

    let staff = app.token("staff@northwind.example").await;
    let me: Value = app.get("/api/v1/me", Some(&staff)).await.json().await.unwrap();
    let names: Vec<&str> = me["tenants"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    // The first page of GET /tenants: by name, the caller's own among them.
    assert_eq!(names, ["Acme Ltd", "Globex", "Northwind Telecom"]);
    assert_eq!(me["tenants"][0]["kind"], "customer");
    assert_eq!(me["tenant"]["name"], "Northwind Telecom");
}

async fn users_list_pages_through_every_user_once(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/customers/{acme}/users?limit=5");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page: Value = app.get(&path, Some(&token)).await.json().await.unwrap();
        assert_eq!(page["total"], 24, "22 of Acme and 2 parent users");
        for user in page["items"].as_array().unwrap() {
            let name = user["displayName"].as_str().unwrap();
            let parent = ["Olivia Operator", "Sam Staff"].contains(&name);
            assert_eq!(user["isParent"], parent, "{name}");
            assert_eq!(user["primaryTenant"] == acme.as_str(), !parent, "{name}");
            seen.push(name.to_lowercase());
        }
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 24);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "pages come in name order");
}

async fn users_list_searches_name_email_and_extension(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let emails = |page: Value| -> Vec<String> {
        page["items"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap().to_owned()).collect()
    };
    let by_name: Value =
        app.get(&format!("/api/v1/customers/{acme}/users?q=KARINE"), Some(&token)).await.json().await.unwrap();
    assert_eq!(emails(by_name), ["karine.roux@acme.example"]);
    let by_ext: Value =
        app.get(&format!("/api/v1/customers/{acme}/users?q=130"), Some(&token)).await.json().await.unwrap();
    assert_eq!(emails(by_ext), ["karine.roux@acme.example"]);
    let wildcard: Value =
        app.get(&format!("/api/v1/customers/{acme}/users?q=%25"), Some(&token)).await.json().await.unwrap();
    assert_eq!(wildcard["total"], 0, "% is literal, not a wildcard");
}

/// The e-mails a search of Acme finds.
async fn acme_search(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    let acme = app.tenant_id("Acme Ltd").await;
    let url = format!("{}/api/v1/customers/{acme}/users", app.url);
    let url = reqwest::Url::parse_with_params(&url, [("q", q), ("limit", "200")]).unwrap();
    let page: Value = app.http.get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap();
    assert_eq!(page["total"].as_u64().unwrap() as usize, page["items"].as_array().unwrap().len(), "{page}");
    page["items"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap().to_owned()).collect()
}

async fn users_search_matches_word_starts_in_any_order_and_any_accent(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let karine = ["karine.roux@acme.example"];
    for q in ["roux kar", "KAR ROUX", "Kärine", "karine.roux@acme", "ROU"] {
        assert!(acme_search(&app, &token, q).await.iter().any(|e| e == karine[0]), "{q}");
    }
    assert_eq!(acme_search(&app, &token, "roux karine").await, karine);
    for q in ["oux", "karine zzz", "-", "roux 131"] {
        assert!(!acme_search(&app, &token, q).await.iter().any(|e| e == karine[0]), "{q}");
    }
    // Every user of the tenant has the domain's word.
    let everyone = app.users_fingerprint().await.len();
    let acme_users = acme_search(&app, &token, "acme").await.len();
    assert!(acme_users > 20 && acme_users < everyone, "{acme_users} of {everyone}");
}

async fn users_search_follows_renames_and_deletions(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let id = app.user_id("karine.roux@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{id}");
    let patch =
        json!({ "displayName": "Karin Østergaard", "email": "k.ostergaard@acme.example", "externalId": "HR-77" });
    let renamed = app.send(reqwest::Method::PATCH, &path, &token, Some(patch), None).await;
    assert_eq!(renamed.status(), 200);
    let found = ["k.ostergaard@acme.example"];
    assert_eq!(acme_search(&app, &token, "ostergaard").await, found);
    assert_eq!(acme_search(&app, &token, "hr-77").await, found);
    assert!(acme_search(&app, &token, "roux").await.is_empty(), "the old name is gone from the index");
    // A change of roles only leaves the words alone.
    let roles = json!({ "addRoles": ["pbx.agentcontrol"] });
    assert_eq!(app.send(reqwest::Method::PATCH, &path, &token, Some(roles), None).await.status(), 200);
    assert_eq!(acme_search(&app, &token, "karin").await, found);
    assert_eq!(app.send(reqwest::Method::DELETE, &path, &token, None, None).await.status(), 204);
    assert!(acme_search(&app, &token, "ostergaard").await.is_empty());
}

async fn users_search_indexes_users_it_has_never_seen_on_start(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    // As a database from before the index: its users have no words.
    sqlx::query("DELETE FROM user_search").execute(&app.db).await.unwrap();
    assert!(acme_search(&app, &token, "karine").await.is_empty());
    let second = app.second_instance().await;
    second.server.abort();
    assert_eq!(acme_search(&app, &token, "karine").await, ["karine.roux@acme.example"]);
}

async fn users_list_refuses_bad_paging_with_problems(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    assert_problem(
        app.get(&format!("/api/v1/customers/{acme}/users?limit=0"), Some(&token)).await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get(&format!("/api/v1/customers/{acme}/users?limit=201"), Some(&token)).await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get(&format!("/api/v1/customers/{acme}/users?cursor=zzz"), Some(&token)).await,
        400,
        "invalid_cursor",
    )
    .await;
}

async fn users_list_is_404_outside_the_callers_reach(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let globex = app.tenant_id("Globex").await;
    let northwind = app.tenant_id("Northwind Telecom").await;
    assert_problem(app.get(&format!("/api/v1/customers/{acme}/users"), None).await, 401, "unauthenticated").await;

    let admin = app.token("admin@acme.example").await;
    let other =
        assert_problem(app.get(&format!("/api/v1/customers/{globex}/users"), Some(&admin)).await, 404, "not_found")
            .await;
    let missing =
        assert_problem(app.get("/api/v1/customers/no-such-tenant/users", Some(&admin)).await, 404, "not_found").await;
    assert_eq!(other, missing, "another tenant looks exactly like no tenant");
    assert_problem(app.get(&format!("/api/v1/customers/{northwind}/users"), Some(&admin)).await, 404, "not_found")
        .await;

    // An agent of Acme holds no user.admin: known tenant, missing role.
    let agent = app.token("damien.moreau@acme.example").await;
    assert_problem(app.get(&format!("/api/v1/customers/{acme}/users"), Some(&agent)).await, 403, "forbidden").await;

    // Reseller staff reach their customers.
    let staff = app.token("staff@northwind.example").await;
    let page: Value = app.get(&format!("/api/v1/customers/{globex}/users"), Some(&staff)).await.json().await.unwrap();
    assert_eq!(page["total"], 7, "Globex's 5, the reseller's staff and the platform operator");
}

async fn a_blocked_users_live_token_stops_working(app: TestApp) {
    let token = app.token("admin3@acme.example").await;
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.status(), 200);
    sqlx::query("UPDATE users SET status = 'blocked' WHERE email_key = 'admin3@acme.example'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_problem(app.get("/api/v1/me", Some(&token)).await, 401, "unauthenticated").await;
}

async fn unknown_api_paths_are_problems_and_other_paths_get_the_spa(app: TestApp) {
    assert_problem(app.get("/api/v1/nothing-here", None).await, 404, "not_found").await;
    let spa = app.get("/t/some-tenant/users", None).await;
    assert_eq!(spa.status(), 200);
    let csp = spa.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(spa.headers()["x-content-type-options"], "nosniff");
    assert!(spa.text().await.unwrap().contains("SPA-INDEX"));
}

async fn instances_sharing_a_database_accept_each_others_tokens(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let second = app.second_instance().await;
    assert!(second.seeded.is_none(), "an existing database is not seeded again");
    let response = app.http.get(format!("http://{}/api/v1/me", second.addr)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    second.server.abort();
}

async fn users_list_filters_by_role_and_status(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let path = format!("/api/v1/customers/{acme}/users");
    let admins: Value = app.get(&format!("{path}?role=user.admin"), Some(&token)).await.json().await.unwrap();
    assert_eq!(admins["total"], 3);
    let invited: Value = app.get(&format!("{path}?status=invited"), Some(&token)).await.json().await.unwrap();
    assert_eq!(invited["total"], 5);
    assert!(invited["items"].as_array().unwrap().iter().all(|u| u["status"] == "invited"));
    let both: Value = app
        .get(&format!("{path}?role=customer.user.acd&status=active&q=acme"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(both["total"], 4);
    assert_problem(app.get(&format!("{path}?role=root"), Some(&token)).await, 400, "invalid_query").await;
    assert_problem(app.get(&format!("{path}?status=deleted"), Some(&token)).await, 400, "invalid_query").await;
}

/// Pages are cached by the tenant's generation: a write on any instance,
/// through any route, must show in the next list on every instance.
async fn users_list_shows_every_write_at_once_on_every_instance(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let second = app.second_instance().await;
    let list = |base: String| {
        let (app, token, acme) = (&app, token.clone(), acme.clone());
        async move {
            let url = format!("{base}/api/v1/customers/{acme}/users?q=hugo");
            let page: Value = app.http.get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap();
            page["items"][0].clone()
        }
    };
    let hugo = list(app.url.clone()).await;
    assert_eq!(hugo["displayName"], "Hugo Garcia", "{hugo}");
    assert_eq!(hugo["devices"].as_array().unwrap().len(), 1, "{hugo}");
    let path = format!("/api/v1/customers/{acme}/users/{}", hugo["id"].as_str().unwrap());

    // Renamed through the other instance: this one's cached page is stale.
    let renamed = app
        .http
        .patch(format!("http://{}{path}", second.addr))
        .bearer_auth(&token)
        .json(&json!({ "displayName": "Hugo Grand" }))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 200);
    assert_eq!(list(app.url.clone()).await["displayName"], "Hugo Grand");

    // Devices are part of the page too.
    let devices = app
        .send(reqwest::Method::PUT, &format!("{path}/devices"), &token, Some(json!({ "deviceIds": [] })), None)
        .await;
    assert_eq!(devices.status(), 200);
    assert_eq!(list(format!("http://{}", second.addr)).await["devices"], json!([]));
    second.server.abort();
}

async fn users_list_sorts_and_pages_in_every_order(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    for (sort, field) in [("-name", "displayName"), ("email", "email"), ("-createdAt", "createdAt")] {
        let mut seen: Vec<(String, String)> = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/customers/{acme}/users?sort={sort}&limit=4");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page: Value = app.get(&path, Some(&token)).await.json().await.unwrap();
            for u in page["items"].as_array().unwrap() {
                seen.push((u[field].as_str().unwrap().to_lowercase(), u["id"].as_str().unwrap().to_owned()));
            }
            match page["nextCursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 24, "{sort}: Acme's 22 and 2 parent users");
        let mut expected = seen.clone();
        expected.sort();
        if sort.starts_with('-') {
            expected.reverse();
        }
        assert_eq!(seen, expected, "{sort}");
    }
    let first: Value =
        app.get(&format!("/api/v1/customers/{acme}/users?limit=2"), Some(&token)).await.json().await.unwrap();
    let cursor = first["nextCursor"].as_str().unwrap();
    let path = format!("/api/v1/customers/{acme}/users?sort=email&cursor={cursor}");
    assert_problem(app.get(&path, Some(&token)).await, 400, "invalid_cursor").await;
    assert_problem(
        app.get(&format!("/api/v1/customers/{acme}/users?sort=password"), Some(&token)).await,
        400,
        "invalid_query",
    )
    .await;
}

async fn the_openapi_document_is_served_to_anyone(app: TestApp) {
    let response = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let patch = &doc["paths"]["/api/v1/customers/{tenantId}/users/{userId}"]["patch"];
    assert_eq!(patch["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/PatchUser");
    assert!(patch["responses"]["422"]["content"]["application/problem+json"].is_object());
    assert!(doc["components"]["schemas"]["Violation"].is_object());
}

async fn an_oversized_body_is_refused_with_413(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let before = app.users_fingerprint().await;
    let body = json!({ "displayName": "x".repeat(100_000), "email": "big@acme.example" });
    let response =
        app.send(reqwest::Method::POST, &format!("/api/v1/customers/{acme}/users"), &token, Some(body), None).await;
    assert_problem(response, 413, "payload_too_large").await;
    assert_eq!(app.users_fingerprint().await, before);
}

async fn tenants_are_searched_on_the_server_within_reach(app: TestApp) {
    let names = |page: &Value| -> Vec<String> {
        page["items"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_owned()).collect()
    };
    let admin = app.token("admin@acme.example").await;
    let page: Value = app.get("/api/v1/tenants", Some(&admin)).await.json().await.unwrap();
    assert_eq!(names(&page), ["Acme Ltd"]);
    let page: Value = app.get("/api/v1/tenants?q=glob", Some(&admin)).await.json().await.unwrap();
    assert_eq!(page["total"], 0, "a customer admin finds no other tenant");

    let staff = app.token("staff@northwind.example").await;
    let page: Value = app.get("/api/v1/tenants?q=GLOB", Some(&staff)).await.json().await.unwrap();
    assert_eq!(names(&page), ["Globex"]);
    let page: Value = app.get("/api/v1/tenants?q=acme-001", Some(&staff)).await.json().await.unwrap();
    assert_eq!(names(&page), ["Acme Ltd"], "the reference matches too");
    let first: Value = app.get("/api/v1/tenants?limit=2", Some(&staff)).await.json().await.unwrap();
    assert_eq!((names(&first), first["total"].clone()), (vec!["Acme Ltd".to_owned(), "Globex".to_owned()], json!(3)));
    let cursor = first["nextCursor"].as_str().unwrap();
    let rest: Value =
        app.get(&format!("/api/v1/tenants?limit=2&cursor={cursor}"), Some(&staff)).await.json().await.unwrap();
    assert_eq!(names(&rest), ["Northwind Telecom"]);
    assert!(rest["nextCursor"].is_null());

    let operator = app.token("ops@switchboard.example").await;
    let page: Value = app.get("/api/v1/tenants", Some(&operator)).await.json().await.unwrap();
    assert_eq!(names(&page), ["Acme Ltd", "Globex", "Northwind Telecom", "Switchboard"]);
    assert_problem(app.get("/api/v1/tenants", None).await, 401, "unauthenticated").await;
    assert_problem(app.get("/api/v1/tenants?cursor=x", Some(&staff)).await, 400, "invalid_cursor").await;
}

async fn one_tenant_within_reach_is_read_by_id(app: TestApp) {
    let (acme, globex, northwind) =
        (app.tenant_id("Acme Ltd").await, app.tenant_id("Globex").await, app.tenant_id("Northwind Telecom").await);
    let platform = app.tenant_id("Switchboard").await;
    let tenant = |id: &str| format!("/api/v1/tenants/{id}");

    let operator = app.token("ops@switchboard.example").await;
    let read: Value = app.get(&tenant(&northwind), Some(&operator)).await.json().await.unwrap();
    assert_eq!(read, json!({ "id": northwind, "name": "Northwind Telecom", "kind": "reseller" }));
    let read: Value = app.get(&tenant(&acme), Some(&operator)).await.json().await.unwrap();
    assert_eq!(read["kind"], "customer");

    let staff = app.token("staff@northwind.example").await;
    let read: Value = app.get(&tenant(&globex), Some(&staff)).await.json().await.unwrap();
    assert_eq!(read["name"], "Globex");
    assert_problem(app.get(&tenant(&platform), Some(&staff)).await, 404, "not_found").await;

    // A customer's own people read their tenant whatever their roles; nothing else.
    let admin = app.token("admin@acme.example").await;
    let read: Value = app.get(&tenant(&acme), Some(&admin)).await.json().await.unwrap();
    assert_eq!(read["name"], "Acme Ltd");
    assert_problem(app.get(&tenant(&globex), Some(&admin)).await, 404, "not_found").await;
    assert_problem(app.get(&tenant("no-such-tenant"), Some(&admin)).await, 404, "not_found").await;
    let devices_admin = app.token("rose.chevalier@acme.example").await;
    let read: Value = app.get(&tenant(&acme), Some(&devices_admin)).await.json().await.unwrap();
    assert_eq!(read["kind"], "customer");
    assert_problem(app.get(&tenant(&acme), None).await, 401, "unauthenticated").await;
}
