use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{Device, DeviceId, DeviceKind, TenantId, UserId};

use super::{columns, Db};

#[derive(Debug, Clone, FromRow)]
pub struct DeviceRow {
    pub id: DeviceId,
    pub tenant_id: TenantId,
    pub name: String,
    #[sqlx(try_from = "columns::DeviceType")]
    pub kind: DeviceKind,
    pub identifier: String,
    pub user_id: Option<UserId>,
    pub created_at: String,
    /// The assigned user's name, read by the listing only.
    #[sqlx(default)]
    pub user_name: Option<String>,
}

impl DeviceRow {
    pub fn into_api(self) -> Device {
        Device {
            kind: self.kind,
            id: self.id,
            name: self.name,
            identifier: self.identifier,
            user_id: self.user_id,
            user_name: self.user_name,
            created_at: self.created_at,
        }
    }
}

const COLUMNS: &str = "id, tenant_id, name, kind, identifier, user_id, created_at";

pub async fn list(db: &Db, tenant_id: &TenantId) -> Result<Vec<DeviceRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.tenant_id, d.name, d.kind, d.identifier, d.user_id, d.created_at, u.display_name AS user_name \
         FROM devices d LEFT JOIN users u ON u.id = d.user_id WHERE d.tenant_id = $1 ORDER BY d.name, d.id",
    )
    .bind(tenant_id)
    .fetch_all(db)
    .await
}

pub async fn get_in_tenant(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    id: &DeviceId,
) -> Result<Option<DeviceRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM devices WHERE id = $1 AND tenant_id = $2"))
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(conn)
        .await
}

pub async fn identifier_taken(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    identifier: &str,
) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM devices WHERE tenant_id = $1 AND identifier = $2")
        .bind(tenant_id)
        .bind(identifier)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub async fn insert(conn: &mut AnyConnection, row: &DeviceRow) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO devices (id, tenant_id, name, kind, identifier, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&row.id)
        .bind(&row.tenant_id)
        .bind(&row.name)
        .bind(row.kind.as_str())
        .bind(&row.identifier)
        .bind(&row.user_id)
        .bind(&row.created_at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: &DeviceId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM devices WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// The ids of the user's softphones.
pub async fn softphones_of(conn: &mut AnyConnection, user_id: &UserId) -> Result<Vec<DeviceId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM devices WHERE user_id = $1 AND kind = 'softphone' ORDER BY id")
        .bind(user_id)
        .fetch_all(conn)
        .await
}

pub async fn assign(conn: &mut AnyConnection, id: &DeviceId, user_id: Option<&UserId>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE devices SET user_id = $2 WHERE id = $1").bind(id).bind(user_id).execute(conn).await?;
    Ok(())
}
