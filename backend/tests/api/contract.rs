//! What the HTTP edge promises whatever the route: a method the path does
//! not have answers 405 with `Allow`, a body that is not a JSON object where
//! one is expected is refused, and neither changes anything.

use reqwest::Method;
use serde_json::json;

use crate::common::{assert_problem, on_both_databases, TestApp};

on_both_databases!(an_unsupported_method_answers_405_with_allow, a_body_that_is_no_json_object_is_refused);

async fn an_unsupported_method_answers_405_with_allow(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let before = app.users_fingerprint().await;
    for (method, path, allow) in [
        (Method::PUT, format!("/api/v1/customers/{acme}/users"), "GET, POST"),
        (Method::POST, format!("/api/v1/customers/{acme}/licences"), "GET"),
        (Method::DELETE, "/api/v1/me".to_owned(), "GET"),
        (Method::GET, "/api/v1/auth/login".to_owned(), "POST"),
    ] {
        let response = app.send(method.clone(), &path, &token, Some(json!({})), None).await;
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        assert_problem(response, 405, "method_not_allowed").await;
    }
    // HEAD is GET without a body, as HTTP says.
    let head = app.send(Method::HEAD, &format!("/api/v1/customers/{acme}/licences"), &token, None, None).await;
    assert_eq!(head.status(), 200);
    assert_eq!(app.users_fingerprint().await, before);
}

async fn a_body_that_is_no_json_object_is_refused(app: TestApp) {
    let token = app.token("admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let admin = app.user_id("admin@acme.example").await;
    let before = app.users_fingerprint().await;
    for body in [json!([]), json!([null, null]), json!(["Ann", "ann@acme.example"]), json!("x"), json!(7), json!(null)]
    {
        for (method, path) in [
            (Method::POST, format!("/api/v1/customers/{acme}/users")),
            (Method::PATCH, format!("/api/v1/customers/{acme}/users/{admin}")),
            (Method::POST, "/api/v1/auth/login".to_owned()),
        ] {
            let response = app.send(method.clone(), &path, &token, Some(body.clone()), None).await;
            let problem = assert_problem(response, 400, "invalid_body").await;
            assert!(problem["detail"].as_str().unwrap().contains("object"), "{method} {path} {body}: {problem}");
        }
    }
    assert_eq!(app.users_fingerprint().await, before, "a refused body changed something");
    // Nested objects too: serde would read settings from an array of its fields.
    let staff = app.token("staff@northwind.example").await;
    let customer = format!("/api/v1/customers/{acme}");
    let settings = app.send(Method::PATCH, &customer, &staff, Some(json!({ "settings": [true, null] })), None).await;
    assert_problem(settings, 400, "invalid_body").await;
    let read: serde_json::Value = app.get(&customer, Some(&staff)).await.json().await.unwrap();
    assert_eq!(read["settings"]["autoAssignAcd"], false, "{read}");
    // An object still works, with white space before it.
    let response = app
        .http
        .patch(format!("{}/api/v1/customers/{acme}/users/{admin}", app.url))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("  \n{\"displayName\": \"Alice Admin\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}
