//! The users API: create, read, patch, delete, with every rule enforced.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    create_answers_201_with_location_etag_and_an_invited_user,
    create_with_an_existing_email_is_409_naming_the_user_when_visible,
    create_lists_every_rule_violation_and_changes_nothing,
    create_names_every_invalid_field_and_changes_nothing,
    ids_and_unknown_fields_are_never_accepted,
    get_one_carries_an_etag_and_other_tenants_users_are_404,
    patch_takes_a_full_role_set_or_additions_and_removals,
    patch_with_a_stale_if_match_is_412,
    the_last_active_administrator_cannot_be_demoted_blocked_or_deleted,
    concurrent_demotions_of_three_administrators_leave_exactly_one,
    until_the_first_administrator_exists_only_creating_one_is_allowed,
    the_first_l3_supervisor_brings_realtime_to_every_essential_user,
    read_only_and_service_user_rules_are_enforced,
    every_change_is_audited_with_before_and_after,
    licences_count_holders_per_licensed_role,
    delete_answers_204_and_the_user_is_gone,
    blocking_through_the_api_ends_the_users_live_token,
    unique_extension_and_substitute_rules,
    a_new_users_time_zone_is_theirs_else_the_tenants_else_utc,
    a_users_language_is_theirs_else_their_regions,
);

async fn admin(app: &TestApp) -> (String, String) {
    (app.token("admin@acme.example").await, app.tenant_id("Acme Ltd").await)
}

fn users_path(tenant: &str) -> String {
    format!("/api/v1/customers/{tenant}/users")
}

async fn create_answers_201_with_location_etag_and_an_invited_user(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let body = json!({ "displayName": "  Zoé Test ", "email": "Zoe@Acme.example", "roles": ["customer.user", "customer.user.uc", "customer.user.uc.softphone"], "extension": "190" });
    let response = app.send(Method::POST, &users_path(&acme), &token, Some(body), None).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let user: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/customers/{acme}/users/{}", user["id"].as_str().unwrap()));
    assert_eq!(etag, "\"1\"");
    assert_eq!(user["displayName"], "Zoé Test");
    assert_eq!(user["status"], "invited");
    assert_eq!(user["timeZone"], "Europe/Paris", "the tenant's default time zone");
    assert_eq!(user["roles"], json!(["customer.user", "customer.user.uc", "customer.user.uc.softphone"]));
    let fetched: Value = app.get(&location, Some(&token)).await.json().await.unwrap();
    assert_eq!(fetched, user);
}

