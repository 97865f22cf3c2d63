//! Importing users: CSV uploads and the Kazoo-style PBX directory (rule 7).

use axum::{
    extract::Path,
    http::{HeaderMap, StatusCode},
    routing::{get, put},
    Json, Router,
};
use reqwest::Method;
use serde_json::{json, Value};
use switchboard_backend::{auth, config::ClientIpSource};

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    a_csv_import_creates_then_updates_and_never_duplicates,
    a_csv_with_bad_rows_imports_nothing_and_names_every_bad_row,
    imported_users_get_the_roles_of_rule_7,
    imports_come_before_the_first_administrator,
    the_pbx_directory_is_imported_the_same_way,
    a_pbx_on_a_private_network_is_reached_only_when_allowed,
    a_pbx_answer_past_the_size_cap_is_refused,
    an_import_waits_for_the_write_turn_only_to_write,
    rows_checked_before_another_write_are_checked_again,
    imports_are_refused_to_whom_and_what_they_should_be,
);

/// A new customer of Northwind (FR unless `region`), with ACD auto-assignment on.
async fn new_customer(app: &TestApp, staff: &str, region: &str, pbx: Option<Value>) -> String {
    let northwind = app.tenant_id("Northwind Telecom").await;
    let mut body =
        json!({ "name": format!("Initech {region}"), "region": region, "settings": { "autoAssignAcd": true } });
    if let Some(pbx) = pbx {
        body["pbx"] = pbx;
    }
    let response =
        app.send(Method::POST, &format!("/api/v1/resellers/{northwind}/customers"), staff, Some(body), None).await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
}

const THREE: &str = "displayName,email,extension,externalId,agent\n\
                     Peter Gibbons,peter@initech.example,201,pbx-1,true\n\
                     Samir Nagheenanajar,samir@initech.example,202,pbx-2,false\n\
                     Michael Bolton,michael@initech.example,,pbx-3,\n";

async fn a_csv_import_creates_then_updates_and_never_duplicates(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let initech = new_customer(&app, &staff, "FR", None).await;

    // A dry run reports and writes nothing.
    let report: Value = app.import_csv(&staff, &initech, THREE, true).await.json().await.unwrap();
    assert_eq!(report, json!({ "dryRun": true, "created": 3, "updated": 0, "unchanged": 0 }));
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users WHERE tenant_id = $1")
            .bind(&initech)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 0);

    let report: Value = app.import_csv(&staff, &initech, THREE, false).await.json().await.unwrap();
    assert_eq!(report, json!({ "dryRun": false, "created": 3, "updated": 0, "unchanged": 0 }));
    assert_eq!(count().await, 3);
    let peter: Value = app
        .get(&format!("/api/v1/customers/{initech}/users?q=peter"), Some(&staff))
        .await
        .json::<Value>()
        .await
        .unwrap()["items"][0]
        .clone();
    assert_eq!(
        (peter["status"].as_str(), peter["extension"].as_str(), peter["externalId"].as_str()),
        (Some("invited"), Some("201"), Some("pbx-1"))
    );
    assert_eq!(peter["timeZone"], "UTC");
    assert_eq!(
        peter["roles"],
        json!(["customer.user.pbx", "customer.user.acd"]),
        "essential (FR) and, as an agent, ACD"
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE tenant_id = $1 AND action = 'user.imported'")
            .bind(&initech)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audited, 3);

    // The same file again: nothing changes.
    let report: Value = app.import_csv(&staff, &initech, THREE, false).await.json().await.unwrap();
    assert_eq!(report, json!({ "dryRun": false, "created": 0, "updated": 0, "unchanged": 3 }));
    assert_eq!(count().await, 3);

    // Matched by external id (the e-mail changed), then by e-mail (no id in the file).
    let edited = "email,displayName,externalId\n\
                  peter.gibbons@initech.example,Peter Gibbons,pbx-1\n\
                  samir@initech.example,Samir N.,\n";
    let report: Value = app.import_csv(&staff, &initech, edited, false).await.json().await.unwrap();
    assert_eq!(report, json!({ "dryRun": false, "created": 0, "updated": 2, "unchanged": 0 }));
    assert_eq!(count().await, 3);
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM users WHERE tenant_id = $1 ORDER BY email")
        .bind(&initech)
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(emails, ["michael@initech.example", "peter.gibbons@initech.example", "samir@initech.example"]);
    let samir: (String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT display_name, external_id, extension FROM users WHERE email_key = 'samir@initech.example'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(samir, ("Samir N.".to_owned(), None, None), "the file is the directory: no id, no extension");
    assert_eq!(app.roles_of("samir@initech.example").await, ["customer.user.pbx"], "roles kept as they were");

    // An export imports back unchanged.
    let export =
        app.get(&format!("/api/v1/customers/{initech}/users/export"), Some(&staff)).await.text().await.unwrap();
    let report: Value = app.import_csv(&staff, &initech, &export, false).await.json().await.unwrap();
    assert_eq!(report, json!({ "dryRun": false, "created": 0, "updated": 0, "unchanged": 3 }));
}

