//! A person's own account in the browser: a forgotten password reset from
//! the link in a mail delivered by SMTP, a session ended from another
//! browser (signed out at its next action), profile and password, and an
//! administrator signing a user out everywhere.

use std::time::Duration;

use fantoccini::{Client, Locator};
use mailparse::MailHeaderMap;
use switchboard_e2e::{
    api_sign_in, browser, button, cell, eventually, field, link, message, page_errors, run, run_with, sign_in,
    smtp::smtp_server, TestResult, DEMO_PASSWORD,
};

/// The reset link of the first mail that reached the SMTP server, once one has.
async fn mailed_reset_link(received: &switchboard_e2e::smtp::Received) -> Result<String, String> {
    let arrived = eventually(|| async { !received.lock().unwrap().is_empty() }).await;
    if !arrived {
        return Err("no mail reached the SMTP server".into());
    }
    let (_, to, raw) = received.lock().unwrap()[0].clone();
    let mail = mailparse::parse_mail(&raw).map_err(|e| e.to_string())?;
    let subject = mail.headers.get_first_value("Subject").unwrap_or_default();
    let text = mail.subparts.iter().find(|p| p.ctype.mimetype == "text/plain").ok_or("no text part")?;
    let text = text.get_body().map_err(|e| e.to_string())?;
    let link = text.lines().find(|l| l.contains("/reset-password?token=")).ok_or(format!("no link in {subject}"))?;
    if to != ["admin2@acme.example"] {
        return Err(format!("mailed to {to:?}"));
    }
    Ok(link.trim().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_password_is_reset_from_the_mailed_link() {
    let (smtp_url, received) = smtp_server();
    let with_smtp = move |c: &mut switchboard_backend::config::Config| c.smtp_url = Some(smtp_url);
    run_with("a_forgotten_password_is_reset_from_the_mailed_link", with_smtp, |client, url| async move {
        client.goto(&format!("{url}/login")).await?;
        link(&client, "Forgot password?").await?.click().await?;
        client.wait().for_element(Locator::XPath("//h1[normalize-space(.)='Forgot your password?']")).await?;
        field(&client, "Email").await?.send_keys("admin2@acme.example").await?;
        button(&client, "Send me a link").await?.click().await?;
        message(&client, "a link to choose a new one is on its way").await?;

        let reset = mailed_reset_link(&received).await?;
        if !reset.starts_with(&url) {
            return Err(format!("the link {reset:?} does not point at this portal").into());
        }
        client.goto(&reset).await?;
        field(&client, "New password").await?.send_keys("bruno's new passphrase").await?;
        field(&client, "Repeat the password").await?.send_keys("bruno's new passphrase").await?;
        button(&client, "Set password").await?.click().await?;
        client.wait().for_element(Locator::XPath("//h1[normalize-space(.)='Your password is changed']")).await?;

        // The link is spent; the new password signs in.
        client.goto(&reset).await?;
        field(&client, "New password").await?.send_keys("another passphrase").await?;
        field(&client, "Repeat the password").await?.send_keys("another passphrase").await?;
        button(&client, "Set password").await?.click().await?;
        message(&client, "This link is not valid any more").await?;
        sign_in(&client, &url, "admin2@acme.example", "bruno's new passphrase").await?;
        cell(&client, "admin2@acme.example").await?;
        Ok(())
    })
    .await;
}

/// The "Sign out" button of the session that is not this device's.
async fn other_sessions_sign_out(
    client: &Client,
) -> Result<fantoccini::elements::Element, fantoccini::error::CmdError> {
    let xpath = "//li[contains(@class, 'session')][not(.//*[normalize-space(.)='This device'])]//button";
    client.wait().at_most(Duration::from_secs(20)).for_element(Locator::XPath(xpath)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ended_from_another_browser_is_signed_out_at_its_next_action() {
    run("a_session_ended_from_another_browser_is_signed_out_at_its_next_action", |a, url| async move {
        let b = browser().await;
        let outcome = async {
            sign_in(&b.client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
            cell(&b.client, "admin@acme.example").await?;

            sign_in(&a, &url, "admin@acme.example", DEMO_PASSWORD).await?;
            cell(&a, "admin@acme.example").await?;
            link(&a, "My account").await?.click().await?;
            message(&a, "This device").await?;
            other_sessions_sign_out(&a).await?.click().await?;
            message(&a, "You are signed in nowhere else.").await?;

            // B's next action meets the ended session: the sign-in page, saying why.
            link(&b.client, "Devices").await?.click().await?;
            message(&b.client, "Your session has ended").await?;
            if b.client.current_url().await?.path() != "/login" {
                return Err("B is not on the sign-in page".into());
            }
            let errors = page_errors(&b.client).await?;
            if !errors.is_empty() {
                return Err(format!("B's portal failed: {errors:#?}").into());
            }
            // A goes on.
            link(&a, "Devices").await?.click().await?;
            cell(&a, "Spare softphone").await?;
            TestResult::Ok(())
        }
        .await;
        let _ = b.client.clone().close().await;
        outcome
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_change_their_profile_and_password_in_my_account() {
    run("people_change_their_profile_and_password_in_my_account", |client, url| async move {
        sign_in(&client, &url, "admin3@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin3@acme.example").await?;
        link(&client, "My account").await?.click().await?;
        let name = field(&client, "Display name").await?;
        name.clear().await?;
        name.send_keys("Chloé D.").await?;
        field(&client, "Language").await?;
        client.find(Locator::Id("profile-language")).await?.select_by_value("es").await?;
        button(&client, "Save").await?.click().await?;
        // Saved, and the portal now speaks the language chosen.
        message(&client, "Su perfil se ha guardado.").await?;
        // The top bar says the new name at once.
        client
            .wait()
            .for_element(Locator::XPath("//header//span[@class='who' and normalize-space(.)='Chloé D.']"))
            .await?;

        field(&client, "Contraseña actual").await?.send_keys("wrong").await?;
        client.find(Locator::Id("new-password")).await?.send_keys("chloe's new passphrase").await?;
        client.find(Locator::Id("repeat-password")).await?.send_keys("chloe's new passphrase").await?;
        button(&client, "Cambiar la contraseña").await?.click().await?;
        message(&client, "La contraseña actual no es correcta.").await?;
        let current = field(&client, "Contraseña actual").await?;
        current.clear().await?;
        current.send_keys(DEMO_PASSWORD).await?;
        button(&client, "Cambiar la contraseña").await?.click().await?;
        message(&client, "Su contraseña ha cambiado.").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_signs_a_user_out_everywhere_from_the_editor() {
    run("an_administrator_signs_a_user_out_everywhere_from_the_editor", |client, url| async move {
        let http = reqwest::Client::new();
        let (damien, _) = api_sign_in(&http, &url, "damien.moreau@acme.example").await?;
        let me = |token: String| {
            let (http, url) = (http.clone(), url.clone());
            async move { http.get(format!("{url}/api/v1/me")).bearer_auth(token).send().await.map(|r| r.status().as_u16()) }
        };
        if me(damien.clone()).await? != 200 {
            return Err("Damien is not signed in".into());
        }
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        link(&client, "Damien Moreau").await?.click().await?;
        message(&client, "from 127.0.0.1").await?;
        button(&client, "Sign out everywhere").await?.click().await?;
        message(&client, "Signed out everywhere").await?;
        message(&client, "Not signed in anywhere.").await?;
        if me(damien).await? != 401 {
            return Err("Damien's access outlived his sessions".into());
        }
        Ok(())
    })
    .await;
}
