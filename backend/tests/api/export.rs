//! The users export: what the list shows, as CSV an import can read back.

use serde_json::Value;

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(
    the_export_holds_the_filtered_list_of_the_tenants_own_users_as_csv,
    an_export_is_refused_like_a_listing,
);

fn rows(csv: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv.as_bytes()).records().map(Result::unwrap).collect()
}

async fn the_export_holds_the_filtered_list_of_the_tenants_own_users_as_csv(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let response = app.get(&format!("/api/v1/customers/{acme}/users/export?sort=-email"), Some(&admin)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let csv = response.text().await.unwrap();
    assert_eq!(csv.lines().next(), Some("displayName,email,extension,externalId,agent,roles"));

    // Every user the list shows, in its order, but the parent users (the
    // reseller's and platform's staff), who are not this tenant's to import.
    let list: Value = app
        .get(&format!("/api/v1/customers/{acme}/users?sort=-email&limit=200"), Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let members: Vec<&Value> = list["items"].as_array().unwrap().iter().filter(|u| u["isParent"] == false).collect();
    assert!(members.len() < list["items"].as_array().unwrap().len(), "Acme has parent users to leave out");
    let exported = rows(&csv);
    let emails: Vec<&str> = exported.iter().map(|r| &r[1]).collect();
    let listed: Vec<&str> = members.iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(emails, listed);
    let damien = exported.iter().find(|r| &r[1] == "damien.moreau@acme.example").unwrap();
    assert_eq!((&damien[0], &damien[2], &damien[4]), ("Damien Moreau", "110", "true"));
    let roles: Vec<&str> = damien[5].split(' ').collect();
    assert!(roles.contains(&"customer.user.acd") && roles.contains(&"customer.user"), "{roles:?}");
    let alice = exported.iter().find(|r| &r[1] == "admin@acme.example").unwrap();
    assert_eq!(&alice[4], "false", "not an agent");

    // The list's filters apply: agents only, and a search.
    let agents = app
        .get(&format!("/api/v1/customers/{acme}/users/export?role=customer.user.acd&status=active"), Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    let agents = rows(&agents);
    assert!(!agents.is_empty() && agents.iter().all(|r| &r[4] == "true"), "{agents:?}");
    assert!(agents.iter().all(|r| &r[1] != "gaelle.michel@acme.example"), "Gaëlle is invited, not active");
    let found = app.get(&format!("/api/v1/customers/{acme}/users/export?q=damien"), Some(&admin)).await;
    let found = rows(&found.text().await.unwrap());
    assert_eq!(found.iter().map(|r| r[1].to_owned()).collect::<Vec<_>>(), ["damien.moreau@acme.example"]);
}

async fn an_export_is_refused_like_a_listing(app: TestApp) {
    let admin = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let export = |query: &str| format!("/api/v1/customers/{acme}/users/export{query}");
    assert_problem(app.get(&export("?role=root"), Some(&admin)).await, 400, "invalid_query").await;
    assert_problem(app.get(&export("?limit=5"), Some(&admin)).await, 400, "invalid_query").await;
    assert_problem(app.get(&export(""), None).await, 401, "unauthenticated").await;
    let agent = app.token("damien.moreau@acme.example").await;
    assert_problem(app.get(&export(""), Some(&agent)).await, 403, "forbidden").await;
    let globex_admin = app.token("admin@globex.example").await;
    assert_problem(app.get(&export(""), Some(&globex_admin)).await, 404, "not_found").await;
}