async fn a_csv_with_bad_rows_imports_nothing_and_names_every_bad_row(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let initech = new_customer(&app, &staff, "FR", None).await;
    let csv = "displayName,email,extension,externalId,agent\n\
               Good One,good@initech.example,301,g-1,false\n\
               ,no-name@initech.example,,,\n\
               Bad Mail,not-an-address,,,\n\
               Twice,good@initech.example,,,\n\
               Short Ext,short@initech.example,1,,\n\
               Alice Elsewhere,admin@acme.example,,,\n\
               Same Ext,same@initech.example,301,,\n\
               Maybe Agent,maybe@initech.example,,,perhaps\n";
    let before = app.users_fingerprint().await;
    let problem = assert_problem(app.import_csv(&staff, &initech, csv, false).await, 422, "invalid_rows").await;
    let rows: Vec<(u64, String, String)> = problem["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["field"].as_str().unwrap_or("").to_owned(),
                r["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (2, "extension", "taken"),
        (3, "displayName", "required"),
        (4, "email", "invalid"),
        (5, "email", "duplicate"),
        (6, "extension", "invalid"),
        (7, "email", "taken"),
        (8, "extension", "taken"),
        (9, "agent", "invalid"),
    ];
    let expected: Vec<(u64, String, String)> =
        expected.iter().map(|(r, f, c)| (*r, (*f).to_owned(), (*c).to_owned())).collect();
    assert_eq!(rows, expected, "{problem}");
    assert!(!problem.to_string().contains("Alice"), "another tenant's user is not named: {problem}");
    assert_eq!(app.users_fingerprint().await, before, "nothing imported");
    // A dry run reports the same.
    assert_problem(app.import_csv(&staff, &initech, csv, true).await, 422, "invalid_rows").await;
}

async fn imported_users_get_the_roles_of_rule_7(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    // GB: the UC essential role; ACD for agents as auto-assignment is on.
    let gb = new_customer(&app, &staff, "GB", None).await;
    app.import_csv(&staff, &gb, THREE, false).await.error_for_status().unwrap();
    assert_eq!(app.roles_of("peter@initech.example").await, ["customer.user.acd", "customer.user.uc.essential"]);
    assert_eq!(app.roles_of("samir@initech.example").await, ["customer.user.uc.essential"]);

    // Acme (FR, auto-assignment off) has a level-3 supervisor: the real-time add-on too, and no ACD.
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let csv = "displayName,email,agent\nNew Agent,new.agent@acme.example,true\n";
    let report: Value = app.import_csv(&admin, &acme, csv, false).await.json().await.unwrap();
    assert_eq!(report["created"], 1);
    assert_eq!(app.roles_of("new.agent@acme.example").await, ["customer.user.pbx", "customer.user.pbx.realtime"]);
}

async fn imports_come_before_the_first_administrator(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let initech = new_customer(&app, &staff, "FR", None).await;
    app.import_csv(&staff, &initech, THREE, false).await.error_for_status().unwrap();

    // Still no administrator: other changes wait (rule 6).
    let users = format!("/api/v1/customers/{initech}/users");
    let plain = json!({ "displayName": "Lumbergh", "email": "bill@initech.example", "roles": ["customer.user"] });
    assert_problem(app.send(Method::POST, &users, &staff, Some(plain.clone()), None).await, 422, "admin_required")
        .await;
    // Imported users cannot sign in: they hold no portal role, so they are
    // not sent an activation link, and even with a password they are refused.
    let peter = app.user_id("peter@initech.example").await;
    let sent = app.send(Method::POST, &format!("{users}/{peter}/activation-email"), &staff, None, None).await;
    let problem = assert_problem(sent, 422, "invalid_fields").await;
    assert_eq!(
        (problem["fields"][0]["field"].as_str(), problem["fields"][0]["code"].as_str()),
        (Some("roles"), Some("no_portal_role"))
    );
    let hasher = auth::password::Hasher::new(auth::password::HashLimits::sized_to_cores());
    let hash = hasher.hash("a long new password".into()).await.unwrap();
    sqlx::query("UPDATE users SET password_hash = $1, status = 'active' WHERE id = $2")
        .bind(&hash)
        .bind(&peter)
        .execute(&app.db)
        .await
        .unwrap();
    assert_problem(app.login("peter@initech.example", "a long new password").await, 401, "invalid_credentials").await;

    // An imported user patched to be the administrator: then they may sign in, and other changes go through.
    let admin = json!({ "addRoles": ["customer.user", "user.admin"] });
    let response = app.send(Method::PATCH, &format!("{users}/{peter}"), &staff, Some(admin), None).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(app.login("peter@initech.example", "a long new password").await.status(), 200);
    assert_eq!(app.send(Method::POST, &users, &staff, Some(plain), None).await.status(), 201);
}

/// A Kazoo-style directory of three users, over two pages, for API key `k-123`.
async fn kazoo_server() -> String {
    async fn auth(Json(body): Json<Value>) -> Result<Json<Value>, StatusCode> {
        if body["data"]["api_key"] == "k-123" {
            Ok(Json(json!({ "auth_token": "tok-9", "status": "success" })))
        } else {
            Err(StatusCode::UNAUTHORIZED)
        }
    }
    async fn users(
        Path(account): Path<String>,
        headers: HeaderMap,
        query: axum::extract::Query<std::collections::HashMap<String, String>>,
    ) -> Result<Json<Value>, StatusCode> {
        if headers.get("x-auth-token").is_none_or(|t| t != "tok-9") {
            return Err(StatusCode::UNAUTHORIZED);
        }
        if account != "acc-42" {
            return Err(StatusCode::NOT_FOUND);
        }
        Ok(Json(match query.get("start_key").map(String::as_str) {
            None => json!({
                "data": [
                    { "id": "k-1", "first_name": "Joanna", "last_name": "Smith", "email": "joanna@chotchkies.example", "presence_id": "401", "queues": ["q-sales"] },
                    { "id": "k-2", "first_name": "Stan", "last_name": "Manager", "username": "stan@chotchkies.example", "presence_id": "402@chotchkies.sip" },
                ],
                "next_start_key": "k-3",
                "page_size": 2,
            }),
            Some("k-3") => json!({
                "data": [ { "id": "k-3", "first_name": "Brian", "email": "brian@chotchkies.example", "queues": [] } ],
            }),
            Some(_) => return Err(StatusCode::BAD_REQUEST),
        }))
    }
    let router = Router::new().route("/v2/api_auth", put(auth)).route("/v2/accounts/{account}/users", get(users));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}")
}

