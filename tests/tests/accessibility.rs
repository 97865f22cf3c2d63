//! Accessibility checks of the real pages in Chromium: text contrast meets
//! WCAG AA on every main screen, and the portal works from the keyboard
//! alone, with a visible focus outline at every step.

use fantoccini::{
    actions::{InputSource, KeyAction, KeyActions},
    key::Key,
    Client, Locator,
};
use serde_json::Value;
use switchboard_e2e::{button, cell, eventually, field, link, message, run, sign_in, TestResult, DEMO_PASSWORD};

/// Fails with every text below AA contrast on the current page.
async fn contrast_holds(client: &Client, page: &str) -> TestResult {
    let failures =
        client.execute(concat!(include_str!("a11y/colour.js"), include_str!("a11y/contrast.js")), vec![]).await?;
    match failures.as_array() {
        Some(f) if f.is_empty() => Ok(()),
        _ => Err(format!("text below AA contrast on {page}: {failures}").into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_screen_meets_aa_contrast() {
    run("every_main_screen_meets_aa_contrast", |client, url| async move {
        client.goto(&format!("{url}/login")).await?;
        field(&client, "Email").await?.send_keys("admin@acme.example").await?;
        button(&client, "Sign in").await?.click().await?;
        message(&client, "Enter").await.ok();
        contrast_holds(&client, "the sign-in page").await?;

        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        contrast_holds(&client, "the users list").await?;

        // The editor with a pending change: the prerequisite note and the licence impact.
        button(&client, "New user").await?.click().await?;
        field(&client, "Manage users").await?.click().await?;
        message(&client, "Also ticked Website access").await?;
        field(&client, "Professional user").await?.click().await?;
        contrast_holds(&client, "the user editor").await?;

        for (section, shows) in [("Devices", "Spare softphone"), ("Licence usage", "Professional user")] {
            link(&client, section).await?.click().await?;
            cell(&client, shows).await?;
            contrast_holds(&client, section).await?;
        }
        link(&client, "Audit trail").await?.click().await?;
        field(&client, "Language").await?;
        contrast_holds(&client, "the audit trail").await?;

        message(&client, "Nothing has been changed yet").await?;
        link(&client, "Security").await?.click().await?;
        field(&client, "Policy").await?;
        contrast_holds(&client, "Security").await?;
        link(&client, "My account").await?.click().await?;
        message(&client, "This device").await?;
        contrast_holds(&client, "My account").await?;
        client.goto(&format!("{url}/forgot-password")).await?;
        button(&client, "Send me a link").await?;
        contrast_holds(&client, "the forgot-password page").await?;
        Ok(())
    })
    .await;
}

async fn press(client: &Client, key: Key) -> TestResult {
    let value: char = key.into();
    let keys = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
    client.perform_actions(keys).await?;
    Ok(())
}

async fn type_text(client: &Client, text: &str) -> TestResult {
    let mut keys = KeyActions::new("keyboard".into());
    for value in text.chars() {
        keys = keys.then(KeyAction::Down { value }).then(KeyAction::Up { value });
    }
    client.perform_actions(keys).await?;
    Ok(())
}

/// Tabs forward until the control named `name` has the focus (at most
/// `limit` presses), checking at every step that the focus is visible.
async fn tab_to(client: &Client, name: &str, limit: usize) -> TestResult {
    let mut passed = Vec::new();
    for _ in 0..limit {
        press(client, Key::Tab).await?;
        let focus: Value =
            client.execute(concat!(include_str!("a11y/colour.js"), include_str!("a11y/focus.js")), vec![]).await?;
        let focused = focus["name"].as_str().unwrap_or_default().to_owned();
        if focus["visible"] != true {
            let why = &focus["why"];
            return Err(format!(
                "tabbing to {name:?}, the focus on {focused:?} is not visible: {why}; it went through {passed:?}"
            )
            .into());
        }
        if focused == name {
            return Ok(());
        }
        passed.push(focused);
    }
    Err(format!("{name:?} not reached with {limit} tabs; the focus went through {passed:?}").into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_works_from_the_keyboard_alone() {
    run("the_portal_works_from_the_keyboard_alone", |client, url| async move {
        client.goto(&format!("{url}/login")).await?;
        field(&client, "Email").await?;
        // Sign in: the fields in order, Enter submits.
        tab_to(&client, "Email", 6).await?;
        type_text(&client, "admin@acme.example").await?;
        tab_to(&client, "Password", 1).await?;
        type_text(&client, DEMO_PASSWORD).await?;
        press(&client, Key::Enter).await?;
        cell(&client, "admin@acme.example").await?;

        // Search, then open a user from the list.
        tab_to(&client, "Search users", 20).await?;
        type_text(&client, "damien").await?;
        // The search is sent after a pause in typing: wait for the narrowed list.
        let others = "//table//td[normalize-space(.)='admin@acme.example']";
        if !eventually(|| async { client.find(Locator::XPath(others)).await.is_err() }).await {
            return Err("the search did not narrow the list".into());
        }
        cell(&client, "damien.moreau@acme.example").await?;
        tab_to(&client, "Damien Moreau", 20).await?;
        press(&client, Key::Enter).await?;
        let name = field(&client, "Display name").await?;

        // Tick a role with the space bar, and save with the keyboard.
        tab_to(&client, "Silent monitor", 90).await?;
        press(&client, Key::Space).await?;
        tab_to(&client, "Save", 90).await?;
        press(&client, Key::Enter).await?;
        message(&client, "Saved.").await?;
        if name.prop("value").await?.as_deref() != Some("Damien Moreau") {
            return Err("the editor lost the user's name".into());
        }
        Ok(())
    })
    .await;
}
