//! Delivers the outbox by SMTP (lettre) when `SMTP_URL` is set. A request
//! that sends e-mail only puts it in the outbox, in its own transaction, so
//! a message exists exactly when the change that sent it committed; this
//! task then delivers it and records the outcome, trying a failed message
//! again later and later. Delivery is at least once: a message being sent
//! when the process died is sent again.

use std::{sync::Arc, time::Duration};
use switchboard_shared::Delivery;

use lettre::{
    message::{header::ContentType, Mailbox, MultiPart, SinglePart},
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
};
use tokio::sync::Notify;

use crate::store::{outbox, Db};

/// Attempts before a message is marked failed: with the back-off below,
/// a mail server may be away for about two hours before mail is given up.
const MAX_ATTEMPTS: i64 = 8;
/// The wait after the first failed attempt; it doubles after each one.
const FIRST_RETRY: Duration = Duration::from_secs(60);
/// How often pending mail is looked for without being woken (retries, other instances' mail).
const POLL: Duration = Duration::from_secs(10);

/// How e-mail leaves: stored for the portal, or sent by SMTP.
#[derive(Default)]
pub struct Sender {
    smtp: Option<Smtp>,
    wake: Notify,
}

struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("SMTP_URL is not valid: {0}")]
    Url(String),
    #[error("SMTP_FROM is not an address: {0}")]
    From(String),
}

impl Sender {
    pub fn new(smtp_url: Option<&str>, from: Option<&str>) -> Result<Self, MailConfigError> {
        let Some(url) = smtp_url else { return Ok(Self::default()) };
        // lettre's message would repeat the URL, password included: say only what is wrong.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| MailConfigError::Url("use smtp://[user:pass@]host[:port][?tls=required] or smtps://".into()))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from.unwrap_or("Switchboard <noreply@localhost>");
        let from = from.parse().map_err(|e: lettre::address::AddressError| MailConfigError::From(e.to_string()))?;
        Ok(Self { smtp: Some(Smtp { transport, from }), wake: Notify::new() })
    }

    /// The delivery new mail starts with.
    pub fn initial(&self) -> Delivery {
        if self.smtp.is_some() {
            Delivery::Pending
        } else {
            Delivery::Stored
        }
    }

    /// Called after a commit that put mail in the outbox.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// Runs for the life of the process when SMTP is configured.
pub fn spawn(db: Db, mail: Arc<Sender>) {
    if mail.smtp.is_none() {
        tracing::warn!(
            "SMTP_URL is not set: e-mail stays in the outbox, where administrators (and the staff above them) \
             read it, activation and password-reset links included; set SMTP_URL to deliver it instead"
        );
        return;
    }
    tokio::spawn(async move {
        if let Err(e) = outbox::release_claims(&db).await {
            tracing::warn!(error = %e, "could not release interrupted deliveries");
        }
        loop {
            deliver_pending(&db, &mail).await;
            tokio::select! {
                _ = mail.wake.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    });
}

/// Sends every pending message; stops at the first failure (the server is
/// likely down: the next round retries).
async fn deliver_pending(db: &Db, mail: &Sender) {
    let Some(smtp) = &mail.smtp else { return };
    loop {
        let claimed = match outbox::claim_next(db).await {
            Ok(Some(m)) => m,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, "could not read the outbox");
                return;
            }
        };
        let sent = send(smtp, &claimed).await;
        let delivery = match &sent {
            Ok(()) => Delivery::Sent,
            Err(_) if claimed.attempts >= MAX_ATTEMPTS => Delivery::Failed,
            Err(_) => Delivery::Pending,
        };
        // Only the kind of failure is logged: never the message, which holds an activation link.
        let error = sent.as_ref().err().map(|e| e.to_string());
        if let Some(e) = &error {
            tracing::warn!(id = %claimed.id, attempt = claimed.attempts, error = %e, "e-mail not delivered");
        }
        let retry_at = (delivery == Delivery::Pending).then(|| retry_at(claimed.attempts));
        // Once the message has left (or been given up), its link is the
        // recipient's alone: the outbox keeps a copy without it.
        let kept = (delivery != Delivery::Pending && super::carries_secret_link(&claimed.kind))
            .then(|| (super::without_secret_links(&claimed.text), super::without_secret_links(&claimed.html)));
        let outcome = outbox::Outcome {
            delivery,
            error: error.as_deref(),
            retry_at: retry_at.as_deref(),
            kept: kept.as_ref().map(|(text, html)| (text.as_str(), html.as_str())),
        };
        if let Err(e) = outbox::finish(db, &claimed.id, outcome).await {
            tracing::warn!(error = %e, "could not record a delivery");
            return;
        }
        if sent.is_err() {
            return;
        }
    }
}

/// When a message that failed `attempts` times is tried again.
fn retry_at(attempts: i64) -> String {
    let wait = FIRST_RETRY * 2u32.pow(attempts.clamp(1, 16) as u32 - 1);
    crate::time::format(crate::time::now() + wait)
}

#[derive(Debug, thiserror::Error)]
enum SendError {
    #[error("bad recipient address")]
    Address,
    #[error("message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

async fn send(smtp: &Smtp, m: &outbox::Claimed) -> Result<(), SendError> {
    let to: Mailbox = m.to.parse().map_err(|_| SendError::Address)?;
    let message = lettre::Message::builder().from(smtp.from.clone()).to(to).subject(&m.subject).multipart(
        MultiPart::alternative()
            .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.text.clone()))
            .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(m.html.clone())),
    )?;
    smtp.transport.send(message).await?;
    Ok(())
}