async fn the_pbx_directory_is_imported_the_same_way(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let base = kazoo_server().await;
    let pbx = json!({ "kind": "kazoo", "baseUrl": base, "accountId": "acc-42", "secret": "k-123" });
    let tenant = new_customer(&app, &staff, "GB", Some(pbx)).await;
    let sync = format!("/api/v1/customers/{tenant}/pbx/sync");

    let preview: Value =
        app.send(Method::POST, &format!("{sync}?dryRun=true"), &staff, None, None).await.json().await.unwrap();
    assert_eq!(preview, json!({ "dryRun": true, "created": 3, "updated": 0, "unchanged": 0 }));
    let report: Value = app.send(Method::POST, &sync, &staff, None, None).await.json().await.unwrap();
    assert_eq!(report, json!({ "dryRun": false, "created": 3, "updated": 0, "unchanged": 0 }));
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT display_name, email, extension, external_id FROM users WHERE tenant_id = $1 ORDER BY external_id",
    )
    .bind(&tenant)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            ("Joanna Smith".into(), "joanna@chotchkies.example".into(), Some("401".into()), Some("k-1".into())),
            ("Stan Manager".into(), "stan@chotchkies.example".into(), Some("402".into()), Some("k-2".into())),
            ("Brian".into(), "brian@chotchkies.example".into(), None, Some("k-3".into())),
        ]
    );
    assert_eq!(
        app.roles_of("joanna@chotchkies.example").await,
        ["customer.user.acd", "customer.user.uc.essential"],
        "an agent (queues)"
    );
    assert_eq!(app.roles_of("brian@chotchkies.example").await, ["customer.user.uc.essential"]);
    let again: Value = app.send(Method::POST, &sync, &staff, None, None).await.json().await.unwrap();
    assert_eq!(again["unchanged"], 3, "idempotent: {again}");
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT changes FROM audit_events WHERE tenant_id = $1 AND action = 'user.imported'")
            .bind(&tenant)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(audit.len() == 3 && audit.iter().all(|c| c.contains("\"source\":\"pbx\"")), "{audit:?}");

    // A wrong key, and a PBX that is not there: 502 with the reason, nothing changes.
    let path = format!("/api/v1/customers/{tenant}");
    let wrong = json!({ "pbx": { "kind": "kazoo", "baseUrl": base, "accountId": "acc-42", "secret": "wrong" } });
    app.send(Method::PATCH, &path, &staff, Some(wrong), None).await.error_for_status().unwrap();
    assert_problem(app.send(Method::POST, &sync, &staff, None, None).await, 502, "pbx_auth_failed").await;
    let gone = json!({ "pbx": { "kind": "kazoo", "baseUrl": "http://127.0.0.1:9", "accountId": "acc-42", "secret": "k-123" } });
    app.send(Method::PATCH, &path, &staff, Some(gone), None).await.error_for_status().unwrap();
    assert_problem(app.send(Method::POST, &sync, &staff, None, None).await, 502, "pbx_unreachable").await;
    // No connection at all: onboard by CSV.
    app.send(Method::PATCH, &path, &staff, Some(json!({ "pbx": null })), None).await.error_for_status().unwrap();
    assert_problem(app.send(Method::POST, &sync, &staff, None, None).await, 422, "no_pbx_connection").await;
}

