//! The users list's totals (kept in `user_counts` by every write) and its two
//! plans (walking the order's index, or starting from the few matches):
//! whatever the writes and however the page is found, the list says what the
//! rows say.

use futures::future::join_all;
use reqwest::Method;
use serde_json::{json, Value};
use switchboard_backend::store::users::counts;

use crate::common::{on_both_databases, TestApp};

on_both_databases!(
    kept_counts_follow_every_kind_of_write,
    kept_counts_hold_when_writes_race,
    every_filter_lists_what_the_rows_hold_whichever_plan_finds_them,
    a_broad_search_is_counted_up_to_its_cap_and_says_more,
);

/// Every tenant's kept counts equal the rows' own.
async fn assert_counts_kept(app: &TestApp) {
    let tenants: Vec<String> = sqlx::query_scalar("SELECT id FROM tenants").fetch_all(&app.db).await.unwrap();
    for tenant in tenants {
        let (kept, counted) = counts::kept_and_counted(&app.db, &tenant.as_str().into()).await.unwrap();
        assert_eq!(kept, counted, "tenant {tenant}");
    }
}

async fn patch(app: &TestApp, token: &str, tenant: &str, user: &str, body: Value) -> u16 {
    let path = format!("/api/v1/customers/{tenant}/users/{user}");
    app.send(Method::PATCH, &path, token, Some(body), None).await.status().as_u16()
}

async fn kept_counts_follow_every_kind_of_write(app: TestApp) {
    assert_counts_kept(&app).await;
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let users = format!("/api/v1/customers/{acme}/users");

    // Created (invited, with roles), activated, granted and stripped, blocked, unblocked.
    let body = json!({ "displayName": "Rae Count", "email": "rae@acme.example", "roles": ["customer.user"] });
    let created = app.send(Method::POST, &users, &admin, Some(body), None).await;
    assert_eq!(created.status(), 201);
    let rae = created.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    // Activated by the mailed link (invited → active by the password).
    let path = format!("{users}/{rae}/activation-email");
    assert_eq!(app.send(Method::POST, &path, &admin, None, None).await.status(), 202);
    let token = app.activation_token(&admin, "rae@acme.example").await;
    assert_eq!(app.activate_at(&app.url, &token, "a long enough password").await.status(), 204);
    assert_counts_kept(&app).await;
    assert_eq!(patch(&app, &admin, &acme, &rae, json!({ "addRoles": ["customer.user.crm"] })).await, 200);
    assert_eq!(patch(&app, &admin, &acme, &rae, json!({ "status": "blocked" })).await, 200);
    assert_eq!(patch(&app, &admin, &acme, &rae, json!({ "removeRoles": ["customer.user.crm"] })).await, 200);
    assert_counts_kept(&app).await;
    assert_eq!(patch(&app, &admin, &acme, &rae, json!({ "status": "active" })).await, 200);
    assert_counts_kept(&app).await;
    // Other administrators blocked; then blocking the last active one is
    // refused, and counts nothing.
    let admins: Value = app.get(&format!("{users}?role=user.admin"), Some(&admin)).await.json().await.unwrap();
    let mut own = None;
    for a in admins["items"].as_array().unwrap().iter().filter(|u| u["isParent"] == false) {
        match a["email"].as_str() {
            Some("admin@acme.example") => own = a["id"].as_str(),
            _ => assert_eq!(
                patch(&app, &admin, &acme, a["id"].as_str().unwrap(), json!({ "status": "blocked" })).await,
                200
            ),
        }
    }
    assert_counts_kept(&app).await;
    let before = counts::kept_and_counted(&app.db, &acme.as_str().into()).await.unwrap().0;
    assert_eq!(patch(&app, &admin, &acme, own.unwrap(), json!({ "status": "blocked" })).await, 422);
    assert_eq!(counts::kept_and_counted(&app.db, &acme.as_str().into()).await.unwrap().0, before);
    // Deleted.
    assert_eq!(app.send(Method::DELETE, &format!("{users}/{rae}"), &admin, None, None).await.status(), 204);
    assert_counts_kept(&app).await;

    // Imported (created, then updated), in a tenant of its own.
    let staff = app.token("staff@northwind.example").await;
    let northwind = app.tenant_id("Northwind Telecom").await;
    let body = json!({ "name": "Counted Ltd", "region": "FR", "settings": { "autoAssignAcd": true } });
    let path = format!("/api/v1/resellers/{northwind}/customers");
    let customer = app.send(Method::POST, &path, &staff, Some(body), None).await;
    assert_eq!(customer.status(), 201);
    let counted = customer.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    let csv = "displayName,email,extension,externalId,agent\n\
               Peter Gibbons,peter@counted.example,201,pbx-1,true\n\
               Samir Nagheenanajar,samir@counted.example,202,pbx-2,false\n";
    assert_eq!(app.import_csv(&staff, &counted, csv, false).await.status(), 200);
    let edited = csv.replace("Samir Nagheenanajar", "Samir N.");
    assert_eq!(app.import_csv(&staff, &counted, &edited, false).await.status(), 200);
    assert_counts_kept(&app).await;
    let listed: Value =
        app.get(&format!("/api/v1/customers/{counted}/users?status=invited"), Some(&staff)).await.json().await.unwrap();
    assert_eq!(listed["total"], 2);
}

