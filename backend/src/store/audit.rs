//! The audit trail. `record` takes the open transaction of the change it
//! records, so both commit together or not at all.

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{AuditAction, AuditEvent, Page, TenantId, UserId};

use super::{columns::Action, cursor, sql::Args, users::UserRow, Db, Error};

pub struct Entry<'a> {
    pub tenant_id: &'a TenantId,
    pub actor_id: Option<&'a UserId>,
    pub actor_email: Option<&'a str>,
    pub user_id: Option<&'a UserId>,
    pub action: AuditAction,
    pub changes: serde_json::Value,
}

impl<'a> Entry<'a> {
    /// A change `actor` made in the tenant, to `user_id` when it concerns one user.
    pub fn by(
        actor: &'a UserRow,
        tenant_id: &'a TenantId,
        user_id: Option<&'a UserId>,
        action: AuditAction,
        changes: serde_json::Value,
    ) -> Self {
        Self { tenant_id, actor_id: Some(&actor.id), actor_email: Some(&actor.email), user_id, action, changes }
    }
}

pub async fn record(conn: &mut AnyConnection, entry: Entry<'_>) -> Result<(), sqlx::Error> {
    // UUIDv7 ids sort by time: the listing orders by id.
    sqlx::query(
        "INSERT INTO audit_events (id, tenant_id, actor_id, actor_email, user_id, action, changes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(super::new_id::<String>())
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

/// Entries per statement when recording many (see `users::insert_many`).
const ENTRIES_PER_STATEMENT: usize = 50;

/// Records many entries, many per statement (an import's, one a user).
pub async fn record_many(conn: &mut AnyConnection, entries: &[Entry<'_>]) -> Result<(), sqlx::Error> {
    let now = crate::time::now_text();
    for chunk in entries.chunks(ENTRIES_PER_STATEMENT) {
        let mut args = Args::default();
        let now = args.bind(&now);
        let rows: Vec<String> = chunk
            .iter()
            .map(|e| {
                let values = [
                    args.bind(super::new_id::<String>()),
                    args.bind(e.tenant_id),
                    args.nullable(e.actor_id),
                    args.nullable(e.actor_email),
                    args.nullable(e.user_id),
                    args.bind(e.action.as_str()),
                    args.bind(e.changes.to_string()),
                    now.clone(),
                ];
                format!("({})", values.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_events (id, tenant_id, actor_id, actor_email, user_id, action, changes, created_at) \
             VALUES {}",
            rows.join(", ")
        );
        args.query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: String,
    tenant_id: TenantId,
    actor_id: Option<UserId>,
    actor_email: Option<String>,
    user_id: Option<UserId>,
    #[sqlx(try_from = "Action")]
    action: AuditAction,
    changes: String,
    created_at: String,
}

/// The trail is newest first.
const ORDER: &str = "-id";

/// Newest first; the cursor is after the last event of the previous page.
pub async fn list(
    db: &Db,
    tenant_id: &TenantId,
    user_id: Option<&UserId>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<AuditEvent>, Error> {
    let before = cursor.map(|c| cursor::decode::<1>(c, ORDER)).transpose()?;
    let mut args = Args::default();
    let mut filter = format!("tenant_id = {}", args.bind(tenant_id));
    if let Some(user) = user_id {
        filter.push_str(&format!(" AND user_id = {}", args.bind(user)));
    }
    let count_sql = format!("SELECT COUNT(*) FROM audit_events WHERE {filter}");
    let total = args.query_scalar::<i64>(&count_sql).fetch_one(db).await?;
    if let Some([id]) = before {
        filter.push_str(&format!(" AND id < {}", args.bind(id)));
    }
    let sql = format!(
        "SELECT id, tenant_id, actor_id, actor_email, user_id, action, changes, created_at FROM audit_events \
         WHERE {filter} ORDER BY id DESC LIMIT {}",
        limit + 1
    );
    let mut rows = args.query_as::<Row>(&sql).fetch_all(db).await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| cursor::encode(ORDER, &[&r.id]))
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
    Ok(Page { items, total: total as u64, next_cursor, ..Page::default() })
}