async fn a_pbx_on_a_private_network_is_reached_only_when_allowed(app: TestApp) {
    let staff = app.token("staff@northwind.example").await;
    let pbx = json!({ "kind": "kazoo", "baseUrl": kazoo_server().await, "accountId": "acc-42", "secret": "k-123" });
    let tenant = new_customer(&app, &staff, "GB", Some(pbx)).await;
    let sync = format!("/api/v1/customers/{tenant}/pbx/sync");
    let before = app.users_fingerprint().await;

    // A server as deployed by default reaches public addresses only.
    let strict = app.instance(ClientIpSource::ConnectInfo).await;
    let refused = app.http.post(format!("http://{}{sync}", strict.addr)).bearer_auth(&staff).send().await.unwrap();
    let problem = assert_problem(refused, 422, "pbx_address_refused").await;
    assert!(!problem.to_string().contains("127.0.0.1"), "the address is not echoed: {problem}");
    assert_eq!(app.users_fingerprint().await, before);

    // Its key is not sent over plain http to a public address, whatever the operator allowed.
    let path = format!("/api/v1/customers/{tenant}");
    let public =
        json!({ "pbx": { "kind": "kazoo", "baseUrl": "http://8.8.8.8", "accountId": "acc-42", "secret": "k-123" } });
    app.send(Method::PATCH, &path, &staff, Some(public), None).await.error_for_status().unwrap();
    assert_problem(app.send(Method::POST, &sync, &staff, None, None).await, 422, "pbx_insecure").await;
    let private = json!({ "pbx": { "kind": "kazoo", "baseUrl": kazoo_server().await, "accountId": "acc-42", "secret": "k-123" } });
    app.send(Method::PATCH, &path, &staff, Some(private), None).await.error_for_status().unwrap();

    // This test's own server allows private networks (`SWITCHBOARD_ALLOW_PRIVATE_EGRESS`).
    let allowed: Value = app.send(Method::POST, &sync, &staff, None, None).await.json().await.unwrap();
    assert_eq!(allowed["created"], 3);
}

