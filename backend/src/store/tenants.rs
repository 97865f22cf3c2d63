use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sqlx::FromRow;
use switchboard_shared::{Page, TenantKind, TenantSummary};

use crate::{db::Db, error::ApiError};

#[derive(Debug, Clone, FromRow)]
pub struct TenantRow {
    pub id: String,
    pub parent_id: Option<String>,
    pub kind: String,
    pub name: String,
    /// Changes with every write in the tenant (see `db::Writes`).
    pub generation: i64,
}

impl TenantRow {
    pub fn kind(&self) -> TenantKind {
        TenantKind::parse(&self.kind).unwrap_or(TenantKind::Customer)
    }

    pub fn summary(&self) -> TenantSummary {
        TenantSummary { id: self.id.clone(), name: self.name.clone(), kind: self.kind() }
    }
}

pub async fn get(db: &Db, id: &str) -> Result<Option<TenantRow>, ApiError> {
    Ok(sqlx::query_as("SELECT id, parent_id, kind, name, generation FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The tenant and its ancestors, nearest first, up to and including `until`
/// (or the root). The tree is shallow (platform → reseller → customer), so
/// walking it is a few primary-key reads.
pub async fn lineage(db: &Db, id: &str, until: &str) -> Result<Vec<TenantRow>, ApiError> {
    let mut chain: Vec<TenantRow> = Vec::new();
    let mut next = Some(id.to_owned());
    while let Some(id) = next {
        let Some(row) = get(db, &id).await? else { break };
        if chain.iter().any(|t| t.id == row.id) {
            break; // a cycle would be corrupt data; never loop on it
        }
        next = if row.id == until { None } else { row.parent_id.clone() };
        chain.push(row);
    }
    Ok(chain)
}

/// The tenants above this one, nearest first, in one read (the tree is
/// at most three levels deep, so a tenant has at most two ancestors).
pub async fn ancestors<'c>(
    db: impl sqlx::Executor<'c, Database = sqlx::Any>,
    tenant: &TenantRow,
) -> Result<Vec<TenantRow>, ApiError> {
    let Some(parent) = &tenant.parent_id else { return Ok(Vec::new()) };
    let mut rows: Vec<TenantRow> = sqlx::query_as(
        "SELECT id, parent_id, kind, name, generation FROM tenants \
         WHERE id = $1 OR id = (SELECT parent_id FROM tenants WHERE id = $1)",
    )
    .bind(parent)
    .fetch_all(db)
    .await?;
    rows.sort_by_key(|t| t.id != *parent);
    Ok(rows)
}

/// Marks a change in the tenant (see `TenantRow::generation`). On PostgreSQL
/// this also locks the tenant's row until the transaction ends.
pub async fn bump_generation(conn: &mut sqlx::AnyConnection, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tenants SET generation = generation + 1 WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// The tenants a caller may switch to, by name: their own tenant and, for
/// staff admins (`below` true), every tenant under it (the tree is at most
/// two levels below anyone). `q` matches name or reference; the cursor is the
/// (name, id) of the last tenant shown.
pub async fn switchable(
    db: &Db,
    own: &str,
    below: bool,
    q: Option<&str>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<TenantSummary>, ApiError> {
    let mut args = vec![own.to_owned()];
    let mut filter = if below {
        String::from("(id = $1 OR parent_id = $1 OR parent_id IN (SELECT id FROM tenants WHERE parent_id = $1))")
    } else {
        String::from("id = $1")
    };
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        args.push(super::like_pattern(q));
        let n = args.len();
        filter.push_str(&format!(" AND (lower(name) LIKE ${n} ESCAPE '\\' OR lower(reference) LIKE ${n} ESCAPE '\\')"));
    }
    let count_sql = format!("SELECT COUNT(*) FROM tenants WHERE {filter}");
    let mut count = sqlx::query_as::<_, (i64,)>(&count_sql);
    for a in &args {
        count = count.bind(a);
    }
    let (total,) = count.fetch_one(db).await?;
    if let Some(c) = cursor {
        let (name, id): (String, String) = URL_SAFE_NO_PAD
            .decode(c)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| ApiError::bad_request("invalid_cursor", "cursor is not one this API returned"))?;
        args.push(name);
        args.push(id);
        let (a, b) = (args.len() - 1, args.len());
        filter.push_str(&format!(" AND (name > ${a} OR (name = ${a} AND id > ${b}))"));
    }
    let sql = format!(
        "SELECT id, parent_id, kind, name, generation FROM tenants WHERE {filter} ORDER BY name, id LIMIT {}",
        limit + 1
    );
    let mut q = sqlx::query_as::<_, TenantRow>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    let mut rows = q.fetch_all(db).await?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().and_then(|r| serde_json::to_vec(&(&r.name, &r.id)).ok()).map(|b| URL_SAFE_NO_PAD.encode(b))
    } else {
        None
    };
    Ok(Page { items: rows.iter().map(TenantRow::summary).collect(), total: total as u64, next_cursor })
}
