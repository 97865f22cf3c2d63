//! E-mail by SMTP (`SMTP_URL`): delivered to a real SMTP listener started
//! here, in the recipient's language, as text and HTML, with a working link.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::{
    common::{on_both_databases, TestApp},
    smtp_server::smtp_server,
};

on_both_databases!(
    activation_mail_is_delivered_by_smtp_in_the_users_language,
    mail_that_cannot_be_delivered_waits_in_the_outbox,
    an_activation_link_given_up_on_is_not_kept_readable,
);

/// The stored text and HTML of the mail to `to`.
async fn stored(app: &TestApp, to: &str) -> (String, String) {
    sqlx::query_as("SELECT body, html FROM outbox WHERE to_address = $1").bind(to).fetch_one(&app.db).await.unwrap()
}

/// The Outbox listing of the mail to `to`, from the server at `base`.
async fn outbox(app: &TestApp, base: &str, token: &str, to: &str) -> serde_json::Value {
    let url = format!("{base}/api/v1/outbox?to={to}");
    app.http.get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap()
}

async fn activation_mail_is_delivered_by_smtp_in_the_users_language(app: TestApp) {
    let (smtp_url, received) = smtp_server();
    let mailing = app.smtp_instance(&smtp_url).await;
    let base = format!("http://{}", mailing.addr);
    let admin = app.token_at(&base, "admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let gaelle = app.user_id("gaelle.michel@acme.example").await;
    let path = format!("{base}/api/v1/customers/{acme}/users/{gaelle}/activation-email");
    let sent = app.http.post(&path).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(sent.status(), 202);

    let mut waited = 0;
    while received.lock().unwrap().is_empty() && waited < 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    let (from, to, raw) = received.lock().unwrap().first().cloned().expect("a message reached the SMTP server");
    assert_eq!((from.as_str(), to.as_slice()), ("portal@acme.example", &["gaelle.michel@acme.example".to_owned()][..]));
    let message = mailparse::parse_mail(&raw).unwrap();
    use mailparse::MailHeaderMap;
    assert_eq!(
        message.headers.get_first_value("Subject").as_deref(),
        Some("Activez votre compte Switchboard"),
        "Gaëlle reads French"
    );
    assert_eq!(message.ctype.mimetype, "multipart/alternative");
    let text = message.subparts.iter().find(|p| p.ctype.mimetype == "text/plain").unwrap().get_body().unwrap();
    let html = message.subparts.iter().find(|p| p.ctype.mimetype == "text/html").unwrap().get_body().unwrap();
    assert!(text.starts_with("Bonjour Gaëlle Michel,"), "{text}");
    let link = text.lines().find(|l| l.contains("/activate?token=")).expect("the link").trim().to_owned();
    assert!(link.starts_with(&mailing.public_url), "the link points at the portal: {link}");
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    // The server's acknowledgement is recorded a moment after it arrives.
    let mut delivery = String::new();
    for _ in 0..50 {
        delivery = sqlx::query_scalar("SELECT delivery FROM outbox WHERE to_address = 'gaelle.michel@acme.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
        if delivery == "sent" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(delivery, "sent");
    let listed = outbox(&app, &base, &admin, "gaelle.michel@acme.example").await;
    assert_eq!(listed[0]["delivery"], "sent");
    // Delivered, the link is Gaëlle's alone: neither the Outbox nor the database keeps it.
    let token = link.split("token=").nth(1).unwrap();
    let body = listed[0]["body"].as_str().unwrap();
    assert!(!body.contains(token) && body.contains("link removed"), "{body}");
    let (text, html) = stored(&app, "gaelle.michel@acme.example").await;
    assert!(!text.contains(token) && !html.contains(token), "{text}\n{html}");

    // The link works: Gaëlle chooses a password and signs in.
    let activated = app
        .http
        .post(format!("{base}/api/v1/auth/activate"))
        .json(&json!({ "token": token, "password": "a long new password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(activated.status(), 204);
    assert_eq!(app.login("gaelle.michel@acme.example", "a long new password").await.status(), 200);
    mailing.server.abort();
}

async fn mail_that_cannot_be_delivered_waits_in_the_outbox(app: TestApp) {
    // Nothing listens on port 9 (discard) here: every attempt fails.
    let mailing = app.smtp_instance("smtp://127.0.0.1:9").await;
    let base = format!("http://{}", mailing.addr);
    let admin = app.token_at(&base, "admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let damien = app.user_id("damien.moreau@acme.example").await;
    let path = format!("/api/v1/customers/{acme}/users/{damien}/uc-welcome-email");
    let sent = app.http.request(Method::POST, format!("{base}{path}")).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(sent.status(), 202, "accepted: delivery is the outbox's business");
    let mut row: (String, i64, Option<String>, Option<String>) = (String::new(), 0, None, None);
    for _ in 0..100 {
        row = sqlx::query_as(
            "SELECT delivery, attempts, last_error, next_attempt_at FROM outbox \
             WHERE to_address = 'damien.moreau@acme.example'",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        if row.1 > 0 && row.0 == "pending" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!((row.0.as_str(), row.1), ("pending", 1), "tried once, to be retried");
    assert!(row.2.is_some_and(|e| !e.contains("token")), "the reason is kept, without the message");
    let retry = row.3.expect("a time to try again");
    assert!(retry > switchboard_backend::time::now_text(), "tried again later, not at once: {retry}");
    // The Outbox says so.
    let listed = outbox(&app, &base, &admin, "damien.moreau@acme.example").await;
    assert_eq!(listed[0]["delivery"], "pending");
    mailing.server.abort();
}

async fn an_activation_link_given_up_on_is_not_kept_readable(app: TestApp) {
    let mailing = app.smtp_instance("smtp://127.0.0.1:9").await;
    let base = format!("http://{}", mailing.addr);
    let admin = app.token_at(&base, "admin@acme.example").await;
    let acme = app.tenant_id("Acme Ltd").await;
    let send_link = |email: &'static str| {
        let (app, base, admin, acme) = (&app, &base, &admin, &acme);
        async move {
            let id = app.user_id(email).await;
            let path = format!("{base}/api/v1/customers/{acme}/users/{id}/activation-email");
            assert_eq!(app.http.post(&path).bearer_auth(admin).send().await.unwrap().status(), 202);
        }
    };
    let attempts = || async {
        sqlx::query_as::<_, (String, i64)>(
            "SELECT delivery, attempts FROM outbox WHERE to_address = 'gaelle.michel@acme.example'",
        )
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    send_link("gaelle.michel@acme.example").await;
    for _ in 0..100 {
        if attempts().await == ("pending".into(), 1) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(attempts().await, ("pending".into(), 1));
    // Still on its way: kept for the retries, but not shown to administrators.
    let (text, _) = stored(&app, "gaelle.michel@acme.example").await;
    assert!(text.contains("token="), "kept for the next attempt");
    let listed = outbox(&app, &base, &admin, "gaelle.michel@acme.example").await;
    assert!(!listed[0]["body"].as_str().unwrap().contains("token="), "{listed}");

    // Its last attempt is due; another message wakes the sender, which gives up on it.
    sqlx::query(
        "UPDATE outbox SET attempts = 7, next_attempt_at = NULL WHERE to_address = 'gaelle.michel@acme.example'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    send_link("quentin.fontaine@acme.example").await;
    for _ in 0..100 {
        if attempts().await.0 == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(attempts().await, ("failed".into(), 8));
    let (text, html) = stored(&app, "gaelle.michel@acme.example").await;
    assert!(!text.contains("token=") && !html.contains("token="), "{text}\n{html}");
    assert!(text.contains("link removed"), "{text}");
    mailing.server.abort();
}
