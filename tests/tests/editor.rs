//! The user editor: creating with the role panel's rules, the e-mail
//! fallback, and editing.

use switchboard_e2e::{button, cell, eventually, field, link, message, run, sign_in, TestResult, DEMO_PASSWORD};

/// Waits until the page's path satisfies `ok`.
async fn path_becomes(client: &fantoccini::Client, ok: impl Fn(&str) -> bool) -> TestResult {
    if eventually(|| async { client.current_url().await.is_ok_and(|u| ok(u.path())) }).await {
        return Ok(());
    }
    Err(format!("the page stayed at {}", client.current_url().await?.path()).into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_user_is_created_with_prerequisites_ticked_and_the_licence_impact_shown() {
    run("a_new_user_is_created_with_prerequisites_ticked_and_the_licence_impact_shown", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        button(&client, "New user").await?.click().await?;
        field(&client, "Display name").await?.send_keys("Zoé Test").await?;
        field(&client, "Email").await?.send_keys("zoe.test@acme.example").await?;

        // Ticking Manage users ticks its prerequisite, and says so.
        field(&client, "Manage users").await?.click().await?;
        if !field(&client, "Website access").await?.is_selected().await? {
            return Err("Website access was not ticked along with Manage users".into());
        }
        message(&client, "Also ticked Website access").await?;
        message(&client, "cannot see workspaces").await?;

        // A licensed role: the licence it adds is shown before saving.
        field(&client, "Professional user").await?.click().await?;
        message(&client, "Adds: ")
            .await?
            .text()
            .await
            .map(|t| t.contains("Professional user"))
            .ok()
            .filter(|ok| *ok)
            .ok_or("the licence impact does not name Professional user")?;

        // Unticking the prerequisite takes its dependants with it.
        field(&client, "Website access").await?.click().await?;
        if field(&client, "Manage users").await?.is_selected().await? {
            return Err("Manage users stayed ticked without Website access".into());
        }
        message(&client, "Also unticked").await?;
        button(&client, "Undo").await?.click().await?;
        if !field(&client, "Manage users").await?.is_selected().await? {
            return Err("Undo did not bring Manage users back".into());
        }

        button(&client, "Save").await?.click().await?;
        path_becomes(&client, |p| p.contains("/users/") && !p.ends_with("/new")).await?;
        message(&client, "User created.").await?;
        if !field(&client, "Manage users").await?.is_selected().await? {
            return Err("the created user does not hold Manage users".into());
        }
        link(&client, "← Users").await?.click().await?;
        cell(&client, "zoe.test@acme.example").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_email_links_to_that_user() {
    run("an_existing_email_links_to_that_user", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        button(&client, "New user").await?.click().await?;
        field(&client, "Display name").await?.send_keys("Damien again").await?;
        field(&client, "Email").await?.send_keys("Damien.Moreau@acme.example").await?;
        button(&client, "Save").await?.click().await?;
        message(&client, "A user with this e-mail already exists.").await?;
        link(&client, "Open that user").await?.click().await?;
        path_becomes(&client, |p| !p.ends_with("/new")).await?;
        let name = field(&client, "Display name").await?;
        if eventually(|| async { name.prop("value").await.is_ok_and(|v| v.as_deref() == Some("Damien Moreau")) }).await
        {
            return Ok(());
        }
        Err("the editor did not open Damien Moreau".into())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_is_saved_and_a_server_refusal_shown_next_to_the_role() {
    run("an_edit_is_saved_and_a_server_refusal_shown_next_to_the_role", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        link(&client, "Karine Roux").await?.click().await?;
        let name = field(&client, "Display name").await?;
        name.clear().await?;
        name.send_keys("Karine Roux-Martin").await?;
        button(&client, "Save").await?.click().await?;
        message(&client, "Saved.").await?;

        // Rule 7b lives on the server: Karine is the live supervisor, so the
        // real-time add-on of an essential user cannot go while she is one.
        link(&client, "← Users").await?.click().await?;
        link(&client, "Damien Moreau").await?.click().await?;
        field(&client, "Real-time add-on").await?.click().await?;
        button(&client, "Save").await?.click().await?;
        message(&client, "is required for every essential user").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_is_confirmed_and_the_last_administrator_is_kept() {
    run("blocking_is_confirmed_and_the_last_administrator_is_kept", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        link(&client, "Chloé Dubois").await?.click().await?;
        button(&client, "Block").await?.click().await?;
        message(&client, "Block Chloé Dubois? They are signed out at once").await?;
        button(&client, "Yes, block").await?.click().await?;
        message(&client, "Status: Blocked").await?;
        button(&client, "Unblock").await?.click().await?;
        button(&client, "Yes, unblock").await?.click().await?;
        message(&client, "Status: Active").await?;
        button(&client, "Sign out").await?.click().await?;

        // Globex has one administrator: deleting him is refused, in words.
        sign_in(&client, &url, "admin@globex.example", DEMO_PASSWORD).await?;
        link(&client, "Hank Scorpio").await?.click().await?;
        button(&client, "Delete").await?.click().await?;
        button(&client, "Yes, delete").await?.click().await?;
        message(&client, "This is the last active user administrator").await?;
        Ok(())
    })
    .await;
}
