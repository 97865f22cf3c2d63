//! Sent e-mail: kept for the portal to show (the default delivery), and
//! the queue `domain::mail::sender` delivers by SMTP when one is configured.

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{Delivery, OutboxMessage, TenantId};

use super::columns::Sending;

use super::Db;

/// One e-mail as composed (`domain::mail`), kept as it will be sent.
pub struct Message {
    pub kind: &'static str,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Keeps `message` to `to`, in the transaction of the change that sends it.
pub async fn put(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    to: &str,
    message: &Message,
    delivery: Delivery,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (id, tenant_id, to_address, subject, body, html, kind, delivery, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(super::new_id::<String>())
    .bind(tenant_id)
    .bind(to)
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(message.kind)
    .bind(delivery.as_str())
    .bind(crate::time::now_text())
    .execute(conn)
    .await?;
    Ok(())
}

/// A message taken for delivery.
#[derive(FromRow)]
pub struct Claimed {
    pub id: String,
    pub kind: String,
    #[sqlx(rename = "to_address")]
    pub to: String,
    pub subject: String,
    #[sqlx(rename = "body")]
    pub text: String,
    pub html: String,
    pub attempts: i64,
}

/// Takes the oldest pending message for this process. The `delivery`
/// condition makes the claim exclusive among instances sharing the database.
pub async fn claim_next(db: &Db) -> Result<Option<Claimed>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE outbox SET delivery = 'sending', attempts = attempts + 1 \
         WHERE id = (SELECT id FROM outbox WHERE delivery = 'pending' \
                     AND (next_attempt_at IS NULL OR next_attempt_at <= $1) ORDER BY id LIMIT 1) \
         AND delivery = 'pending' \
         RETURNING id, kind, to_address, subject, body, html, attempts",
    )
    .bind(crate::time::now_text())
    .fetch_optional(db)
    .await
}

/// A delivery's outcome.
pub struct Outcome<'a> {
    pub delivery: Delivery,
    pub error: Option<&'a str>,
    /// When a `Pending` message is tried again.
    pub retry_at: Option<&'a str>,
    /// The text and HTML to keep instead of what was sent.
    pub kept: Option<(&'a str, &'a str)>,
}

/// Records a delivery's outcome.
pub async fn finish(db: &Db, id: &str, outcome: Outcome<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET delivery = $2, last_error = $3, next_attempt_at = $4, \
         body = COALESCE($5, body), html = COALESCE($6, html) WHERE id = $1",
    )
    .bind(id)
    .bind(outcome.delivery.as_str())
    .bind(outcome.error)
    .bind(outcome.retry_at)
    .bind(outcome.kept.map(|(text, _)| text))
    .bind(outcome.kept.map(|(_, html)| html))
    .execute(db)
    .await?;
    Ok(())
}

/// At start: messages left `sending` by a process that stopped are pending again.
pub async fn release_claims(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET delivery = 'pending' WHERE delivery = 'sending'").execute(db).await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: String,
    tenant_id: TenantId,
    to_address: String,
    subject: String,
    body: String,
    kind: String,
    #[sqlx(try_from = "Sending")]
    delivery: Delivery,
    created_at: String,
}

/// Newest first, from the tenant and (`below`) the tenants under it.
pub async fn list(
    db: &Db,
    tenant_id: &TenantId,
    below: bool,
    to: Option<&str>,
    limit: i64,
) -> Result<Vec<OutboxMessage>, sqlx::Error> {
    let scope = if below {
        "(o.tenant_id = $1 OR t.parent_id = $1 OR t.parent_id IN (SELECT id FROM tenants WHERE parent_id = $1))"
    } else {
        "o.tenant_id = $1"
    };
    let filter = if to.is_some() { " AND lower(o.to_address) = $2" } else { "" };
    let sql = format!(
        "SELECT o.id, o.tenant_id, o.to_address, o.subject, o.body, o.kind, o.delivery, o.created_at FROM outbox o \
         JOIN tenants t ON t.id = o.tenant_id WHERE {scope}{filter} ORDER BY o.id DESC LIMIT {limit}"
    );
    let mut q = sqlx::query_as::<_, Row>(&sql).bind(tenant_id);
    if let Some(to) = to {
        q = q.bind(to.trim().to_lowercase());
    }
    Ok(q.fetch_all(db)
        .await?
        .into_iter()
        .map(|r| OutboxMessage {
            id: r.id,
            tenant_id: r.tenant_id,
            to: r.to_address,
            subject: r.subject,
            body: r.body,
            kind: r.kind,
            delivery: r.delivery,
            created_at: r.created_at,
        })
        .collect())
}
