//! Devices and softphone assignment.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    devices_are_seen_by_device_and_user_admins_and_changed_by_device_admins,
    creating_a_device_checks_its_fields_and_identifier,
    a_users_softphones_are_set_with_every_rule,
    deleting_a_device_unassigns_it,
    the_softphones_role_stays_while_softphones_are_assigned,
);

async fn devices_are_seen_by_device_and_user_admins_and_changed_by_device_admins(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let path = format!("/api/v1/customers/{acme}/devices");
    let admin = app.token("admin@acme.example").await;
    let list: Value = app.get(&path, Some(&admin)).await.json().await.unwrap();
    // Two softphones, the spare one and five desk phones.
    assert_eq!(list["items"].as_array().unwrap().len(), 8);
    // The listing names whom each device is assigned to.
    let hugos: Vec<&Value> =
        list["items"].as_array().unwrap().iter().filter(|d| d["userName"] == "Hugo Garcia").collect();
    assert_eq!(hugos.len(), 1, "{list}");
    assert_eq!(hugos[0]["userId"], app.user_id("hugo.garcia@acme.example").await.as_str());
    assert!(list["items"].as_array().unwrap().iter().any(|d| d["userId"].is_null() && d.get("userName").is_none()));
    let agent = app.token("damien.moreau@acme.example").await;
    assert_problem(app.get(&path, Some(&agent)).await, 403, "forbidden").await;
    let body = json!({ "name": "Lobby phone", "kind": "deskphone", "identifier": "00:11:22:33:44:55" });
    assert_problem(app.send(Method::POST, &path, &admin, Some(body.clone()), None).await, 403, "forbidden").await;
    let rose = app.token("rose.chevalier@acme.example").await;
    assert_eq!(app.send(Method::POST, &path, &rose, Some(body), None).await.status(), 201);
    let globex_admin = app.token("admin@globex.example").await;
    assert_problem(app.get(&path, Some(&globex_admin)).await, 404, "not_found").await;
}

async fn creating_a_device_checks_its_fields_and_identifier(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let path = format!("/api/v1/customers/{acme}/devices");
    let rose = app.token("rose.chevalier@acme.example").await;
    let body = json!({ "name": " Reception ", "kind": "softphone", "identifier": "sip:reception@acme.example" });
    let response = app.send(Method::POST, &path, &rose, Some(body.clone()), None).await;
    assert_eq!(response.status(), 201);
    let device: Value = response.json().await.unwrap();
    assert_eq!(
        (device["name"].as_str(), device["kind"].as_str(), device["userId"].is_null()),
        (Some("Reception"), Some("softphone"), true)
    );
    let problem =
        assert_problem(app.send(Method::POST, &path, &rose, Some(body), None).await, 422, "invalid_fields").await;
    assert_eq!(problem["fields"][0]["code"], "taken");
    let body = json!({ "name": "", "kind": "softphone", "identifier": "" });
    let problem =
        assert_problem(app.send(Method::POST, &path, &rose, Some(body), None).await, 422, "invalid_fields").await;
    assert_eq!(problem["fields"].as_array().unwrap().len(), 2);
    let body = json!({ "name": "Fax", "kind": "fax", "identifier": "x" });
    assert_problem(app.send(Method::POST, &path, &rose, Some(body), None).await, 400, "invalid_body").await;
}

