//! Bulk actions: a preview of every row's change and its licence impact
//! before anything is applied, then a result per row.

use switchboard_e2e::{button, cell, field, message, run, sign_in, DEMO_PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_is_added_to_the_selected_users_after_a_preview_and_activation_mail_goes_to_the_invited() {
    run("a_role_is_added_to_the_selected_users_after_a_preview", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;

        field(&client, "Select Damien Moreau").await?.click().await?;
        field(&client, "Select Fabien Simon").await?.click().await?;
        message(&client, "2 users selected").await?;
        field(&client, "Role to add or remove").await?.select_by_label("Professional user").await?;
        button(&client, "Preview").await?.click().await?;
        message(&client, "Damien Moreau: Roles added: Professional user").await?;
        message(&client, "Adds: 2 × Professional user").await?;
        // Nothing is written before "Apply".
        if client
            .find(fantoccini::Locator::XPath(
                "//td[contains(., 'Professional user')]/..//td[normalize-space(.)='damien.moreau@acme.example']",
            ))
            .await
            .is_ok()
        {
            return Err("the role was added before applying".into());
        }
        button(&client, "Apply to 2 users").await?.click().await?;
        message(&client, "Damien Moreau: done").await?;
        message(&client, "Fabien Simon: done").await?;
        client
            .wait()
            .for_element(fantoccini::Locator::XPath(
                "//tr[td[normalize-space(.)='damien.moreau@acme.example']]/td[contains(., 'Professional user')]",
            ))
            .await?;

        // Activation e-mail: only the invited get it; the rest are said to need nothing.
        field(&client, "Select Gaëlle Michel").await?.click().await?;
        field(&client, "Select Alice Martin").await?.click().await?;
        field(&client, "Action").await?.select_by_label("Send activation e-mail").await?;
        button(&client, "Preview").await?.click().await?;
        message(&client, "Gaëlle Michel: will get a new activation e-mail").await?;
        message(&client, "Alice Martin: nothing to change").await?;
        button(&client, "Apply to 1 user").await?.click().await?;
        message(&client, "Gaëlle Michel: done").await?;
        Ok(())
    })
    .await;
}