async fn imports_are_refused_to_whom_and_what_they_should_be(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let admin = app.token("admin@acme.example").await;
    let before = app.users_fingerprint().await;
    // Not CSV.
    let response = app
        .http
        .post(format!("{}/api/v1/customers/{acme}/users/import", app.url))
        .bearer_auth(&admin)
        .json(&json!([{ "displayName": "X", "email": "x@acme.example" }]))
        .send()
        .await
        .unwrap();
    assert_problem(response, 415, "unsupported_media_type").await;
    // Not this import's columns.
    let problem =
        assert_problem(app.import_csv(&admin, &acme, "name,mail\nX,x@acme.example\n", false).await, 400, "invalid_csv")
            .await;
    assert!(problem["detail"].as_str().unwrap().contains("name"), "{problem}");
    // Another customer's administrator, or someone who is not a user administrator.
    let globex = app.token("admin@globex.example").await;
    assert_problem(app.import_csv(&globex, &acme, THREE, false).await, 404, "not_found").await;
    let agent = app.token("damien.moreau@acme.example").await;
    assert_problem(app.import_csv(&agent, &acme, THREE, false).await, 403, "forbidden").await;
    // An unknown query parameter.
    let response = app
        .http
        .post(format!("{}/api/v1/customers/{acme}/users/import?dry=1", app.url))
        .bearer_auth(&admin)
        .header("content-type", "text/csv")
        .body(THREE)
        .send()
        .await
        .unwrap();
    assert_problem(response, 400, "invalid_query").await;
    assert_eq!(app.users_fingerprint().await, before);
}

/// A PBX that answers without end is read up to the size cap, then refused,
/// instead of filling the server's memory until the request times out.
async fn a_pbx_answer_past_the_size_cap_is_refused(app: TestApp) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0; 4096];
                let _ = socket.read(&mut request).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
                socket.write_all(head.as_bytes()).await.unwrap();
                let chunk = vec![b' '; 64 << 10];
                while socket.write_all(&chunk).await.is_ok() {}
            });
        }
    });
    let staff = app.token("staff@northwind.example").await;
    let pbx = json!({ "kind": "kazoo", "baseUrl": base, "accountId": "acc-42", "secret": "k-123" });
    let tenant = new_customer(&app, &staff, "GB", Some(pbx)).await;
    let before = app.users_fingerprint().await;
    let sync = format!("/api/v1/customers/{tenant}/pbx/sync");
    assert_problem(app.send(Method::POST, &sync, &staff, None, None).await, 502, "pbx_bad_response").await;
    assert_eq!(app.users_fingerprint().await, before);
}

