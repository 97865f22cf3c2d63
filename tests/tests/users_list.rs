//! The users list: filters by status and role, column sorting, all kept in
//! the URL so that a reload shows the same list.

use fantoccini::{Client, Locator};
use switchboard_e2e::{button, cell, field, run, sign_in, TestResult, DEMO_PASSWORD};

/// Waits until no row shows `email`.
async fn gone(client: &Client, email: &str) -> TestResult {
    let xpath = format!("//table//td[normalize-space(.)='{email}']");
    for _ in 0..100 {
        if client.find(Locator::XPath(&xpath)).await.is_err() {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("{email} is still listed").into())
}

async fn emails(client: &Client) -> Result<Vec<String>, fantoccini::error::CmdError> {
    let mut out = Vec::new();
    for td in client.find_all(Locator::XPath("//table/tbody/tr/td[3]")).await? {
        out.push(td.text().await?);
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_and_order_narrow_the_list_and_survive_a_reload() {
    run("filters_and_order_narrow_the_list_and_survive_a_reload", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;

        field(&client, "Status").await?.select_by_label("Blocked").await?;
        cell(&client, "julien.petit@acme.example").await?;
        gone(&client, "admin@acme.example").await?;
        if !client.current_url().await?.query().unwrap_or_default().contains("status=blocked") {
            return Err("the status filter is not in the URL".into());
        }
        client.refresh().await?;
        cell(&client, "julien.petit@acme.example").await?;
        gone(&client, "admin@acme.example").await?;

        button(&client, "Clear filters").await?.click().await?;
        cell(&client, "admin@acme.example").await?;

        field(&client, "Role").await?.select_by_label("Silent monitor").await?;
        cell(&client, "karine.roux@acme.example").await?;
        gone(&client, "admin@acme.example").await?;
        button(&client, "Clear filters").await?.click().await?;
        cell(&client, "admin@acme.example").await?;

        // Email, ascending then descending.
        let sort_by_email = "//th//button[starts-with(normalize-space(.), 'Email')]";
        client.find(Locator::XPath(sort_by_email)).await?.click().await?;
        client
            .wait()
            .for_element(Locator::XPath(
                "//th[@aria-sort='ascending']//button[starts-with(normalize-space(.), 'Email')]",
            ))
            .await?;
        client.find(Locator::XPath(sort_by_email)).await?.click().await?;
        client
            .wait()
            .for_element(Locator::XPath(
                "//th[@aria-sort='descending']//button[starts-with(normalize-space(.), 'Email')]",
            ))
            .await?;
        // The rows follow once the new page arrives.
        for _ in 0..100 {
            // A row may be replaced while it is read: then read again.
            if let Ok(listed) = emails(&client).await {
                let mut descending = listed.clone();
                descending.sort_by(|a, b| b.cmp(a));
                if listed.len() >= 10 && listed == descending {
                    return Ok(());
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Err(format!("not in descending e-mail order: {:?}", emails(&client).await?).into())
    })
    .await;
}
