//! Passkeys through the browser's WebDriver virtual authenticator (the W3C
//! WebAuthn automation commands): added and named in My account, then
//! signing in alone and as the second step, confirming who one is for a
//! sensitive change, and removed.

use fantoccini::{Client, Locator};
use switchboard_e2e::{
    age_sessions, button, cell, field, link, message, run_with, sign_in, virtual_authenticator, virtual_credentials,
    DEMO_PASSWORD,
};

/// On My account: adds a passkey named `name`; the recovery codes it shows.
async fn add_passkey(client: &Client, name: &str) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    link(client, "My account").await?.click().await?;
    message(client, "No passkeys yet.").await?;
    field(client, "Name of a new passkey").await?.send_keys(name).await?;
    button(client, "Add a passkey").await?.click().await?;
    client
        .wait()
        .for_element(Locator::XPath(&format!("//ul[contains(@class, 'passkeys')]/li[contains(., '{name}')]")))
        .await?;
    Ok(client.find_all(Locator::Css(".recovery li code")).await?.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_adds_a_passkey_then_signs_in_with_it_alone_or_after_the_password() {
    const EMAIL: &str = "admin3@acme.example";
    run_with(
        "a_person_adds_a_passkey_then_signs_in_with_it_alone_or_after_the_password",
        |_| {},
        |client, url| async move {
            let authenticator = virtual_authenticator(&client).await?;
            sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
            cell(&client, EMAIL).await?;
            let codes = add_passkey(&client, "Work laptop").await?;
            if codes != 10 {
                return Err(format!("{codes} recovery codes shown with the first factor").into());
            }
            let held = virtual_credentials(&client, &authenticator).await?;
            if held.len() != 1 || held[0]["isResidentCredential"] != true {
                return Err(format!("the authenticator holds {held:?}: one discoverable passkey expected").into());
            }

            // Alone, from the sign-in page: no e-mail, no password.
            button(&client, "Sign out").await?.click().await?;
            button(&client, "Sign in with a passkey").await?.click().await?;
            cell(&client, EMAIL).await?;

            // After the password, the passkey is the second step.
            button(&client, "Sign out").await?.click().await?;
            sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
            button(&client, "Use your passkey").await?.click().await?;
            cell(&client, EMAIL).await?;

            // Removed, it signs no one in.
            link(&client, "My account").await?.click().await?;
            message(&client, "last used").await?;
            button(&client, "Remove the passkey Work laptop").await?.click().await?;
            message(&client, "No passkeys yet.").await?;
            button(&client, "Sign out").await?.click().await?;
            button(&client, "Sign in with a passkey").await?.click().await?;
            message(&client, "The passkey was not accepted. Try again, or sign in another way.").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passkey_confirms_who_one_is_for_a_sensitive_change() {
    let database = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let seen = database.clone();
    run_with(
        "a_passkey_confirms_who_one_is_for_a_sensitive_change",
        move |config| *seen.lock().unwrap() = config.database_url.clone(),
        |client, url| async move {
            virtual_authenticator(&client).await?;
            sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
            cell(&client, "admin@acme.example").await?;
            add_passkey(&client, "Phone").await?;
            let database_url = database.lock().unwrap().clone();
            age_sessions(&database_url, "admin@acme.example").await?;
            link(&client, "Users").await?.click().await?;
            link(&client, "Damien Moreau").await?.click().await?;
            field(&client, "Manage users").await?.click().await?;
            button(&client, "Save").await?.click().await?;
            button(&client, "Confirm with a passkey").await?.click().await?;
            message(&client, "Saved.").await?;
            if client.find(Locator::Css("[role='dialog']")).await.is_ok() {
                return Err("the dialog stayed open".into());
            }
            Ok(())
        },
    )
    .await;
}
