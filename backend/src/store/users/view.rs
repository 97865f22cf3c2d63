//! A user as the API shows it: the row with its roles and devices.

use std::collections::HashMap;

use sqlx::AnyConnection;
use switchboard_shared::{roles::RoleSet, DeviceId, TenantId, User, UserId};

use super::UserRow;
use crate::store::{sql::Args, Db};

/// The user as the API shows it, seen from `viewing_tenant`.
pub async fn to_api(db: &Db, row: UserRow, viewing_tenant: &TenantId) -> Result<User, sqlx::Error> {
    let mut conn = db.acquire().await?;
    to_api_on(&mut conn, row, viewing_tenant).await
}

pub async fn to_api_on(conn: &mut AnyConnection, row: UserRow, viewing_tenant: &TenantId) -> Result<User, sqlx::Error> {
    let mut extra = attachments(conn, std::slice::from_ref(&row.id)).await?;
    let (roles, devices) = extra.remove(&row.id).unwrap_or_default();
    Ok(row.into_api(roles, devices, viewing_tenant))
}

/// The API view of a user whose roles the caller already holds.
pub async fn to_api_with_roles(
    conn: &mut AnyConnection,
    row: UserRow,
    roles: RoleSet,
    viewing_tenant: &TenantId,
) -> Result<User, sqlx::Error> {
    let devices: Vec<DeviceId> = sqlx::query_scalar("SELECT id FROM devices WHERE user_id = $1 ORDER BY name, id")
        .bind(&row.id)
        .fetch_all(conn)
        .await?;
    Ok(row.into_api(roles.to_strings(), devices, viewing_tenant))
}

/// Roles and device ids of the given users, two queries for a whole page.
pub(super) async fn attachments(
    conn: &mut AnyConnection,
    ids: &[UserId],
) -> Result<HashMap<UserId, (Vec<String>, Vec<DeviceId>)>, sqlx::Error> {
    let mut out: HashMap<UserId, (Vec<String>, Vec<DeviceId>)> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut args = Args::default();
    let placeholders = args.list(ids);
    let sql = format!("SELECT user_id, role FROM user_roles WHERE user_id IN ({placeholders}) ORDER BY role");
    for (user, role) in args.query_as::<(UserId, String)>(&sql).fetch_all(&mut *conn).await? {
        out.entry(user).or_default().0.push(role);
    }
    let sql = format!("SELECT user_id, id FROM devices WHERE user_id IN ({placeholders}) ORDER BY name, id");
    for (user, device) in args.query_as::<(UserId, DeviceId)>(&sql).fetch_all(&mut *conn).await? {
        out.entry(user).or_default().1.push(device);
    }
    Ok(out)
}
