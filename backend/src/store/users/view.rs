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
    let extra = attachments(conn, std::slice::from_ref(&row.id)).await?.remove(&row.id).unwrap_or_default();
    Ok(row.into_api(extra, viewing_tenant))
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
        .fetch_all(&mut *conn)
        .await?;
    let mfa = crate::store::mfa::factors(conn, &row.id).await? > 0;
    Ok(row.into_api(Attachments { roles: roles.to_strings(), devices, mfa }, viewing_tenant))
}

/// What a user's record comes with: roles (keys), device ids, and whether a
/// second factor is set up.
#[derive(Debug, Default)]
pub struct Attachments {
    pub roles: Vec<String>,
    pub devices: Vec<DeviceId>,
    pub mfa: bool,
}

/// Roles, device ids and second factors of the given users, three queries
/// for a whole page.
pub(super) async fn attachments(
    conn: &mut AnyConnection,
    ids: &[UserId],
) -> Result<HashMap<UserId, Attachments>, sqlx::Error> {
    let mut out: HashMap<UserId, Attachments> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut args = Args::default();
    let placeholders = args.list(ids);
    let sql = format!("SELECT user_id, role FROM user_roles WHERE user_id IN ({placeholders}) ORDER BY role");
    for (user, role) in args.query_as::<(UserId, String)>(&sql).fetch_all(&mut *conn).await? {
        out.entry(user).or_default().roles.push(role);
    }
    let sql = format!("SELECT user_id, id FROM devices WHERE user_id IN ({placeholders}) ORDER BY name, id");
    for (user, device) in args.query_as::<(UserId, DeviceId)>(&sql).fetch_all(&mut *conn).await? {
        out.entry(user).or_default().devices.push(device);
    }
    let sql = format!(
        "SELECT user_id FROM mfa_totp WHERE confirmed_at IS NOT NULL AND user_id IN ({placeholders}) \
         UNION SELECT user_id FROM passkeys WHERE user_id IN ({placeholders})"
    );
    for user in args.query_scalar::<UserId>(&sql).fetch_all(&mut *conn).await? {
        out.entry(user).or_default().mfa = true;
    }
    Ok(out)
}
