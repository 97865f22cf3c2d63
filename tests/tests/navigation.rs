//! Moving through the portal: the frame (the layout route) asks for the
//! caller once while its sections change, and leaving a page in the middle
//! of its work — a search pause, a loading editor, requests in flight, a
//! language or tenant switch — panics nothing (the harness fails any test
//! whose pages logged a panic or an uncaught error) and the next page works.

use fantoccini::{key::Key, Client, Locator};
use switchboard_e2e::{button, cell, field, link, run, sign_in, slow_network, TestResult, DEMO_PASSWORD};

/// How many times this page has asked for `/api/v1/me` (the browser's
/// resource timings).
async fn me_requests(client: &Client) -> Result<u64, Box<dyn std::error::Error + Send + Sync>> {
    let js =
        "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === '/api/v1/me').length";
    client.execute(js, vec![]).await?.as_u64().ok_or_else(|| "no count".into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_frame_asks_for_the_caller_once_while_the_sections_change() {
    run("the_frame_asks_for_the_caller_once_while_the_sections_change", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        let before = me_requests(&client).await?;
        let sections = [
            ("Devices", "Spare softphone"),
            ("Licence usage", "Professional user"),
            ("Audit trail", "Nothing has been changed yet"),
            ("Outbox", "E-mail sent from this portal"),
            ("My account", "This device"),
            ("Users", "admin@acme.example"),
        ];
        for (section, shows) in sections {
            link(&client, section).await?.click().await?;
            let xpath = format!("//*[self::td or self::p or self::li][contains(normalize-space(.), '{shows}')]");
            client.wait().for_element(Locator::XPath(&xpath)).await?;
        }
        let after = me_requests(&client).await?;
        if after != before {
            return Err(format!("/me was asked {} more times moving through the sections", after - before).into());
        }
        Ok(())
    })
    .await;
}

async fn back_on_the_users_list(client: &Client) -> TestResult {
    link(client, "Users").await?.click().await?;
    cell(client, "admin@acme.example").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_pages_in_the_middle_of_their_work_panics_nothing() {
    run("leaving_pages_in_the_middle_of_their_work_panics_nothing", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;

        // A search typed, and the list left within its pause.
        field(&client, "Search users").await?.send_keys("dam").await?;
        link(&client, "Devices").await?.click().await?;
        cell(&client, "Spare softphone").await?;

        // The editor opened and left while it loads.
        back_on_the_users_list(&client).await?;
        link(&client, "Damien Moreau").await?.click().await?;
        link(&client, "Licence usage").await?.click().await?;
        cell(&client, "Professional user").await?;

        // The language switched while a page loads.
        link(&client, "Audit trail").await?.click().await?;
        field(&client, "Language").await?.select_by_label("Français").await?;
        client.wait().for_element(Locator::XPath("//h1[normalize-space(.)=\"Journal d'audit\"]")).await?;
        field(&client, "Language").await?.select_by_label("English").await?;
        back_on_the_users_list(&client).await?;

        // Signed out with requests in flight, then in again.
        link(&client, "Devices").await?.click().await?;
        button(&client, "Sign out").await?.click().await?;
        button(&client, "Sign in").await?;
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_still_pausing_does_not_bring_back_someone_who_left_for_a_slow_page() {
    run("a_search_still_pausing_does_not_bring_back_someone_who_left_for_a_slow_page", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        // The Devices page's module takes longer to come than the search's pause.
        slow_network(&client, 1_000).await?;
        field(&client, "Search users").await?.send_keys("dam").await?;
        link(&client, "Devices").await?.click().await?;
        cell(&client, "Spare softphone").await?;
        let now = client.current_url().await?;
        if !now.path().ends_with("/devices") {
            return Err(format!("the search brought the person back to {now}").into());
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_tenants_while_a_page_loads_panics_nothing() {
    run("switching_tenants_while_a_page_loads_panics_nothing", |client, url| async move {
        sign_in(&client, &url, "staff@northwind.example", DEMO_PASSWORD).await?;
        cell(&client, "staff@northwind.example").await?;
        link(&client, "Audit trail").await?.click().await?;
        let tenant = field(&client, "Tenant").await?;
        tenant.send_keys("glob").await?;
        client.wait().for_element(Locator::XPath("//li[@role='option' and normalize-space(.)='Globex']")).await?;
        tenant.send_keys(&Key::Enter.to_string()).await?;
        cell(&client, "admin@globex.example").await?;
        Ok(())
    })
    .await;
}
