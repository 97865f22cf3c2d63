//! Softphones in the user editor: assign a free one, keep it after a reload;
//! another user's cannot be taken, and without the Softphones role none can.

use switchboard_e2e::{button, cell, field, link, message, run, sign_in, TestResult, DEMO_PASSWORD};

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