async fn kept_counts_hold_when_writes_race(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let listed: Value = app
        .get(&format!("/api/v1/customers/{acme}/users?role=customer.user&limit=200"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<String> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["isParent"] == false && !u["roles"].as_array().unwrap().contains(&json!("user.admin")))
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.len() >= 4, "{ids:?}");
    // Each user changed by several racing requests at once: roles and status.
    let changes = [
        json!({ "addRoles": ["customer.user.crm"] }),
        json!({ "status": "blocked" }),
        json!({ "removeRoles": ["customer.user.crm"] }),
        json!({ "status": "active" }),
    ];
    let requests = ids.iter().take(6).flat_map(|id| changes.iter().map(|c| patch(&app, &admin, &acme, id, c.clone())));
    let answers = join_all(requests).await;
    assert!(answers.iter().all(|s| *s == 200 || *s == 409 || *s == 422), "{answers:?}");
    assert_counts_kept(&app).await;
}

/// The total and every item of a listing (parent users among them), page
/// by page by cursor, in order.
async fn all_pages(app: &TestApp, token: &str, path: &str) -> (u64, Vec<Value>) {
    let (mut items, mut cursor, mut total) = (Vec::new(), None::<String>, None);
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}&cursor={c}"),
            None => path.to_owned(),
        };
        let answer = app.get(&url, Some(token)).await;
        if answer.status() == 429 {
            // The per-caller rate limit: this walks many pages quickly.
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            continue;
        }
        let page: Value = answer.json().await.unwrap();
        total.get_or_insert_with(|| page["total"].as_u64().unwrap_or_else(|| panic!("{url}: {page}")));
        items.extend(page["items"].as_array().unwrap_or_else(|| panic!("{url}: {page}")).iter().cloned());
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return (total.unwrap(), items),
        }
    }
}

async fn every_filter_lists_what_the_rows_hold_whichever_plan_finds_them(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    // 300 more users: most hold customer.user (walked), few user.admin or
    // are invited (started from the matches), at a page size of 25.
    switchboard_backend::store::seed::bulk_users(&app.db, "Acme Ltd", 300).await.unwrap();
    let admin = app.token("admin@acme.example").await;
    let (_, everyone) = all_pages(&app, &admin, &format!("/api/v1/customers/{acme}/users?limit=200&sort=email")).await;
    assert!(everyone.iter().any(|u| u["isParent"] == true), "parent users are listed too");
    assert!(everyone.len() > 300);
    type Pick = fn(&Value) -> bool;
    let cases: [(&str, Pick); 6] = [
        ("role=customer.user", |u| u["roles"].as_array().unwrap().contains(&json!("customer.user"))),
        ("role=user.admin", |u| u["roles"].as_array().unwrap().contains(&json!("user.admin"))),
        ("role=customer.user.crm&status=active", |u| {
            u["roles"].as_array().unwrap().contains(&json!("customer.user.crm")) && u["status"] == "active"
        }),
        ("role=user.admin&status=active", |u| {
            u["roles"].as_array().unwrap().contains(&json!("user.admin")) && u["status"] == "active"
        }),
        ("status=invited", |u| u["status"] == "invited"),
        ("status=blocked", |u| u["status"] == "blocked"),
    ];
    for (filter, pick) in cases {
        for sort in ["email", "-email"] {
            let mut expected: Vec<&Value> = everyone.iter().filter(|u| pick(u)).collect();
            if sort == "-email" {
                expected.reverse();
            }
            let path = format!("/api/v1/customers/{acme}/users?limit=25&sort={sort}&{filter}");
            let (total, listed) = all_pages(&app, &admin, &path).await;
            let ids = |v: &[&Value]| v.iter().map(|u| u["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
            assert_eq!(ids(&listed.iter().collect::<Vec<_>>()), ids(&expected), "{filter} by {sort}");
            assert_eq!(total as usize, expected.len(), "{filter}");
        }
    }
    // Searches: a broad and a narrow prefix, alone and with a filter; every
    // page in order, nothing twice, as many as the total says.
    for filter in [
        "q=a",
        "q=example",
        "q=northwind",
        "q=novak",
        "q=ada+novak",
        "q=novak&role=customer.user.crm",
        "q=a&status=invited",
    ] {
        let path = format!("/api/v1/customers/{acme}/users?limit=25&sort=name&{filter}");
        let (total, listed) = all_pages(&app, &admin, &path).await;
        assert_eq!(total as usize, listed.len(), "{filter}");
        let ids: std::collections::HashSet<&str> = listed.iter().map(|u| u["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), listed.len(), "{filter}: nothing twice");
        assert!(!listed.is_empty(), "{filter}");
    }
}

async fn a_broad_search_is_counted_up_to_its_cap_and_says_more(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    switchboard_backend::store::seed::bulk_users(&app.db, "Acme Ltd", 1_300).await.unwrap();
    let admin = app.token("admin@acme.example").await;
    let cases = [
        // (search and filters, total, more than that)
        ("q=bulk", 1_000, true),
        // Five of six bulk users hold customer.user: more than the cap too.
        ("q=bulk&role=customer.user", 1_000, true),
        ("q=bulk&role=customer.user.crm", 433, false),
        ("q=bulk&status=invited", 130, false),
        ("q=user010", 100, false),
    ];
    for (filter, total, more) in cases {
        let page: Value =
            app.get(&format!("/api/v1/customers/{acme}/users?{filter}"), Some(&admin)).await.json().await.unwrap();
        let more_than = page.get("moreThanTotal").cloned().unwrap_or(json!(false));
        assert_eq!((page["total"].as_u64().unwrap(), more_than), (total, json!(more)), "{filter}");
    }
    // The capped search still pages through every match, in order, once.
    let path = format!("/api/v1/customers/{acme}/users?limit=200&sort=email&q=bulk");
    let (_, listed) = all_pages(&app, &admin, &path).await;
    let ids: std::collections::HashSet<&str> = listed.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!((ids.len(), listed.len()), (1_300, 1_300));
}
