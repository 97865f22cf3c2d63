//! The users list: filters by status and role, column sorting, all kept in
//! the URL so that a reload shows the same list.

use fantoccini::{Client, Locator};
use switchboard_e2e::{
    button, cell, eventually, field, phone_width, run, run_downloading, sign_in, TestResult, DEMO_PASSWORD,
};

/// Waits until no row shows `email`.
async fn gone(client: &Client, email: &str) -> TestResult {
    let xpath = format!("//table//td[normalize-space(.)='{email}']");
    if eventually(|| async { client.find(Locator::XPath(&xpath)).await.is_err() }).await {
        return Ok(());
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
        // The rows follow once the new page arrives; a row may be replaced
        // while it is read: then read again.
        let descending = || async {
            emails(&client).await.is_ok_and(|listed| {
                let mut sorted = listed.clone();
                sorted.sort_by(|a, b| b.cmp(a));
                listed.len() >= 10 && listed == sorted
            })
        };
        if eventually(descending).await {
            return Ok(());
        }
        Err(format!("not in descending e-mail order: {:?}", emails(&client).await?).into())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_filtered_list_is_exported_as_csv() {
    run_downloading("the_filtered_list_is_exported_as_csv", |client, url, downloads| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        field(&client, "Role").await?.select_by_label("Agent add-on").await?;
        gone(&client, "admin@acme.example").await?;
        button(&client, "Export CSV").await?.click().await?;

        // Chrome writes `users.csv.crdownload`, then renames it when complete.
        let file = downloads.join("users.csv");
        if !eventually(|| async { file.exists() }).await {
            return Err(format!("no {} after Export CSV", file.display()).into());
        }
        let csv = std::fs::read_to_string(&file)?;
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("displayName,email,extension,externalId,agent,roles"));
        let rows: Vec<&str> = lines.collect();
        assert!(rows.iter().any(|r| r.starts_with("Damien Moreau,damien.moreau@acme.example,110,")), "{csv}");
        assert!(rows.iter().all(|r| r.contains(",true,")), "only agents, as the filter says: {csv}");
        Ok(())
    })
    .await;
}

/// Typing a search and leaving at once (within the search's pause): the
/// pause ends after the list is gone, which once read a disposed signal and
/// stopped the portal. The editor opens, stays, and works.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_typed_just_before_leaving_the_list_is_dropped() {
    run("a_search_typed_just_before_leaving_the_list_is_dropped", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        let search = field(&client, "Search users").await?;
        let new_user = button(&client, "New user").await?;
        search.send_keys("mor").await?;
        new_user.click().await?;
        field(&client, "Display name").await?;
        // Past the pause: the dropped search must neither crash nor take the person back.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        if !client.current_url().await?.path().ends_with("/users/new") {
            return Err(format!("left the editor for {}", client.current_url().await?).into());
        }
        field(&client, "Display name").await?.send_keys("Still works").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_phone_width_each_user_shows_whole_without_sideways_scrolling() {
    run("at_phone_width_each_user_shows_whole_without_sideways_scrolling", |client, url| async move {
        phone_width(&client, 360).await?;
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        // Every cell of every row (name, e-mail, status, extension, roles)
        // is shown and ends inside the screen; the page itself is no wider.
        let js = r#"
            const width = window.innerWidth;
            const cells = [...document.querySelectorAll('table.users tbody td')];
            const outside = cells.filter(td => {
                const r = td.getBoundingClientRect();
                return r.width === 0 || r.right > width + 0.5 || r.left < -0.5;
            }).map(td => td.className + ': ' + td.textContent);
            return { width, page: document.documentElement.scrollWidth, cells: cells.length, outside };
        "#;
        let seen = client.execute(js, vec![]).await?;
        let (width, page, cells) = (seen["width"].as_u64(), seen["page"].as_u64(), seen["cells"].as_u64());
        if width != Some(360) || page != Some(360) || cells.unwrap_or(0) < 6 * 20 {
            return Err(format!("at 360 px: {seen}").into());
        }
        if seen["outside"].as_array().is_none_or(|o| !o.is_empty()) {
            return Err(format!("cells hidden or beyond the screen: {}", seen["outside"]).into());
        }
        Ok(())
    })
    .await;
}