async fn create_with_an_existing_email_is_409_naming_the_user_when_visible(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let body = json!({ "displayName": "Again", "email": "ADMIN2@acme.example" });
    let problem =
        assert_problem(app.send(Method::POST, &users_path(&acme), &token, Some(body), None).await, 409, "user_exists")
            .await;
    assert_eq!(problem["existingUserId"], app.user_id("admin2@acme.example").await.as_str());
    // From another customer the e-mail is taken, but whose it is stays hidden.
    let globex_token = app.token("admin@globex.example").await;
    let globex = app.tenant_id("Globex").await;
    let body = json!({ "displayName": "Again", "email": "admin2@acme.example" });
    let problem = assert_problem(
        app.send(Method::POST, &users_path(&globex), &globex_token, Some(body), None).await,
        409,
        "user_exists",
    )
    .await;
    assert!(problem.get("existingUserId").is_none());
    let check: Value = app
        .get(&format!("{}/check?email=ADMIN2@acme.example", users_path(&globex)), Some(&globex_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check, json!({ "exists": true }));
    let check: Value = app
        .get(&format!("{}/check?email=nobody@acme.example", users_path(&acme)), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check, json!({ "exists": false }));
}

async fn create_lists_every_rule_violation_and_changes_nothing(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let before = app.users_fingerprint().await;
    let body = json!({ "displayName": "X", "email": "x@acme.example", "roles": ["customer.user.acd", "customer.user.supervisorl1", "customer.user.supervisorl2", "no.such.role"] });
    let problem =
        assert_problem(app.send(Method::POST, &users_path(&acme), &token, Some(body), None).await, 422, "role_rules")
            .await;
    let codes: Vec<&str> =
        problem["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["unknown_role", "missing_prerequisite", "missing_prerequisite", "missing_prerequisite", "exclusive_conflict"]
    );
    assert_eq!(problem["violations"][1]["role"], "customer.user.acd");
    assert_eq!(problem["violations"][1]["related"], json!(["customer.user.pbx"]));
    assert_eq!(app.users_fingerprint().await, before);
}

async fn create_names_every_invalid_field_and_changes_nothing(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let before = app.users_fingerprint().await;
    let long = "n".repeat(101);
    let body = json!({ "displayName": long, "email": "not-an-address", "extension": "1", "timeZone": "Mars/Olympus Mons", "externalId": " " });
    let problem = assert_problem(
        app.send(Method::POST, &users_path(&acme), &token, Some(body), None).await,
        422,
        "invalid_fields",
    )
    .await;
    let fields: Vec<&str> =
        problem["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["displayName", "email", "timeZone", "extension", "externalId"]);
    assert_eq!(app.users_fingerprint().await, before);
}

async fn ids_and_unknown_fields_are_never_accepted(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let body = json!({ "id": "chosen", "displayName": "X", "email": "x@acme.example" });
    let problem =
        assert_problem(app.send(Method::POST, &users_path(&acme), &token, Some(body), None).await, 400, "invalid_body")
            .await;
    assert!(problem["detail"].as_str().unwrap().contains("unknown field `id`"));
    let alice = app.user_id("admin@acme.example").await;
    let body = json!({ "isAdmin": true });
    assert_problem(
        app.send(Method::PATCH, &format!("{}/{alice}", users_path(&acme)), &token, Some(body), None).await,
        400,
        "invalid_body",
    )
    .await;
}

async fn get_one_carries_an_etag_and_other_tenants_users_are_404(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let alice = app.user_id("admin@acme.example").await;
    let response = app.get(&format!("{}/{alice}", users_path(&acme)), Some(&token)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["etag"], "\"1\"");
    let hank = app.user_id("admin@globex.example").await;
    // Hank exists, in Globex: through Acme's path he is not found.
    assert_problem(app.get(&format!("{}/{hank}", users_path(&acme)), Some(&token)).await, 404, "not_found").await;
    let body = json!({ "displayName": "Hacked" });
    assert_problem(
        app.send(Method::PATCH, &format!("{}/{hank}", users_path(&acme)), &token, Some(body), None).await,
        404,
        "not_found",
    )
    .await;
}

async fn patch_takes_a_full_role_set_or_additions_and_removals(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let louis = app.user_id("louis.fournier@acme.example").await;
    let path = format!("{}/{louis}", users_path(&acme));
    let body = json!({ "roles": ["customer.user", "customer.user.supervisorl2"] });
    let user: Value = app.send(Method::PATCH, &path, &token, Some(body), None).await.json().await.unwrap();
    // Roles come in catalogue order: supervisor levels before permissions.
    assert_eq!(user["roles"], json!(["customer.user.supervisorl2", "customer.user"]));
    assert_eq!(user["version"], 2);
    let body = json!({ "addRoles": ["customer.user.crm"], "removeRoles": ["customer.user.supervisorl2"] });
    let response = app.send(Method::PATCH, &path, &token, Some(body), None).await;
    assert_eq!(response.headers()["etag"], "\"3\"");
    let user: Value = response.json().await.unwrap();
    assert_eq!(user["roles"], json!(["customer.user", "customer.user.crm"]));
    let body = json!({ "roles": [], "addRoles": ["customer.user.crm"] });
    assert_problem(app.send(Method::PATCH, &path, &token, Some(body), None).await, 400, "roles_conflict").await;
    // A patch that changes nothing writes nothing.
    let body = json!({ "addRoles": ["customer.user.crm"] });
    let user: Value = app.send(Method::PATCH, &path, &token, Some(body), None).await.json().await.unwrap();
    assert_eq!(user["version"], 3);
}

async fn patch_with_a_stale_if_match_is_412(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let louis = app.user_id("louis.fournier@acme.example").await;
    let path = format!("{}/{louis}", users_path(&acme));
    let body = json!({ "displayName": "Louis F." });
    let ok = app.send(Method::PATCH, &path, &token, Some(body.clone()), Some(("If-Match", "\"1\""))).await;
    assert_eq!(ok.status(), 200);
    let problem = assert_problem(
        app.send(Method::PATCH, &path, &token, Some(json!({ "displayName": "Stale" })), Some(("If-Match", "\"1\"")))
            .await,
        412,
        "precondition_failed",
    )
    .await;
    assert!(problem["title"].as_str().unwrap().contains("reload"));
    let user: Value = app.get(&path, Some(&token)).await.json().await.unwrap();
    assert_eq!(user["displayName"], "Louis F.");
    assert_problem(
        app.send(Method::DELETE, &path, &token, None, Some(("If-Match", "\"1\""))).await,
        412,
        "precondition_failed",
    )
    .await;
}

async fn the_last_active_administrator_cannot_be_demoted_blocked_or_deleted(app: TestApp) {
    let (token, acme) = admin(&app).await;
    for email in ["admin2@acme.example", "admin3@acme.example"] {
        let path = format!("{}/{}", users_path(&acme), app.user_id(email).await);
        let response =
            app.send(Method::PATCH, &path, &token, Some(json!({ "removeRoles": ["user.admin"] })), None).await;
        assert_eq!(response.status(), 200, "{email}");
    }
    let path = format!("{}/{}", users_path(&acme), app.user_id("admin@acme.example").await);
    let before = app.users_fingerprint().await;
    for (method, body) in [
        (Method::PATCH, Some(json!({ "removeRoles": ["user.admin"] }))),
        (Method::PATCH, Some(json!({ "status": "blocked" }))),
        (Method::DELETE, None),
    ] {
        let problem = assert_problem(app.send(method, &path, &token, body, None).await, 422, "last_user_admin").await;
        assert_eq!(problem["title"], "There must be at least one user administrator");
        assert_eq!(problem["violations"][0]["code"], "last_user_admin");
    }
    // Taking Website access away breaks two rules at once: both are listed.
    let body = Some(json!({ "removeRoles": ["customer.user"] }));
    let problem = assert_problem(app.send(Method::PATCH, &path, &token, body, None).await, 422, "role_rules").await;
    let codes: Vec<&str> =
        problem["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["missing_prerequisite", "missing_prerequisite", "last_user_admin"]);
    assert_eq!(app.users_fingerprint().await, before);
}

async fn concurrent_demotions_of_three_administrators_leave_exactly_one(app: TestApp) {
    // Reseller staff act: a demoted administrator's own later requests would be 403.
    let token = app.token("staff@northwind.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    for round in 0..5 {
        let emails = ["admin@acme.example", "admin2@acme.example", "admin3@acme.example"];
        // Restore three administrators (by SQL: the state under test, not an API call).
        for email in emails {
            let id = app.user_id(email).await;
            sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = 'user.admin'")
                .bind(&id)
                .execute(&app.db)
                .await
                .unwrap();
            sqlx::query("INSERT INTO user_roles (user_id, role, tenant_id) SELECT id, 'user.admin', tenant_id FROM users WHERE id = $1")
                .bind(&id)
                .execute(&app.db)
                .await
                .unwrap();
        }
        let mut requests = Vec::new();
        for email in emails {
            let path = format!("{}/{}", users_path(&acme), app.user_id(email).await);
            let (http, url, token) = (app.http.clone(), app.url.clone(), token.clone());
            requests.push(tokio::spawn(async move {
                http.patch(format!("{url}{path}"))
                    .bearer_auth(token)
                    .json(&json!({ "removeRoles": ["user.admin"] }))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for r in requests {
            statuses.push(r.await.unwrap());
        }
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 200, 422], "round {round}");
        let mut admins = 0;
        for email in emails {
            admins += usize::from(app.roles_of(email).await.iter().any(|r| r == "user.admin"));
        }
        assert_eq!(admins, 1, "round {round}");
    }
}

async fn until_the_first_administrator_exists_only_creating_one_is_allowed(app: TestApp) {
    // A new customer under Northwind, as onboarding leaves it: users imported, no administrator.
    let northwind = app.tenant_id("Northwind Telecom").await;
    let initech = "t-initech";
    sqlx::query("INSERT INTO tenants (id, parent_id, kind, name, region, created_at) VALUES ($1, $2, 'customer', 'Initech', 'FR', '2026-01-01T00:00:00.000Z')")
        .bind(initech)
        .bind(&northwind)
        .execute(&app.db)
        .await
        .unwrap();
    let staff = app.token("staff@northwind.example").await;
    let path = users_path(initech);
    let agent = json!({ "displayName": "Peter Gibbons", "email": "peter@initech.example", "roles": ["customer.user", "customer.user.uc"] });
    let problem =
        assert_problem(app.send(Method::POST, &path, &staff, Some(agent.clone()), None).await, 422, "admin_required")
            .await;
    assert_eq!(problem["violations"][0]["related"], json!(["customer.user", "user.admin"]));
    let first = json!({ "displayName": "Bill Lumbergh", "email": "bill@initech.example", "roles": ["customer.user", "user.admin"] });
    assert_eq!(app.send(Method::POST, &path, &staff, Some(first), None).await.status(), 201);
    // An invited administrator counts for rule 6: other changes are allowed now.
    assert_eq!(app.send(Method::POST, &path, &staff, Some(agent), None).await.status(), 201);
}

async fn the_first_l3_supervisor_brings_realtime_to_every_essential_user(app: TestApp) {
    let token = app.token("admin@globex.example").await;
    let globex = app.tenant_id("Globex").await;
    assert!(!app.roles_of("mindy.simmons@globex.example").await.contains(&"customer.user.pbx.realtime".to_owned()));
    let lenny = format!("{}/{}", users_path(&globex), app.user_id("lenny.leonard@globex.example").await);
    let body = json!({ "roles": ["customer.user", "customer.user.supervisorl3"] });
    assert_eq!(app.send(Method::PATCH, &lenny, &token, Some(body), None).await.status(), 200);
    for email in ["mindy.simmons@globex.example", "frank.grimes@globex.example"] {
        assert!(app.roles_of(email).await.contains(&"customer.user.pbx.realtime".to_owned()), "{email}");
    }
    let audit: Value = app.get(&format!("/api/v1/customers/{globex}/audit"), Some(&token)).await.json().await.unwrap();
    let auto = audit["items"].as_array().unwrap().iter().filter(|e| e["action"] == "roles.auto_assigned").count();
    assert_eq!(auto, 2);
    // While the supervisor exists, taking the add-on away is refused.
    let mindy = format!("{}/{}", users_path(&globex), app.user_id("mindy.simmons@globex.example").await);
    let body = json!({ "removeRoles": ["customer.user.pbx.realtime"] });
    assert_problem(app.send(Method::PATCH, &mindy, &token, Some(body), None).await, 422, "auto_assigned_role").await;
}

async fn read_only_and_service_user_rules_are_enforced(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let louis = format!("{}/{}", users_path(&acme), app.user_id("louis.fournier@acme.example").await);
    // Read-only, and (an l3 supervisor exists) it would also need the real-time add-on.
    let body = json!({ "addRoles": ["customer.user.pbx"] });
    let problem =
        assert_problem(app.send(Method::PATCH, &louis, &token, Some(body), None).await, 422, "role_rules").await;
    let codes: Vec<&str> =
        problem["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["read_only_role", "auto_assigned_role"]);
    let manon = format!("{}/{}", users_path(&acme), app.user_id("manon.girard@acme.example").await);
    let body = json!({ "removeRoles": ["customer.user.pbx", "customer.user.pbx.realtime"] });
    let problem =
        assert_problem(app.send(Method::PATCH, &manon, &token, Some(body), None).await, 422, "read_only_role").await;
    assert_eq!(problem["violations"][0]["role"], "customer.user.pbx");
    let body = json!({ "displayName": "Sync bot", "email": "bot@acme.example", "serviceUser": true, "roles": ["customer.user", "customer.user.supervisorl1"] });
    assert_problem(
        app.send(Method::POST, &users_path(&acme), &token, Some(body), None).await,
        422,
        "service_user_licence",
    )
    .await;
}

async fn every_change_is_audited_with_before_and_after(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let louis_id = app.user_id("louis.fournier@acme.example").await;
    let body = json!({ "displayName": "Louis Fournier-Martin", "addRoles": ["customer.user.crm"], "removeRoles": ["recording.listener"] });
    app.send(Method::PATCH, &format!("{}/{louis_id}", users_path(&acme)), &token, Some(body), None).await;
    let trail: Value =
        app.get(&format!("/api/v1/customers/{acme}/audit?userId={louis_id}"), Some(&token)).await.json().await.unwrap();
    assert_eq!(trail["total"], 1);
    let event = &trail["items"][0];
    assert_eq!(event["action"], "user.updated");
    assert_eq!(event["actorEmail"], "admin@acme.example");
    assert_eq!(
        event["changes"]["fields"],
        json!({ "displayName": { "before": "Louis Fournier", "after": "Louis Fournier-Martin" } })
    );
    assert_eq!(event["changes"]["rolesAdded"], json!(["customer.user.crm"]));
    assert_eq!(event["changes"]["rolesRemoved"], json!(["recording.listener"]));
    // Refused changes leave no trace.
    let body = json!({ "addRoles": ["customer.user.pbx"] });
    app.send(Method::PATCH, &format!("{}/{louis_id}", users_path(&acme)), &token, Some(body), None).await;
    let trail: Value =
        app.get(&format!("/api/v1/customers/{acme}/audit?userId={louis_id}"), Some(&token)).await.json().await.unwrap();
    assert_eq!(trail["total"], 1);
}

async fn licences_count_holders_per_licensed_role(app: TestApp) {
    let token = app.token("admin@globex.example").await;
    let globex = app.tenant_id("Globex").await;
    let usage: Value =
        app.get(&format!("/api/v1/customers/{globex}/licences"), Some(&token)).await.json().await.unwrap();
    let count =
        |role: &str| usage["licences"].as_array().unwrap().iter().find(|l| l["role"] == role).unwrap()["count"].clone();
    assert_eq!(usage["licences"].as_array().unwrap().len(), 11);
    assert_eq!(count("customer.user.uc.essential"), 2);
    assert_eq!(count("customer.user.acd"), 1);
    assert_eq!(count("customer.user.supervisorl2"), 1);
    assert_eq!(count("customer.user.pbx"), 0);
}

async fn delete_answers_204_and_the_user_is_gone(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let theo = app.user_id("theo.masson@acme.example").await;
    let path = format!("{}/{theo}", users_path(&acme));
    let response = app.send(Method::DELETE, &path, &token, None, None).await;
    assert_eq!(response.status(), 204);
    assert_problem(app.get(&path, Some(&token)).await, 404, "not_found").await;
    assert_problem(app.send(Method::DELETE, &path, &token, None, None).await, 404, "not_found").await;
    let trail: Value =
        app.get(&format!("/api/v1/customers/{acme}/audit?userId={theo}"), Some(&token)).await.json().await.unwrap();
    assert_eq!(trail["items"][0]["action"], "user.deleted");
    assert_eq!(trail["items"][0]["changes"]["fields"]["email"], "theo.masson@acme.example");
}

async fn blocking_through_the_api_ends_the_users_live_token(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let chloe_token = app.token("admin3@acme.example").await;
    let chloe = format!("{}/{}", users_path(&acme), app.user_id("admin3@acme.example").await);
    let user: Value =
        app.send(Method::PATCH, &chloe, &token, Some(json!({ "status": "blocked" })), None).await.json().await.unwrap();
    assert_eq!(user["status"], "blocked");
    assert_problem(app.get("/api/v1/me", Some(&chloe_token)).await, 401, "unauthenticated").await;
    // Unblocking a user who had activated makes them active again; an invited one stays invited.
    let user: Value =
        app.send(Method::PATCH, &chloe, &token, Some(json!({ "status": "active" })), None).await.json().await.unwrap();
    assert_eq!(user["status"], "active");
    let gaelle = format!("{}/{}", users_path(&acme), app.user_id("gaelle.michel@acme.example").await);
    assert_problem(
        app.send(Method::PATCH, &gaelle, &token, Some(json!({ "status": "active" })), None).await,
        422,
        "invalid_fields",
    )
    .await;
}

async fn unique_extension_and_substitute_rules(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let louis_id = app.user_id("louis.fournier@acme.example").await;
    let louis = format!("{}/{louis_id}", users_path(&acme));
    let problem = assert_problem(
        app.send(Method::PATCH, &louis, &token, Some(json!({ "extension": "100" })), None).await,
        422,
        "invalid_fields",
    )
    .await;
    assert_eq!(
        problem["fields"][0],
        json!({ "field": "extension", "code": "taken", "message": "Another user of this tenant has this extension" })
    );
    let problem = assert_problem(
        app.send(Method::PATCH, &louis, &token, Some(json!({ "substituteId": louis_id })), None).await,
        422,
        "invalid_fields",
    )
    .await;
    assert_eq!(problem["fields"][0]["code"], "self");
    let hank = app.user_id("admin@globex.example").await;
    let problem = assert_problem(
        app.send(Method::PATCH, &louis, &token, Some(json!({ "substituteId": hank })), None).await,
        422,
        "invalid_fields",
    )
    .await;
    assert_eq!(problem["fields"][0]["code"], "not_found");
    let karine = app.user_id("karine.roux@acme.example").await;
    let user: Value = app
        .send(Method::PATCH, &louis, &token, Some(json!({ "substituteId": karine, "extension": null })), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((user["substituteId"].as_str(), user["extension"].is_null()), (Some(karine.as_str()), true));
    // Another tenant may use the same extension.
    let globex_token = app.token("admin@globex.example").await;
    let globex = app.tenant_id("Globex").await;
    let body = json!({ "displayName": "Moe", "email": "moe@globex.example", "extension": "100" });
    assert_eq!(app.send(Method::POST, &users_path(&globex), &globex_token, Some(body), None).await.status(), 201);
}

async fn a_new_users_time_zone_is_theirs_else_the_tenants_else_utc(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let path = users_path(&acme);
    let create = |email: &str, zone: Option<&str>| {
        let mut body = json!({ "displayName": "Tz Test", "email": email, "roles": ["customer.user"] });
        if let Some(zone) = zone {
            body["timeZone"] = json!(zone);
        }
        app.send(Method::POST, &path, &token, Some(body), None)
    };
    let zone_of = |response: reqwest::Response| async move {
        assert_eq!(response.status(), 201);
        response.json::<Value>().await.unwrap()["timeZone"].as_str().unwrap().to_owned()
    };
    assert_eq!(zone_of(create("tz1@acme.example", Some("America/Toronto")).await).await, "America/Toronto");
    assert_eq!(zone_of(create("tz2@acme.example", None).await).await, "Europe/Paris");
    sqlx::query("UPDATE tenants SET default_time_zone = NULL WHERE id = $1")
        .bind(&acme)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(zone_of(create("tz3@acme.example", None).await).await, "UTC");

    let globex_admin = app.token("admin@globex.example").await;
    let globex = app.tenant_id("Globex").await;
    let body = json!({ "displayName": "Tz Test", "email": "tz@globex.example", "roles": ["customer.user"] });
    let response = app.send(Method::POST, &users_path(&globex), &globex_admin, Some(body), None).await;
    assert_eq!(zone_of(response).await, "Europe/London");
}

async fn a_users_language_is_theirs_else_their_regions(app: TestApp) {
    let (token, acme) = admin(&app).await;
    let path = users_path(&acme);
    let create = |email: &str, language: Option<&str>| {
        let mut body = json!({ "displayName": "Lang Test", "email": email, "roles": ["customer.user"] });
        if let Some(language) = language {
            body["language"] = json!(language);
        }
        app.send(Method::POST, &path, &token, Some(body), None)
    };
    let created: Value = create("l1@acme.example", None).await.json().await.unwrap();
    assert_eq!(created["language"], "fr", "Acme is in France");
    let created: Value = create("l2@acme.example", Some("ES")).await.json().await.unwrap();
    assert_eq!(created["language"], "es");
    let id = created["id"].as_str().unwrap();
    let patched: Value = app
        .send(Method::PATCH, &format!("{path}/{id}"), &token, Some(json!({ "language": "ru" })), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(patched["language"], "ru");
    let before = app.users_fingerprint().await;
    let refused =
        app.send(Method::PATCH, &format!("{path}/{id}"), &token, Some(json!({ "language": "de" })), None).await;
    let problem = assert_problem(refused, 422, "invalid_fields").await;
    assert_eq!(problem["fields"][0]["field"], "language");
    assert_problem(create("l3@acme.example", Some("klingon")).await, 422, "invalid_fields").await;
    assert_eq!(app.users_fingerprint().await, before);
}
