//! A new user follows the activation link from the outbox, sets a password
//! in the portal, and signs in.

use serde_json::{json, Value};
use switchboard_e2e::{button, cell, field, run, sign_in, DEMO_PASSWORD};

async fn api(http: &reqwest::Client, method: reqwest::Method, url: String, token: &str, body: Option<Value>) -> Value {
    let mut request = http.request(method, url).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    response.json().await.unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_user_activates_from_the_emailed_link_and_signs_in() {
    run("a_new_user_activates_from_the_emailed_link_and_signs_in", |client, url| async move {
        // The administrator's side, through the API.
        let http = reqwest::Client::new();
        let login: Value = http
            .post(format!("{url}/api/v1/auth/login"))
            .json(&json!({ "email": "admin@acme.example", "password": DEMO_PASSWORD }))
            .send()
            .await?
            .json()
            .await?;
        let token = login["accessToken"].as_str().unwrap_or_default().to_owned();
        let tenant = login["user"]["primaryTenant"].as_str().unwrap_or_default().to_owned();
        let body = json!({ "displayName": "Nina New", "email": "nina@acme.example", "roles": ["customer.user", "user.admin"] });
        let user = api(&http, reqwest::Method::POST, format!("{url}/api/v1/customers/{tenant}/users"), &token, Some(body)).await;
        let id = user["id"].as_str().unwrap_or_default();
        let send = format!("{url}/api/v1/customers/{tenant}/users/{id}/activation-email");
        api(&http, reqwest::Method::POST, send, &token, None).await;
        let mail = api(&http, reqwest::Method::GET, format!("{url}/api/v1/outbox?to=nina@acme.example"), &token, None).await;
        let link = mail[0]["body"].as_str().unwrap_or_default().lines().find(|l| l.contains("/activate?token=")).unwrap_or_default().trim().to_owned();

        // The new user's side, in the browser.
        client.goto(&link).await?;
        field(&client, "New password").await?.send_keys("nina's long password").await?;
        field(&client, "Repeat the password").await?.send_keys("nina's other password").await?;
        button(&client, "Set password").await?.click().await?;
        let alert = client.wait().for_element(fantoccini::Locator::XPath("//*[@role='alert' and contains(., 'differ')]")).await?;
        drop(alert);
        field(&client, "Repeat the password").await?.clear().await?;
        field(&client, "Repeat the password").await?.send_keys("nina's long password").await?;
        button(&client, "Set password").await?.click().await?;
        client.wait().for_element(fantoccini::Locator::XPath("//h1[normalize-space(.)='Your account is ready']")).await?;

        sign_in(&client, &url, "nina@acme.example", "nina's long password").await?;
        cell(&client, "nina@acme.example").await?;
        Ok(())
    })
    .await;
}
