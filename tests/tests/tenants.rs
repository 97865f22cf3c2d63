//! Reseller staff switch tenants with the searchable switcher; the URL
//! carries the tenant, so reload and the back button work.

use fantoccini::{key::Key, Locator};
use serde_json::json;
use switchboard_e2e::{api_sign_in, cell, field, link, run, sign_in, DEMO_PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_switch_tenant_by_search_and_keep_it_on_reload_and_back() {
    run("staff_switch_tenant_by_search_and_keep_it_on_reload_and_back", |client, url| async move {
        sign_in(&client, &url, "staff@northwind.example", DEMO_PASSWORD).await?;
        cell(&client, "staff@northwind.example").await?;
        let home = client.current_url().await?;

        let tenant = field(&client, "Tenant").await?;
        tenant.send_keys("glob").await?;
        client.wait().for_element(Locator::XPath("//li[@role='option' and normalize-space(.)='Globex']")).await?;
        tenant.send_keys(&Key::Enter.to_string()).await?;
        cell(&client, "admin@globex.example").await?;
        let globex = client.current_url().await?;
        if globex == home || !globex.path().ends_with("/users") {
            return Err(format!("the URL did not follow the tenant: {globex}").into());
        }

        client.refresh().await?;
        cell(&client, "admin@globex.example").await?;
        client.back().await?;
        cell(&client, "staff@northwind.example").await?;
        if client.current_url().await? != home {
            return Err("back did not return to the previous tenant".into());
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_admin_cannot_reach_another_tenant_by_url() {
    run("a_customer_admin_cannot_reach_another_tenant_by_url", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        if client.find(Locator::XPath("//*[@aria-label='Tenant']")).await.is_ok() {
            return Err("a customer admin was offered a tenant switcher".into());
        }
        client.goto(&format!("{url}/t/no-such-tenant/users")).await?;
        client.wait().for_element(Locator::XPath("//*[@role='alert' and contains(., 'Not found')]")).await?;
        Ok(())
    })
    .await;
}

/// `/me` lists the first 50 tenants; the platform's staff act in resellers
/// beyond them too, which must still show as resellers (their name in the
/// top bar, "New customer" in the sections, reseller roles in the editor).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_staff_act_in_a_reseller_beyond_the_first_tenants_listed() {
    run("platform_staff_act_in_a_reseller_beyond_the_first_tenants_listed", |client, url| async move {
        let http = reqwest::Client::new();
        let (token, northwind) = api_sign_in(&http, &url, "staff@northwind.example").await?;
        // Sixty customers whose names come before "Northwind Telecom".
        for n in 1..=60 {
            let created = http
                .post(format!("{url}/api/v1/resellers/{northwind}/customers"))
                .bearer_auth(&token)
                .json(&json!({ "name": format!("Aardvark {n:02}") }))
                .send()
                .await?;
            if !created.status().is_success() {
                return Err(format!("creating a customer: {}", created.status()).into());
            }
        }

        sign_in(&client, &url, "ops@switchboard.example", DEMO_PASSWORD).await?;
        client.wait().for_element(Locator::XPath("//*[@aria-label='Tenant']")).await?;
        client.goto(&format!("{url}/t/{northwind}/users")).await?;
        cell(&client, "staff@northwind.example").await?;
        client.wait().for_element(Locator::XPath("//header//*[contains(., 'Northwind Telecom')]")).await?;
        link(&client, "New customer").await?;
        link(&client, "Sam Staff").await?.click().await?;
        client
            .wait()
            .for_element(Locator::XPath(
                "//section[@class='role-panel']//label[normalize-space(.)='Reseller administrator']",
            ))
            .await?;
        Ok(())
    })
    .await;
}
