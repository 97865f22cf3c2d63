//! Sent e-mail, kept for the portal to show (the default delivery).

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::OutboxMessage;

use crate::{db::Db, error::ApiError, mail::Message};

/// Keeps `message` to `to` for the portal to show.
pub async fn put(conn: &mut AnyConnection, tenant_id: &str, to: &str, message: &Message) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO outbox (id, tenant_id, to_address, subject, body, kind, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(uuid::Uuid::now_v7().simple().to_string())
    .bind(tenant_id)
    .bind(to)
    .bind(message.subject)
    .bind(&message.body)
    .bind(message.kind)
    .bind(crate::time::now_text())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: String,
    tenant_id: String,
    to_address: String,
    subject: String,
    body: String,
    kind: String,
    created_at: String,
}

/// Newest first, from the tenant and (`below`) the tenants under it.
pub async fn list(
    db: &Db,
    tenant_id: &str,
    below: bool,
    to: Option<&str>,
    limit: i64,
) -> Result<Vec<OutboxMessage>, ApiError> {
    let scope = if below {
        "(o.tenant_id = $1 OR t.parent_id = $1 OR t.parent_id IN (SELECT id FROM tenants WHERE parent_id = $1))"
    } else {
        "o.tenant_id = $1"
    };
    let filter = if to.is_some() { " AND lower(o.to_address) = $2" } else { "" };
    let sql = format!(
        "SELECT o.id, o.tenant_id, o.to_address, o.subject, o.body, o.kind, o.created_at FROM outbox o \
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
            created_at: r.created_at,
        })
        .collect())
}
