//! The sections beside the users: licence usage and the audit trail; and the
//! activation e-mail sent from the editor.

use switchboard_e2e::{button, cell, eventually, field, link, message, run, sign_in, DEMO_PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn licences_and_a_users_history_are_shown_and_activation_mail_is_sent() {
    run("licences_and_a_users_history_are_shown_and_activation_mail_is_sent", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;

        link(&client, "Licence usage").await?.click().await?;
        cell(&client, "Professional user").await?;
        cell(&client, "Essential user").await?;

        // A change, then the user's history says who made it and what it was.
        link(&client, "Users").await?.click().await?;
        link(&client, "Damien Moreau").await?.click().await?;
        let name = field(&client, "Display name").await?;
        name.clear().await?;
        name.send_keys("Damien M.").await?;
        button(&client, "Save").await?.click().await?;
        message(&client, "Saved.").await?;
        link(&client, "History").await?.click().await?;
        message(&client, "Display name: Damien Moreau → Damien M.").await?;
        cell(&client, "admin@acme.example").await?;
        message(&client, "User changed").await?;

        // An invited user can be sent a new activation link.
        link(&client, "Users").await?.click().await?;
        link(&client, "Gaëlle Michel").await?.click().await?;
        button(&client, "Send activation e-mail").await?.click().await?;
        message(&client, "Activation e-mail sent.").await?;

        // Someone with the UC clients can be sent where to download them;
        // an administrator without them is not offered it.
        link(&client, "Users").await?.click().await?;
        link(&client, "Damien M.").await?.click().await?;
        button(&client, "Send UC welcome e-mail").await?.click().await?;
        message(&client, "UC welcome e-mail sent.").await?;
        link(&client, "Users").await?.click().await?;
        link(&client, "Alice Martin").await?.click().await?;
        let name = field(&client, "Display name").await?;
        if !eventually(|| async { name.prop("value").await.ok().flatten().as_deref() == Some("Alice Martin") }).await {
            return Err("Alice's editor did not load".into());
        }
        if client
            .find(fantoccini::Locator::XPath("//button[normalize-space(.)='Send UC welcome e-mail']"))
            .await
            .is_ok()
        {
            return Err("the UC welcome e-mail is offered to someone without the UC clients".into());
        }
        Ok(())
    })
    .await;
}
