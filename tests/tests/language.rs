//! The language picker: every string follows the chosen language, which is
//! remembered across reloads and sign-ins, and the server's refusals are said
//! in it too.

use switchboard_e2e::{button, cell, field, message, run, sign_in, TestResult, DEMO_PASSWORD};

async fn choose_language(client: &fantoccini::Client, name: &str) -> TestResult {
    field(client, "Language").await?.select_by_label(name).await?;
    Ok(())
}

async fn html_lang(client: &fantoccini::Client) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let lang = client.execute("return document.documentElement.lang", vec![]).await?;
    Ok(lang.as_str().unwrap_or_default().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_language_translates_the_portal_and_is_remembered() {
    run("switching_language_translates_the_portal_and_is_remembered", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;

        choose_language(&client, "Français").await?;
        field(&client, "Rechercher des utilisateurs").await?;
        button(&client, "Se déconnecter").await?;
        if html_lang(&client).await? != "fr" {
            return Err("<html lang> did not follow the language".into());
        }

        // The role panel: French role names, and the knock-on note in French.
        button(&client, "Nouvel utilisateur").await?.click().await?;
        field(&client, "Nom affiché").await?;
        field(&client, "Gérer les utilisateurs").await?.click().await?;
        if !field(&client, "Accès au site").await?.is_selected().await? {
            return Err("the prerequisite was not ticked".into());
        }
        message(&client, "Également coché : Accès au site, requis par Gérer les utilisateurs.").await?;
        message(&client, "Aucun changement de licence.").await?;

        // A refusal from the server, in French: saving without a name or e-mail
        // is stopped by the browser, so ask for an e-mail that exists.
        field(&client, "Nom affiché").await?.send_keys("Double").await?;
        field(&client, "E-mail").await?.send_keys("ADMIN@acme.example").await?;
        button(&client, "Enregistrer").await?.click().await?;
        message(&client, "Un utilisateur avec cet e-mail existe déjà.").await?;

        // Remembered across a reload.
        client.refresh().await?;
        field(&client, "Nom affiché").await?;

        // And to Russian, whose plural forms differ.
        choose_language(&client, "Русский").await?;
        field(&client, "Отображаемое имя").await?;
        field(&client, "Управление пользователями").await?;
        choose_language(&client, "English").await?;
        field(&client, "Display name").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_page_has_the_picker_and_says_its_errors_in_the_chosen_language() {
    run("the_sign_in_page_has_the_picker_and_says_its_errors_in_the_chosen_language", |client, url| async move {
        client.goto(&format!("{url}/login")).await?;
        choose_language(&client, "Español").await?;
        field(&client, "Correo electrónico").await?.send_keys("admin@acme.example").await?;
        field(&client, "Contraseña").await?.send_keys("not the password").await?;
        button(&client, "Iniciar sesión").await?.click().await?;
        message(&client, "Correo electrónico o contraseña incorrectos.").await?;
        if html_lang(&client).await? != "es" {
            return Err("<html lang> did not follow the language".into());
        }
        Ok(())
    })
    .await;
}