async fn device_id(app: &TestApp, identifier: &str) -> String {
    sqlx::query_scalar("SELECT id FROM devices WHERE identifier = $1")
        .bind(identifier)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn a_users_softphones_are_set_with_every_rule(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let admin = app.token("admin@acme.example").await;
    let hugo = app.user_id("hugo.garcia@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{hugo}/devices");
    let spare = device_id(&app, "sip:spare@acme.example").await;
    let own = device_id(&app, "sip:hugo.garcia@acme.example").await;

    let response = app.send(Method::PUT, &path, &admin, Some(json!({ "deviceIds": [own, spare] })), None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["etag"], "\"2\"");
    let user: Value = response.json().await.unwrap();
    let mut devices: Vec<String> = serde_json::from_value(user["devices"].clone()).unwrap();
    devices.sort();
    let mut expected = vec![own.clone(), spare.clone()];
    expected.sort();
    assert_eq!(devices, expected);

    let ines_phone = device_id(&app, "sip:ines.bernard@acme.example").await;
    let desk = device_id(&app, "00:1A:2B:3C:4D:00").await;
    let problem = assert_problem(
        app.send(Method::PUT, &path, &admin, Some(json!({ "deviceIds": [ines_phone, desk, "nope"] })), None).await,
        422,
        "invalid_fields",
    )
    .await;
    let codes: Vec<&str> = problem["fields"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 3);
    assert!(
        codes.contains(&"assigned") && codes.contains(&"not_softphone") && codes.contains(&"not_found"),
        "{codes:?}"
    );

    // Louis holds no Softphones role.
    let louis = app.user_id("louis.fournier@acme.example").await;
    let louis_path = format!("/api/v1/customers/{acme}/users/{louis}/devices");
    assert_eq!(app.send(Method::PUT, &path, &admin, Some(json!({ "deviceIds": [own] })), None).await.status(), 200);
    assert_problem(
        app.send(Method::PUT, &louis_path, &admin, Some(json!({ "deviceIds": [spare] })), None).await,
        422,
        "softphone_role_required",
    )
    .await;

    // An empty list unassigns them all; the audit names what changed.
    let user: Value =
        app.send(Method::PUT, &path, &admin, Some(json!({ "deviceIds": [] })), None).await.json().await.unwrap();
    assert!(user["devices"].as_array().unwrap().iter().all(|d| d != &json!(own)));
    let trail: Value =
        app.get(&format!("/api/v1/customers/{acme}/audit?userId={hugo}"), Some(&admin)).await.json().await.unwrap();
    assert_eq!(trail["total"], 3);
    assert_eq!(trail["items"][0]["changes"]["devicesRemoved"], json!([own]));
}

async fn deleting_a_device_unassigns_it(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let rose = app.token("rose.chevalier@acme.example").await;
    let phone = device_id(&app, "sip:ines.bernard@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/devices/{phone}");
    assert_eq!(app.send(Method::DELETE, &path, &rose, None, None).await.status(), 204);
    assert_problem(app.send(Method::DELETE, &path, &rose, None, None).await, 404, "not_found").await;
    let admin = app.token("admin@acme.example").await;
    let ines = app.user_id("ines.bernard@acme.example").await;
    let user: Value =
        app.get(&format!("/api/v1/customers/{acme}/users/{ines}"), Some(&admin)).await.json().await.unwrap();
    assert!(!user["devices"].as_array().unwrap().contains(&json!(phone)));
    assert_eq!(user["devices"].as_array().unwrap().len(), 1, "her desk phone stays");
}

async fn the_softphones_role_stays_while_softphones_are_assigned(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let admin = app.token("admin@acme.example").await;
    let hugo = app.user_id("hugo.garcia@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{hugo}");
    let remove = json!({ "removeRoles": ["customer.user.uc.softphone"] });
    let response = app.send(Method::PATCH, &path, &admin, Some(remove.clone()), None).await;
    let problem = assert_problem(response, 422, "softphones_assigned").await;
    assert_eq!(problem["violations"][0]["role"], "customer.user.uc.softphone");
    assert!(app.roles_of("hugo.garcia@acme.example").await.contains(&"customer.user.uc.softphone".to_owned()));

    // Once his softphone is taken away, the role can go.
    let devices = format!("{path}/devices");
    assert_eq!(app.send(Method::PUT, &devices, &admin, Some(json!({ "deviceIds": [] })), None).await.status(), 200);
    assert_eq!(app.send(Method::PATCH, &path, &admin, Some(remove), None).await.status(), 200);
    assert!(!app.roles_of("hugo.garcia@acme.example").await.contains(&"customer.user.uc.softphone".to_owned()));
}
