//! Customers: onboarding step 1 by reseller staff, and customer settings.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    staff_create_customers_and_a_reference_is_unique_within_the_reseller,
    customers_are_created_by_staff_only_and_bad_input_changes_nothing,
    settings_are_changed_by_those_allowed_and_the_secret_is_never_returned,
    moving_a_pbx_connection_asks_for_its_key_again,
);

pub fn initech(reference: &str) -> Value {
    json!({
        "name": "Initech",
        "description": "Printers and TPS reports",
        "reference": reference,
        "region": "gb",
        "pbx": { "kind": "kazoo", "baseUrl": "https://pbx.example.net:8443/", "accountId": "acc-1", "secret": "k-SECRET-123" },
    })
}

async fn staff_create_customers_and_a_reference_is_unique_within_the_reseller(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let northwind = app.tenant_id("Northwind Telecom").await;
    let path = format!("/api/v1/resellers/{northwind}/customers");
    let response = app.send(Method::POST, &path, &staff, Some(initech("INI-1")), None).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let text = response.text().await.unwrap();
    assert!(!text.contains("k-SECRET-123"), "the secret is write-only: {text}");
    let created: Value = serde_json::from_str(&text).unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(location, format!("/api/v1/customers/{id}"));
    assert_eq!(created["resellerId"], northwind.as_str());
    assert_eq!(created["region"], "GB", "upper-cased");
    assert_eq!(
        created["pbx"],
        json!({ "kind": "kazoo", "baseUrl": "https://pbx.example.net:8443", "accountId": "acc-1", "hasSecret": true })
    );
    assert_eq!(created["settings"], json!({ "autoAssignAcd": false, "defaultTimeZone": null, "mfa": "optional" }));

    // It is one of the reseller's customers now, found by name or reference.
    let listed: Value = app.get(&format!("{path}?q=ini-"), Some(&staff)).await.json().await.unwrap();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["id"], id);
    let all: Value = app.get(&path, Some(&staff)).await.json().await.unwrap();
    assert_eq!(all["total"], 3, "Acme, Globex, Initech: {all}");
    let one = app.get(&location, Some(&staff)).await.text().await.unwrap();
    assert_eq!(serde_json::from_str::<Value>(&one).unwrap(), created);

    // The same reference again: 409 with the customer that has it; nothing created.
    let again = app.send(Method::POST, &path, &staff, Some(initech("INI-1")), None).await;
    let problem = assert_problem(again, 409, "customer_exists").await;
    assert_eq!(problem["existingCustomerId"], id);
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM tenants WHERE reference = 'INI-1'").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 1);

    // The creation is audited, without the secret.
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT changes FROM audit_events WHERE tenant_id = $1 AND action = 'customer.created'")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].contains("Initech") && !audit[0].contains("k-SECRET-123"), "{}", audit[0]);
}

