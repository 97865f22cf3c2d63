//! Sign in through the real UI and see the tenant's users.

use switchboard_e2e::{cell, run, sign_in, DEMO_PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_admin_signs_in_and_sees_the_users_table() {
    run("customer_admin_signs_in_and_sees_the_users_table", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        cell(&client, "damien.moreau@acme.example").await?;
        let path = client.current_url().await?.path().to_owned();
        if !(path.starts_with("/t/") && path.ends_with("/users")) {
            return Err(format!("expected /t/{{tenantId}}/users, got {path}").into());
        }
        // Another customer's users are not there.
        if client.find(fantoccini::Locator::XPath("//td[normalize-space(.)='admin@globex.example']")).await.is_ok() {
            return Err("a Globex user is listed in Acme".into());
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_refused_in_plain_words() {
    run("a_wrong_password_is_refused_in_plain_words", |client, url| async move {
        sign_in(&client, &url, "admin@acme.example", "not the password").await?;
        let alert = client
            .wait()
            .at_most(std::time::Duration::from_secs(20))
            .for_element(fantoccini::Locator::XPath("//*[@role='alert' and normalize-space(.)!='']"))
            .await?;
        let text = alert.text().await?;
        if !text.contains("Invalid e-mail or password") {
            return Err(format!("unexpected error text: {text}").into());
        }
        Ok(())
    })
    .await;
}
