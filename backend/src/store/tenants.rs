use sqlx::FromRow;
use switchboard_shared::{TenantKind, TenantSummary};

use crate::{db::Db, error::ApiError};

#[derive(Debug, Clone, FromRow)]
pub struct TenantRow {
    pub id: String,
    pub parent_id: Option<String>,
    pub kind: String,
    pub name: String,
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
    Ok(sqlx::query_as("SELECT id, parent_id, kind, name FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The tenant and its ancestors, nearest first. The tree is shallow
/// (platform → reseller → customer), so walking it is a few primary-key reads.
pub async fn lineage(db: &Db, id: &str) -> Result<Vec<TenantRow>, ApiError> {
    let mut chain: Vec<TenantRow> = Vec::new();
    let mut next = Some(id.to_owned());
    while let Some(id) = next {
        let Some(row) = get(db, &id).await? else { break };
        if chain.iter().any(|t| t.id == row.id) {
            break; // a cycle would be corrupt data; never loop on it
        }
        next = row.parent_id.clone();
        chain.push(row);
    }
    Ok(chain)
}

/// The tenants directly under `parent`, by name.
pub async fn children(db: &Db, parent: &str, limit: i64) -> Result<Vec<TenantRow>, ApiError> {
    Ok(sqlx::query_as("SELECT id, parent_id, kind, name FROM tenants WHERE parent_id = $1 ORDER BY name, id LIMIT $2")
        .bind(parent)
        .bind(limit)
        .fetch_all(db)
        .await?)
}
