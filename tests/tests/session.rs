//! Where the portal keeps its tokens: the access token in memory only, the
//! refresh token in an HttpOnly cookie; a reload resumes the session, an
//! expired access token is refreshed without the user noticing, and signing
//! out ends the session for good.

use std::time::Duration;

use switchboard_e2e::{button, cell, field, run, run_with, sign_in, TestResult, DEMO_PASSWORD};

/// Everything a script in the page can read: both storages and the cookies.
async fn readable_by_script(client: &fantoccini::Client) -> Result<String, fantoccini::error::CmdError> {
    let js = "return JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage), document.cookie])";
    Ok(client.execute(js, vec![]).await?.as_str().unwrap_or_default().to_owned())
}

async fn on_login_page(client: &fantoccini::Client) -> TestResult {
    button(client, "Sign in").await?;
    let path = client.current_url().await?.path().to_owned();
    if path != "/login" {
        return Err(format!("expected the login page, got {path}").into());
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_is_readable_by_script_and_a_reload_stays_signed_in() {
    run("no_token_is_readable_by_script_and_a_reload_stays_signed_in", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        let readable = readable_by_script(&client).await?;
        // A JWT starts with "eyJ"; the refresh cookie is HttpOnly.
        if readable.contains("eyJ") || readable.contains("switchboard_refresh") {
            return Err(format!("a token is readable by script: {readable}").into());
        }
        let users_page = client.current_url().await?;

        // A reload (or a new tab) resumes the session from the cookie.
        client.refresh().await?;
        cell(&client, "admin@acme.example").await?;

        // Signing out ends it: the page, reloaded, asks to sign in again.
        button(&client, "Sign out").await?.click().await?;
        on_login_page(&client).await?;
        client.goto(users_page.as_str()).await?;
        on_login_page(&client).await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_access_token_is_refreshed_without_the_user_noticing() {
    // Access tokens live one second here (plus the server's 5 s of leeway).
    let short_lived = |c: &mut switchboard_backend::config::Config| c.access_token_ttl_secs = 1;
    run_with("an_expired_access_token_is_refreshed_without_the_user_noticing", short_lived, |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        tokio::time::sleep(Duration::from_secs(8)).await;
        field(&client, "Search users").await?.send_keys("damien").await?;
        cell(&client, "damien.moreau@acme.example").await?;
        if client.current_url().await?.path() == "/login" {
            return Err("the expired token sent the user to the login page".into());
        }
        Ok(())
    })
    .await;
}
