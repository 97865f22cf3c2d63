//! Devices: the tenant's list, where device administrators add and remove
//! them; and softphones in the user editor: assign a free one, keep it after
//! a reload; another user's cannot be taken, and without the Softphones role
//! none can.

use fantoccini::Locator;
use switchboard_e2e::{button, cell, eventually, field, link, message, run, sign_in, TestResult, DEMO_PASSWORD};

async fn open(client: &fantoccini::Client, name: &str) -> TestResult {
    link(client, "Users").await?.click().await?;
    link(client, name).await?.click().await?;
    field(client, "Display name").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_free_softphone_is_assigned_and_anothers_cannot_be_taken() {
    run("a_free_softphone_is_assigned_and_anothers_cannot_be_taken", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;

        open(&client, "Hugo Garcia").await?;
        if !field(&client, "Softphone Hugo Garcia").await?.is_selected().await? {
            return Err("Hugo's own softphone is not ticked".into());
        }
        if field(&client, "Softphone Inès Bernard").await?.is_enabled().await? {
            return Err("another user's softphone can be ticked".into());
        }
        field(&client, "Spare softphone").await?.click().await?;
        button(&client, "Save softphones").await?.click().await?;
        message(&client, "Softphones saved.").await?;

        client.refresh().await?;
        if !field(&client, "Spare softphone").await?.is_selected().await? {
            return Err("the assignment did not survive a reload".into());
        }

        // Damien lacks the Softphones role: nothing can be ticked, and the page says why.
        open(&client, "Damien Moreau").await?;
        message(&client, "Softphones can be given only to users holding Softphones").await?;
        if field(&client, "Softphone Hugo Garcia").await?.is_enabled().await? {
            return Err("a softphone can be ticked for a user without the role".into());
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_administrator_adds_and_removes_devices() {
    run("a_device_administrator_adds_and_removes_devices", |client, url| async move {
        // A user administrator sees the devices and who has them, but does not change them.
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        link(&client, "Devices").await?.click().await?;
        link(&client, "Hugo Garcia").await?;
        cell(&client, "Spare softphone").await?;
        if client.find(Locator::XPath("//button[normalize-space(.)='Add device']")).await.is_ok() {
            return Err("a user administrator is offered to add devices".into());
        }
        button(&client, "Sign out").await?.click().await?;

        // A device administrator adds one, is told of a duplicate, removes it.
        // Not a user administrator: she lands on the devices, not on a
        // refusal, and is shown no section she may not use.
        sign_in(&client, &url, "rose.chevalier@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "Spare softphone").await?;
        if client.find(Locator::XPath("//nav//a[normalize-space(.)='Users']")).await.is_ok() {
            return Err("a device administrator is offered the users section".into());
        }
        field(&client, "Device name").await?.send_keys("Lobby phone").await?;
        field(&client, "Kind").await?.select_by_label("Desk phone").await?;
        field(&client, "Identifier").await?.send_keys("00:11:22:33:44:55").await?;
        button(&client, "Add device").await?.click().await?;
        message(&client, "Lobby phone added.").await?;
        cell(&client, "Lobby phone").await?;
        cell(&client, "Desk phone").await?;

        field(&client, "Device name").await?.send_keys("Lobby phone 2").await?;
        field(&client, "Identifier").await?.send_keys("00:11:22:33:44:55").await?;
        button(&client, "Add device").await?.click().await?;
        message(&client, "Another device of this organisation has this identifier.").await?;

        button(&client, "Remove Lobby phone").await?.click().await?;
        message(&client, "Remove Lobby phone? Whoever uses it loses it.").await?;
        button(&client, "Remove device").await?.click().await?;
        let row = "//table//td[normalize-space(.)='Lobby phone']";
        if !eventually(|| async { client.find(Locator::XPath(row)).await.is_err() }).await {
            return Err("the removed device is still listed".into());
        }
        Ok(())
    })
    .await;
}
