//! The whole onboarding, in the browser, as reseller staff: a new customer
//! with its Kazoo-style PBX, its three users imported, one of them made the
//! administrator through the "already exists" fallback, who then follows
//! the e-mailed link, sets a password and sees only the new customer.

use axum::{
    http::{HeaderMap, StatusCode},
    routing::{get, put},
    Json, Router,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use switchboard_e2e::{button, cell, field, link, message, outbox_activation_link, run, sign_in, DEMO_PASSWORD};

/// A Kazoo-style directory (account `chotchkies`, API key `nw-key`) of three people.
async fn kazoo() -> String {
    async fn auth(Json(body): Json<Value>) -> Result<Json<Value>, StatusCode> {
        let ok = body["data"]["api_key"] == "nw-key";
        ok.then(|| Json(json!({ "auth_token": "t-1" }))).ok_or(StatusCode::UNAUTHORIZED)
    }
    async fn users(headers: HeaderMap) -> Result<Json<Value>, StatusCode> {
        if headers.get("x-auth-token").is_none_or(|t| t != "t-1") {
            return Err(StatusCode::UNAUTHORIZED);
        }
        Ok(Json(json!({ "data": [
            { "id": "c-1", "first_name": "Joanna", "last_name": "Smith", "email": "joanna@chotchkies.example", "presence_id": "301", "queues": ["floor"] },
            { "id": "c-2", "first_name": "Stan", "last_name": "Manager", "email": "stan@chotchkies.example", "presence_id": "302" },
            { "id": "c-3", "first_name": "Brian", "last_name": "Waiter", "email": "brian@chotchkies.example", "presence_id": "303" },
        ] })))
    }
    let router = Router::new().route("/v2/api_auth", put(auth)).route("/v2/accounts/chotchkies/users", get(users));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    url
}

async fn tick(client: &Client, label: &str) -> Result<(), fantoccini::error::CmdError> {
    let xpath = format!("//label[contains(normalize-space(.), '{label}')]/input[@type='checkbox']");
    client.wait().for_element(Locator::XPath(&xpath)).await?.click().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_onboard_a_customer_whose_administrator_then_signs_in() {
    let pbx = kazoo().await;
    run("staff_onboard_a_customer_whose_administrator_then_signs_in", |client, url| async move {
        sign_in(&client, &url, "staff@northwind.example", DEMO_PASSWORD).await?;
        link(&client, "New customer").await?.click().await?;

        // 1. The customer and its PBX.
        field(&client, "Customer name").await?.send_keys("Chotchkie's").await?;
        field(&client, "Your reference").await?.send_keys("CH-1").await?;
        field(&client, "Region (country code)").await?.send_keys("GB").await?;
        tick(&client, "ACD agent role").await?;
        tick(&client, "Connect a PBX directory").await?;
        field(&client, "PBX address").await?.send_keys(&pbx).await?;
        field(&client, "Account id on the PBX").await?.send_keys("chotchkies").await?;
        field(&client, "PBX API key").await?.send_keys("nw-key").await?;
        button(&client, "Create customer").await?.click().await?;

        // 2. Its users, from the PBX: previewed, then imported.
        button(&client, "Preview the import from the PBX").await?.click().await?;
        message(&client, "Ready to import: 3 new, 0 changed, 0 unchanged.").await?;
        button(&client, "Import").await?.click().await?;
        message(&client, "Imported: 3 new, 0 changed, 0 unchanged.").await?;
        button(&client, "Next").await?.click().await?;

        // 3. The first administrator: Joanna is already there (imported), so she is made one.
        field(&client, "Display name").await?.send_keys("Joanna Smith").await?;
        field(&client, "Email").await?.send_keys("joanna@chotchkies.example").await?;
        button(&client, "Create administrator").await?.click().await?;
        message(&client, "A user with this e-mail already exists.").await?;
        button(&client, "Make this user the administrator").await?.click().await?;
        // 4. Further roles: everyone imported, each a link to their editor.
        link(&client, "Stan Manager").await?;
        link(&client, "Brian Waiter").await?;
        button(&client, "Next").await?.click().await?;
        message(&client, "Chotchkie's is ready, with joanna@chotchkies.example as its administrator.").await?;
        // Reloading resumes where the wizard was.
        client.refresh().await?;
        message(&client, "Chotchkie's is ready").await?;
        button(&client, "Send activation e-mail").await?.click().await?;
        message(&client, "Activation e-mail sent.").await?;

        // The e-mail, found in the outbox; its link.
        let activation =
            outbox_activation_link(&client, "joanna@chotchkies.example", "Activate your Switchboard account").await?;
        button(&client, "Sign out").await?.click().await?;
        field(&client, "Email").await?;

        // Joanna sets her password and signs in: she sees her customer, and only it.
        client.goto(&activation).await?;
        field(&client, "New password").await?.send_keys("joanna's long password").await?;
        field(&client, "Repeat the password").await?.send_keys("joanna's long password").await?;
        button(&client, "Set password").await?.click().await?;
        client.wait().for_element(Locator::XPath("//h1[normalize-space(.)='Your account is ready']")).await?;
        sign_in(&client, &url, "joanna@chotchkies.example", "joanna's long password").await?;
        cell(&client, "stan@chotchkies.example").await?;
        client
            .wait()
            .for_element(Locator::XPath("//header//*[@class='tenant-name' and normalize-space(.)=\"Chotchkie's\"]"))
            .await?;
        if client.find(Locator::XPath("//*[@aria-label='Tenant']")).await.is_ok() {
            return Err("a customer's administrator has no tenant to switch to".into());
        }
        if client.find(Locator::XPath("//td[contains(., 'acme.example')]")).await.is_ok() {
            return Err("another customer's users are shown".into());
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_previews_a_csv_import_fixes_it_and_imports() {
    run("an_administrator_previews_a_csv_import_fixes_it_and_imports", |client, url| async move {
        let dir = tempfile::tempdir()?;
        let bad = dir.path().join("bad.csv");
        let good = dir.path().join("good.csv");
        let header = "displayName,email,extension,externalId,agent\n";
        std::fs::write(
            &bad,
            format!("{header}Zoé Roy,zoe@acme.example,160,,\nNo Mail,,161,,\nTaken Ext,x@acme.example,100,,\n"),
        )?;
        std::fs::write(
            &good,
            format!("{header}Zoé Roy,zoe@acme.example,160,,\nYann Roy,yann@acme.example,161,,true\n"),
        )?;

        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        link(&client, "Import").await?.click().await?;
        let file = field(&client, "CSV file").await?;
        file.send_keys(&bad.display().to_string()).await?;
        message(&client, "2 rows cannot be imported").await?;
        cell(&client, "Enter an e-mail address.").await?;
        cell(&client, "Another user of this tenant has this extension.").await?;
        if client.find(Locator::XPath("//button[normalize-space(.)='Import']")).await.is_ok() {
            return Err("a file with bad rows cannot be imported".into());
        }
        field(&client, "CSV file").await?.send_keys(&good.display().to_string()).await?;
        message(&client, "Ready to import: 2 new, 0 changed, 0 unchanged.").await?;
        button(&client, "Import").await?.click().await?;
        message(&client, "Imported: 2 new, 0 changed, 0 unchanged.").await?;
        link(&client, "Users").await?.click().await?;
        cell(&client, "zoe@acme.example").await?;
        link(&client, "Import").await?.click().await?;

        // A large file: its progress is shown while it is imported.
        let rows: String = (0..3000).map(|i| format!("Bulk {i},bulk{i}@acme.example,{},,\n", 20_000 + i)).collect();
        let large = dir.path().join("large.csv");
        std::fs::write(&large, format!("{header}{rows}"))?;
        field(&client, "CSV file").await?.send_keys(&large.display().to_string()).await?;
        message(&client, "Ready to import: 3000 new").await?;
        button(&client, "Import").await?.click().await?;
        client
            .wait()
            .for_element(Locator::XPath("//*[@role='status'][progress][contains(., 'Importing 3000 rows')]"))
            .await?;
        message(&client, "Imported: 3000 new").await?;
        Ok(())
    })
    .await;
}
