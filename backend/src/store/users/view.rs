//! A user as the API shows it: the row with its roles, devices and whether
//! it has a second factor, read as columns of the same statement.

use sqlx::AnyConnection;
use switchboard_shared::{DeviceId, TenantId, User};

use super::UserRow;
use crate::store::Db;

/// What a user's record comes with, as columns of a statement over `users`
/// (`roles`, `devices`, `mfa`): one statement for a page or for one user.
pub(super) const ATTACHMENTS: &str =
    "(SELECT string_agg(r.role, ' ') FROM user_roles r WHERE r.user_id = users.id) AS roles, \
     (SELECT string_agg(d.id, ' ' ORDER BY d.name, d.id) FROM devices d WHERE d.user_id = users.id) AS devices, \
     CASE WHEN EXISTS (SELECT 1 FROM mfa_totp f WHERE f.user_id = users.id AND f.confirmed_at IS NOT NULL) \
     OR EXISTS (SELECT 1 FROM passkeys k WHERE k.user_id = users.id) THEN 1 ELSE 0 END AS mfa";

/// The columns `ATTACHMENTS` reads.
#[derive(Debug, Default, sqlx::FromRow)]
pub struct Attachments {
    roles: Option<String>,
    devices: Option<String>,
    mfa: i64,
}

impl Attachments {
    /// Role keys, device ids (by device name), and whether a second factor is set up.
    pub(super) fn parts(self) -> (Vec<String>, Vec<DeviceId>, bool) {
        let words = |s: Option<String>| -> Vec<String> {
            s.map(|s| s.split(' ').map(str::to_owned).collect()).unwrap_or_default()
        };
        let devices = words(self.devices).into_iter().map(DeviceId::from).collect();
        (words(self.roles), devices, self.mfa != 0)
    }
}

/// The user as the API shows it, seen from `viewing_tenant`.
pub async fn to_api(db: &Db, row: UserRow, viewing_tenant: &TenantId) -> Result<User, sqlx::Error> {
    let mut conn = db.acquire().await?;
    to_api_on(&mut conn, row, viewing_tenant).await
}

pub async fn to_api_on(conn: &mut AnyConnection, row: UserRow, viewing_tenant: &TenantId) -> Result<User, sqlx::Error> {
    let extra: Attachments = sqlx::query_as(&format!("SELECT {ATTACHMENTS} FROM users WHERE users.id = $1"))
        .bind(&row.id)
        .fetch_one(conn)
        .await?;
    Ok(row.into_api(extra, viewing_tenant))
}
