//! An administrator sends the activation e-mail and finds it on the Outbox
//! page; the new user follows its link, sets a password in the portal, and
//! signs in.

use fantoccini::Locator;
use serde_json::{json, Value};
use switchboard_e2e::{
    api_sign_in, button, cell, field, link, message, outbox_activation_link, run, sign_in, DEMO_PASSWORD,
};

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
        // A new user, created through the API.
        let http = reqwest::Client::new();
        let (token, tenant) = api_sign_in(&http, &url, "admin@acme.example").await?;
        let body = json!({ "displayName": "Nina New", "email": "nina@acme.example", "roles": ["customer.user", "user.admin"] });
        api(&http, reqwest::Method::POST, format!("{url}/api/v1/customers/{tenant}/users"), &token, Some(body)).await;

        // Sending the link and finding it in the outbox, in the browser.
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        link(&client, "Nina New").await?.click().await?;
        button(&client, "Send activation e-mail").await?.click().await?;
        message(&client, "Activation e-mail sent.").await?;
        let link = outbox_activation_link(&client, "nina@acme.example", "Activez votre compte Switchboard").await?;
        if !link.starts_with(&url) {
            return Err(format!("the outbox link {link:?} does not point at this portal").into());
        }
        button(&client, "Sign out").await?.click().await?;
        field(&client, "Email").await?;

        // The new user's side, in the browser.
        client.goto(&link).await?;
        field(&client, "New password").await?.send_keys("nina's long password").await?;
        field(&client, "Repeat the password").await?.send_keys("nina's other password").await?;
        button(&client, "Set password").await?.click().await?;
        let alert = client.wait().for_element(Locator::XPath("//*[@role='alert' and contains(., 'differ')]")).await?;
        drop(alert);
        field(&client, "Repeat the password").await?.clear().await?;
        field(&client, "Repeat the password").await?.send_keys("nina's long password").await?;
        button(&client, "Set password").await?.click().await?;
        client.wait().for_element(Locator::XPath("//h1[normalize-space(.)='Your account is ready']")).await?;

        sign_in(&client, &url, "nina@acme.example", "nina's long password").await?;
        cell(&client, "nina@acme.example").await?;
        Ok(())
    })
    .await;
}