/// Starts importing `THREE` into `tenant`, to be awaited later.
fn spawn_import(app: &TestApp, token: &str, tenant: &str) -> tokio::task::JoinHandle<reqwest::Response> {
    let (http, url, token, tenant) = (app.http.clone(), app.url.clone(), token.to_owned(), tenant.to_owned());
    tokio::spawn(async move {
        http.post(format!("{url}/api/v1/customers/{tenant}/users/import?dryRun=false"))
            .bearer_auth(token)
            .header("content-type", "text/csv")
            .body(THREE)
            .send()
            .await
            .unwrap()
    })
}

/// Holds the tenant's write lock from outside the server (the tenant's row on
/// PostgreSQL, the database's one writer on SQLite) until the connection's
/// transaction ends; `change` runs in that transaction.
async fn hold_tenant(app: &TestApp, tenant: &str, change: &str) -> sqlx::pool::PoolConnection<sqlx::Any> {
    use sqlx::Executor;
    let mut conn = app.db.acquire().await.unwrap();
    conn.execute("BEGIN").await.unwrap();
    sqlx::query("UPDATE tenants SET generation = generation WHERE id = $1")
        .bind(tenant)
        .execute(&mut *conn)
        .await
        .unwrap();
    if !change.is_empty() {
        conn.execute(change).await.unwrap();
    }
    conn
}

/// A dry run reads and checks without the write turn, so it answers while
/// another write holds the tenant; a real import checks outside the turn
/// too and waits for it only to write.
async fn an_import_waits_for_the_write_turn_only_to_write(app: TestApp) {
    use sqlx::Executor;
    let staff = app.token("staff@northwind.example").await;
    let initech = new_customer(&app, &staff, "FR", None).await;
    let mut held = hold_tenant(&app, &initech, "").await;
    let dry = tokio::time::timeout(std::time::Duration::from_secs(5), app.import_csv(&staff, &initech, THREE, true))
        .await
        .expect("a dry run does not wait for the write turn");
    assert_eq!(dry.json::<Value>().await.unwrap()["created"], 3);
    let import = spawn_import(&app, &staff, &initech);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(!import.is_finished(), "the write waits for the turn");
    held.execute("ROLLBACK").await.unwrap();
    let report: Value = import.await.unwrap().json().await.unwrap();
    assert_eq!(report["created"], 3);
}

/// An import checks its rows outside the write turn; a write that lands in
/// between (here an extension given to someone) sends it back to check them
/// in the turn, where the clash is found and nothing is written.
async fn rows_checked_before_another_write_are_checked_again(app: TestApp) {
    use sqlx::Executor;
    let staff = app.token("staff@northwind.example").await;
    let initech = new_customer(&app, &staff, "FR", None).await;
    let created: Value = app
        .import_csv(&staff, &initech, "displayName,email\nMilton Waddams,milton@initech.example\n", false)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(created["created"], 1);
    let change = format!(
        "UPDATE users SET extension = '201' WHERE email_key = 'milton@initech.example'; \
         UPDATE tenants SET generation = generation + 1 WHERE id = '{initech}'"
    );
    let mut held = hold_tenant(&app, &initech, &change).await;
    let import = spawn_import(&app, &staff, &initech);
    // Checked against the tenant before the change (Peter's extension 201 is free then).
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    held.execute("COMMIT").await.unwrap();
    let problem = assert_problem(import.await.unwrap(), 422, "invalid_rows").await;
    assert_eq!(problem["rows"][0]["field"], "extension", "{problem}");
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE tenant_id = $1")
        .bind(&initech)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(users, 1, "nothing written");
}
