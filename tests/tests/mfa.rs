//! Signing in with a second factor: a code from an authenticator (computed
//! by Debian's oathtool, not by the server's code) or a recovery code.

use std::process::Command;

use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use switchboard_e2e::{
    age_sessions, api_sign_in, button, cell, field, link, message, run, run_with, sign_in, TestResult, DEMO_PASSWORD,
};

const EMAIL: &str = "admin3@acme.example";

/// The authenticator code `ahead` seconds from now, by oathtool.
fn oathtool(secret: &str, ahead: u64) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs();
    let out = Command::new("oathtool").args(["--totp", "-b", "-N", &format!("@{}", now + ahead), secret]).output()?;
    if !out.status.success() {
        return Err(format!("oathtool: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

/// Authenticator codes turned on for `EMAIL` through the API: the secret
/// and the recovery codes.
async fn enrol(url: &str) -> Result<(String, Vec<String>), Box<dyn std::error::Error + Send + Sync>> {
    let http = reqwest::Client::new();
    let (token, _) = api_sign_in(&http, url, EMAIL).await?;
    let started: Value =
        http.post(format!("{url}/api/v1/me/mfa/totp")).bearer_auth(&token).send().await?.json().await?;
    let secret = started["secret"].as_str().ok_or("no secret")?.to_owned();
    let confirmed: Value = http
        .post(format!("{url}/api/v1/me/mfa/totp/confirm"))
        .bearer_auth(&token)
        .json(&json!({ "code": oathtool(&secret, 0)? }))
        .send()
        .await?
        .json()
        .await?;
    let codes = confirmed["recoveryCodes"].as_array().ok_or(format!("not confirmed: {confirmed}"))?;
    Ok((secret, codes.iter().filter_map(|c| c.as_str().map(str::to_owned)).collect()))
}

async fn second_step(client: &Client, label: &str, code: &str) -> TestResult {
    field(client, label).await?.send_keys(code).await?;
    button(client, "Verify").await?.click().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_with_authenticator_codes_signs_in_with_a_code_or_a_recovery_code() {
    run("a_person_with_authenticator_codes_signs_in_with_a_code_or_a_recovery_code", |client, url| async move {
        let (secret, recovery) = enrol(&url).await?;

        sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
        message(&client, "Enter the 6-digit code from your authenticator app.").await?;
        second_step(&client, "Authenticator code", "000000").await?;
        message(&client, "The code is wrong or was used already.").await?;
        field(&client, "Authenticator code").await?.clear().await?;
        // The enrolment used this step's code: the next step's, typed a little early.
        second_step(&client, "Authenticator code", &oathtool(&secret, 30)?).await?;
        cell(&client, EMAIL).await?;

        button(&client, "Sign out").await?.click().await?;
        sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
        button(&client, "Use a recovery code instead").await?.click().await?;
        second_step(&client, "Recovery code", &recovery[0]).await?;
        cell(&client, EMAIL).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_step_speaks_the_chosen_language_and_leads_back_to_the_password() {
    run("the_second_step_speaks_the_chosen_language_and_leads_back_to_the_password", |client, url| async move {
        enrol(&url).await?;
        client.goto(&format!("{url}/login")).await?;
        field(&client, "Language").await?.select_by_label("Français").await?;
        link(&client, "Mot de passe oublié ?").await?;
        field(&client, "E-mail").await?.send_keys(EMAIL).await?;
        field(&client, "Mot de passe").await?.send_keys(DEMO_PASSWORD).await?;
        button(&client, "Se connecter").await?.click().await?;
        message(&client, "Saisissez le code à 6 chiffres de votre application d'authentification.").await?;
        button(&client, "Revenir à l'e-mail et au mot de passe").await?.click().await?;
        field(&client, "Mot de passe").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_turns_authenticator_codes_on_and_off_in_my_account() {
    run("a_person_turns_authenticator_codes_on_and_off_in_my_account", |client, url| async move {
        sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
        cell(&client, EMAIL).await?;
        link(&client, "My account").await?.click().await?;
        button(&client, "Turn on authenticator codes").await?.click().await?;
        client
            .wait()
            .for_element(Locator::XPath("//*[name()='svg' and @aria-label='QR code for your authenticator app']"))
            .await?;
        let secret = client.wait().for_element(Locator::Css("code.secret")).await?.text().await?;
        // A wrong code is said so, and the person stays signed in.
        field(&client, "Code from the app").await?.send_keys("000000").await?;
        button(&client, "Confirm").await?.click().await?;
        message(&client, "The code is wrong or was used already.").await?;
        field(&client, "Code from the app").await?.clear().await?;
        field(&client, "Code from the app").await?.send_keys(&oathtool(&secret, 0)?).await?;
        button(&client, "Confirm").await?.click().await?;
        message(&client, "Authenticator codes are on: signing in asks for a code after your password.").await?;
        let codes = client.find_all(Locator::Css(".recovery li code")).await?;
        if codes.len() != 10 {
            return Err(format!("{} recovery codes shown", codes.len()).into());
        }
        let first = codes[0].text().await?;
        message(&client, "10 recovery codes left.").await?;

        // The next sign-in asks for a code; a recovery code does too.
        button(&client, "Sign out").await?.click().await?;
        sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
        button(&client, "Use a recovery code instead").await?.click().await?;
        second_step(&client, "Recovery code", &first).await?;
        cell(&client, EMAIL).await?;

        link(&client, "My account").await?.click().await?;
        message(&client, "9 recovery codes left.").await?;
        button(&client, "Turn off authenticator codes").await?.click().await?;
        button(&client, "Turn on authenticator codes").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_resets_a_persons_factors_from_the_editor() {
    run("an_administrator_resets_a_persons_factors_from_the_editor", |client, url| async move {
        enrol(&url).await?;
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        // The list shows who has a second factor.
        let badge = "//tr[td//a[normalize-space(.)='Chloé Dubois']]//span[normalize-space(.)='2FA']";
        client.wait().for_element(Locator::XPath(badge)).await?;
        link(&client, "Chloé Dubois").await?.click().await?;
        button(&client, "Reset second factors").await?.click().await?;
        message(&client, "Their second factors are removed and their sessions ended: they sign in with their password and can turn codes on again.").await?;
        // The password alone signs them in again.
        api_sign_in(&reqwest::Client::new(), &url, EMAIL).await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reseller_requires_a_factor_of_administrators_and_a_customer_admin_is_led_to_set_one_up() {
    run(
        "a_reseller_requires_a_factor_of_administrators_and_a_customer_admin_is_led_to_set_one_up",
        |client, url| async move {
            sign_in(&client, &url, "staff@northwind.example", DEMO_PASSWORD).await?;
            link(&client, "Security").await?.click().await?;
            field(&client, "Policy").await?.select_by_label("Required for administrators").await?;
            // The reseller's own staff are administrators too: held at once.
            message(&client, "Your organisation requires a second step at sign-in for your account.").await?;
            button(&client, "Sign out").await?.click().await?;

            // A customer administrator below: the password, then nothing but setting up a factor.
            sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
            message(&client, "Your organisation requires a second step at sign-in for your account.").await?;
            if client.find(Locator::LinkText("Users")).await.is_ok() {
                return Err("the sections are offered before a factor is set up".into());
            }
            button(&client, "Turn on authenticator codes").await?.click().await?;
            let secret = client.wait().for_element(Locator::Css("code.secret")).await?.text().await?;
            field(&client, "Code from the app").await?.send_keys(&oathtool(&secret, 0)?).await?;
            button(&client, "Confirm").await?.click().await?;
            let next = button(&client, "Continue").await?;
            if client.find_all(Locator::Css(".recovery li code")).await?.len() != 10 {
                return Err("the recovery codes are not shown".into());
            }
            next.click().await?;
            cell(&client, EMAIL).await?;

            // The next sign-in asks for the factor.
            button(&client, "Sign out").await?.click().await?;
            sign_in(&client, &url, EMAIL, DEMO_PASSWORD).await?;
            second_step(&client, "Authenticator code", &oathtool(&secret, 30)?).await?;
            cell(&client, EMAIL).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn granting_an_administrator_role_asks_for_the_password_again_then_saves() {
    let database = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let seen = database.clone();
    run_with(
        "granting_an_administrator_role_asks_for_the_password_again_then_saves",
        move |config| *seen.lock().unwrap() = config.database_url.clone(),
        |client, url| async move {
            sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
            cell(&client, "admin@acme.example").await?;
            let database_url = database.lock().unwrap().clone();
            age_sessions(&database_url, "admin@acme.example").await?;
            link(&client, "Damien Moreau").await?.click().await?;
            field(&client, "Manage users").await?.click().await?;
            button(&client, "Save").await?.click().await?;

            // Asked; giving up leaves the change unsaved, and says why.
            let in_dialog = |name: &str| format!("//div[@role='dialog']//button[normalize-space(.)='{name}']");
            message(&client, "This change needs your password again.").await?;
            client.find(Locator::XPath(&in_dialog("Cancel"))).await?.click().await?;
            message(&client, "This change needs you to confirm who you are: try again and give your password.").await?;

            // A wrong password is said so; the right one lets the change through.
            button(&client, "Save").await?.click().await?;
            field(&client, "Password").await?.send_keys("not my password").await?;
            client.find(Locator::XPath(&in_dialog("Confirm"))).await?.click().await?;
            message(&client, "The current password is wrong.").await?;
            field(&client, "Password").await?.clear().await?;
            field(&client, "Password").await?.send_keys(DEMO_PASSWORD).await?;
            client.find(Locator::XPath(&in_dialog("Confirm"))).await?.click().await?;
            message(&client, "Saved.").await?;
            if client.find(Locator::Css("[role='dialog']")).await.is_ok() {
                return Err("the dialog stayed open".into());
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wizard_sets_a_new_customers_policy() {
    run("the_wizard_sets_a_new_customers_policy", |client, url| async move {
        sign_in(&client, &url, "staff@northwind.example", DEMO_PASSWORD).await?;
        link(&client, "New customer").await?.click().await?;
        field(&client, "Customer name").await?.send_keys("Stricter Ltd").await?;
        field(&client, "Second factor at sign-in").await?.select_by_label("Required for everyone").await?;
        button(&client, "Create customer").await?.click().await?;
        button(&client, "Continue without importing").await?;
        let address = client.current_url().await?;
        let customer = address.query_pairs().find(|(k, _)| k == "customer").map(|(_, v)| v.into_owned());
        let customer = customer.ok_or(format!("no customer in {address}"))?;
        let http = reqwest::Client::new();
        let (token, _) = api_sign_in(&http, &url, "staff@northwind.example").await?;
        let settings: Value = http
            .get(format!("{url}/api/v1/tenants/{customer}/mfa-policy"))
            .bearer_auth(&token)
            .send()
            .await?
            .json()
            .await?;
        if settings["policy"] != "required" {
            return Err(format!("the new customer's policy: {settings}").into());
        }
        Ok(())
    })
    .await;
}