async fn customers_are_created_by_staff_only_and_bad_input_changes_nothing(app: TestApp) {
    let northwind = app.tenant_id("Northwind Telecom").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let path = format!("/api/v1/resellers/{northwind}/customers");
    let tenants =
        || async { sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM tenants").fetch_one(&app.db).await.unwrap() };
    let before = tenants().await;

    // A customer's administrator does not reach the reseller: 404, as for any tenant out of reach.
    let admin = app.token("admin@acme.example").await;
    assert_problem(app.send(Method::POST, &path, &admin, Some(initech("X")), None).await, 404, "not_found").await;
    assert_problem(app.get(&path, Some(&admin)).await, 404, "not_found").await;
    // A customer is not a reseller.
    let staff = app.token("staff@northwind.example").await;
    let under_acme = format!("/api/v1/resellers/{acme}/customers");
    assert_problem(app.send(Method::POST, &under_acme, &staff, Some(initech("X")), None).await, 404, "not_found").await;
    assert_problem(app.get(&under_acme, Some(&staff)).await, 404, "not_found").await;

    // Every bad field at once; unknown fields and a client-chosen id refused.
    let bad = json!({ "name": " ", "region": "GBR", "pbx": { "kind": "kazoo", "baseUrl": "pbx.example.net", "accountId": "a/b" } });
    let problem =
        assert_problem(app.send(Method::POST, &path, &staff, Some(bad), None).await, 422, "invalid_fields").await;
    let mut fields: Vec<&str> =
        problem["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    fields.sort();
    assert_eq!(fields, ["name", "pbx.accountId", "pbx.baseUrl", "pbx.secret", "region"]);
    let with_id = json!({ "id": "mine", "name": "Initech" });
    assert_problem(app.send(Method::POST, &path, &staff, Some(with_id), None).await, 400, "invalid_body").await;
    assert_eq!(tenants().await, before);

    // The platform's operators onboard for any reseller.
    let ops = app.token("ops@switchboard.example").await;
    let response = app.send(Method::POST, &path, &ops, Some(json!({ "name": "Umbrella" })), None).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["pbx"], Value::Null, "onboarded by CSV");
}

async fn settings_are_changed_by_those_allowed_and_the_secret_is_never_returned(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let path = format!("/api/v1/customers/{acme}");
    let admin = app.token("admin@acme.example").await; // a user and settings administrator
    let staff = app.token("staff@northwind.example").await;

    let customer: Value = app.get(&path, Some(&admin)).await.json().await.unwrap();
    assert_eq!((customer["name"].as_str(), customer["region"].as_str()), (Some("Acme Ltd"), Some("FR")));
    assert_eq!(customer["settings"]["defaultTimeZone"], "Europe/Paris");

    // The customer's own settings administrator: description and time zone, not the staff's settings.
    let own = json!({ "description": "Head office", "settings": { "defaultTimeZone": "Europe/Berlin" } });
    let changed: Value = app.send(Method::PATCH, &path, &admin, Some(own), None).await.json().await.unwrap();
    assert_eq!(
        (changed["description"].as_str(), changed["settings"]["defaultTimeZone"].as_str()),
        (Some("Head office"), Some("Europe/Berlin"))
    );
    let staffs = json!({ "settings": { "autoAssignAcd": true }, "region": "GB" });
    let problem =
        assert_problem(app.send(Method::PATCH, &path, &admin, Some(staffs.clone()), None).await, 403, "staff_only")
            .await;
    assert!(problem["detail"].as_str().unwrap().contains("settings.autoAssignAcd"), "{problem}");
    // Someone who is not a settings (or user) administrator does not see it at all.
    let agent = app.token("damien.moreau@acme.example").await;
    assert_problem(app.get(&path, Some(&agent)).await, 403, "forbidden").await;
    // Another customer's administrator: 404.
    let globex = app.token("admin@globex.example").await;
    assert_problem(app.get(&path, Some(&globex)).await, 404, "not_found").await;

    // Staff change the rest; a PBX connection needs its secret the first time.
    let changed: Value = app.send(Method::PATCH, &path, &staff, Some(staffs), None).await.json().await.unwrap();
    assert_eq!((changed["settings"]["autoAssignAcd"].as_bool(), changed["region"].as_str()), (Some(true), Some("GB")));
    let no_secret = json!({ "pbx": { "kind": "kazoo", "baseUrl": "https://pbx.example.net", "accountId": "acme" } });
    let problem = assert_problem(
        app.send(Method::PATCH, &path, &staff, Some(no_secret.clone()), None).await,
        422,
        "invalid_fields",
    )
    .await;
    assert_eq!(problem["fields"][0]["field"], "pbx.secret");
    let with_secret = json!({ "pbx": { "kind": "kazoo", "baseUrl": "https://pbx.example.net", "accountId": "acme", "secret": "s3cr3t-key" } });
    let response = app.send(Method::PATCH, &path, &staff, Some(with_secret), None).await;
    assert_eq!(response.status(), 200);
    assert!(!response.text().await.unwrap().contains("s3cr3t-key"));
    // Changing the path or the account on the same server keeps the stored secret.
    let moved =
        json!({ "pbx": { "kind": "kazoo", "baseUrl": "https://pbx.example.net:443/kazoo", "accountId": "acme-2" } });
    let changed: Value = app.send(Method::PATCH, &path, &staff, Some(moved), None).await.json().await.unwrap();
    assert_eq!(
        (changed["pbx"]["baseUrl"].as_str(), changed["pbx"]["hasSecret"].as_bool()),
        (Some("https://pbx.example.net:443/kazoo"), Some(true))
    );
    let secret: Option<String> = sqlx::query_scalar("SELECT pbx_secret FROM tenants WHERE id = $1")
        .bind(&acme)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(secret.as_deref(), Some("s3cr3t-key"));
    let trail: Vec<String> =
        sqlx::query_scalar("SELECT changes FROM audit_events WHERE tenant_id = $1 AND action = 'customer.updated'")
            .bind(&acme)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(trail.len(), 4);
    assert!(trail.iter().all(|t| !t.contains("s3cr3t-key")), "{trail:?}");

    // A time zone of the wrong shape is refused and changes nothing.
    let bad = json!({ "settings": { "defaultTimeZone": "Paris time" } });
    let problem =
        assert_problem(app.send(Method::PATCH, &path, &staff, Some(bad), None).await, 422, "invalid_fields").await;
    assert_eq!(problem["fields"][0]["field"], "settings.defaultTimeZone");
    let now: Value = app.get(&path, Some(&staff)).await.json().await.unwrap();
    assert_eq!(now["settings"]["defaultTimeZone"], "Europe/Berlin");
}

/// A stored PBX key follows its connection only to the same server: whoever
/// may edit the address cannot have the key sent elsewhere.
async fn moving_a_pbx_connection_asks_for_its_key_again(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let path = format!("/api/v1/customers/{acme}");
    let staff = app.token("staff@northwind.example").await;
    let first = json!({ "pbx": { "kind": "kazoo", "baseUrl": "https://pbx.example.net", "accountId": "acme", "secret": "s3cr3t-key" } });
    assert_eq!(app.send(Method::PATCH, &path, &staff, Some(first), None).await.status(), 200);
    let version = || async {
        sqlx::query_as::<_, (Option<String>, Option<String>)>(
            "SELECT pbx_base_url, pbx_secret FROM tenants WHERE id = $1",
        )
        .bind(&acme)
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    let before = version().await;
    for elsewhere in [
        "https://attacker.example",
        "http://pbx.example.net",
        "https://pbx.example.net:8443",
        "https://pbx.example.net.attacker.example",
    ] {
        let moved = json!({ "pbx": { "kind": "kazoo", "baseUrl": elsewhere, "accountId": "acme" } });
        let problem =
            assert_problem(app.send(Method::PATCH, &path, &staff, Some(moved), None).await, 422, "invalid_fields")
                .await;
        assert_eq!(problem["fields"][0]["field"], "pbx.secret", "{elsewhere}");
        assert_eq!(version().await, before, "{elsewhere}: nothing changed");
    }
    // With the key given again, it moves.
    let moved = json!({ "pbx": { "kind": "kazoo", "baseUrl": "https://pbx2.example.net", "accountId": "acme", "secret": "other-key" } });
    assert_eq!(app.send(Method::PATCH, &path, &staff, Some(moved), None).await.status(), 200);
    assert_eq!(version().await, (Some("https://pbx2.example.net".into()), Some("other-key".into())));
}
