//! The audit trail. `record` takes the open transaction of the change it
//! records, so both commit together or not at all.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{AuditAction, AuditEvent, Page};

use super::users::UserRow;
use crate::{db::Db, error::ApiError};

pub struct Entry<'a> {
    pub tenant_id: &'a str,
    pub actor_id: Option<&'a str>,
    pub actor_email: Option<&'a str>,
    pub user_id: Option<&'a str>,
    pub action: AuditAction,
    pub changes: serde_json::Value,
}

impl<'a> Entry<'a> {
    /// A change `actor` made in the tenant, to `user_id` when it concerns one user.
    pub fn by(
        actor: &'a UserRow,
        tenant_id: &'a str,
        user_id: Option<&'a str>,
        action: AuditAction,
        changes: serde_json::Value,
    ) -> Self {
        Self { tenant_id, actor_id: Some(&actor.id), actor_email: Some(&actor.email), user_id, action, changes }
    }
}

pub async fn record(conn: &mut AnyConnection, entry: Entry<'_>) -> Result<(), ApiError> {
    // UUIDv7 ids sort by time: the listing orders by id.
    sqlx::query(
        "INSERT INTO audit_events (id, tenant_id, actor_id, actor_email, user_id, action, changes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::now_v7().simple().to_string())
    .bind(entry.tenant_id)
    .bind(entry.actor_id)
    .bind(entry.actor_email)
    .bind(entry.user_id)
    .bind(entry.action.as_str())
    .bind(entry.changes.to_string())
    .bind(crate::time::now_text())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: String,
    tenant_id: String,
    actor_id: Option<String>,
    actor_email: Option<String>,
    user_id: Option<String>,
    action: String,
    changes: String,
    created_at: String,
}

/// Newest first; `cursor` is the id of the last event of the previous page.
pub async fn list(
    db: &Db,
    tenant_id: &str,
    user_id: Option<&str>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<AuditEvent>, ApiError> {
    let before = cursor
        .map(|c| {
            URL_SAFE_NO_PAD
                .decode(c)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| ApiError::bad_request("invalid_cursor", "cursor is not one this API returned"))
        })
        .transpose()?;
    let mut args: Vec<String> = vec![tenant_id.to_owned()];
    let mut filter = String::from("tenant_id = $1");
    if let Some(user) = user_id {
        args.push(user.to_owned());
        filter.push_str(&format!(" AND user_id = ${}", args.len()));
    }
    let count_sql = format!("SELECT COUNT(*) FROM audit_events WHERE {filter}");
    let mut count = sqlx::query_as::<_, (i64,)>(&count_sql);
    for a in &args {
        count = count.bind(a);
    }
    let (total,) = count.fetch_one(db).await?;
    if let Some(b) = before {
        args.push(b);
        filter.push_str(&format!(" AND id < ${}", args.len()));
    }
    let sql = format!(
        "SELECT id, tenant_id, actor_id, actor_email, user_id, action, changes, created_at FROM audit_events \
         WHERE {filter} ORDER BY id DESC LIMIT {}",
        limit + 1
    );
    let mut q = sqlx::query_as::<_, Row>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    let mut rows = q.fetch_all(db).await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| URL_SAFE_NO_PAD.encode(&r.id))
    } else {
        None
    };
    let items = rows
        .into_iter()
        .map(|r| AuditEvent {
            id: r.id,
            at: r.created_at,
            tenant_id: r.tenant_id,
            actor_id: r.actor_id,
            actor_email: r.actor_email,
            user_id: r.user_id,
            action: r.action,
            changes: serde_json::from_str(&r.changes).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    Ok(Page { items, total: total as u64, next_cursor })
}
