//! The list's totals without counting rows: `user_counts` holds how many of
//! a tenant's users have each status, in all (role '') and among each role's
//! holders. Every statement that writes a user's status or roles is followed
//! here, in its transaction, so a total is one indexed read whatever the
//! tenant's size (and a filter's plan can be chosen by it, see `list`).

use std::collections::BTreeMap;

use sqlx::AnyConnection;
use switchboard_shared::{TenantId, UserId, UserStatus};

use crate::store::{sql::Args, Db};

const UPSERT: &str = "ON CONFLICT (tenant_id, role, status) DO UPDATE SET n = user_counts.n + excluded.n";

/// User `$1` in all (role '') and as each role's holder.
const HELD: &str = "(SELECT '' AS role UNION ALL SELECT role FROM user_roles WHERE user_id = $1) h";

/// The user and every role they hold, in their present status: `delta` 1
/// after they are inserted, -1 before they are deleted.
pub async fn user(conn: &mut AnyConnection, user_id: &UserId, delta: i64) -> Result<(), sqlx::Error> {
    // `delta` is ours (±1), not a caller's: a literal.
    sqlx::query(&format!(
        "INSERT INTO user_counts (tenant_id, role, status, n) \
         SELECT u.tenant_id, h.role, u.status, {delta} FROM users u CROSS JOIN {HELD} WHERE u.id = $1 {UPSERT}"
    ))
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The user's status changed from `from`: they and their roles move to the
/// present one. Only for a real change (the two rows must differ).
pub async fn restatus(conn: &mut AnyConnection, user_id: &UserId, from: UserStatus) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO user_counts (tenant_id, role, status, n) \
         SELECT u.tenant_id, h.role, $2, -1 FROM users u CROSS JOIN {HELD} WHERE u.id = $1 \
         UNION ALL SELECT u.tenant_id, h.role, u.status, 1 FROM users u CROSS JOIN {HELD} WHERE u.id = $1 {UPSERT}"
    ))
    .bind(user_id)
    .bind(from.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// `roles` were granted (`delta` 1) or taken (-1) from the user, in their
/// present status.
pub async fn roles(conn: &mut AnyConnection, user_id: &UserId, roles: &[&str], delta: i64) -> Result<(), sqlx::Error> {
    if roles.is_empty() {
        return Ok(());
    }
    let mut args = Args::default();
    let user = args.bind(user_id);
    let held: Vec<String> = roles.iter().map(|r| format!("SELECT {} AS role", args.bind(r))).collect();
    let sql = format!(
        "INSERT INTO user_counts (tenant_id, role, status, n) \
         SELECT u.tenant_id, h.role, u.status, {delta} FROM users u CROSS JOIN ({}) h WHERE u.id = {user} {UPSERT}",
        held.join(" UNION ALL ")
    );
    args.query(&sql).execute(conn).await?;
    Ok(())
}

/// New users, counted from what is being inserted (an import's many).
pub async fn inserted<'a>(
    conn: &mut AnyConnection,
    users: impl IntoIterator<Item = (&'a TenantId, UserStatus, Vec<&'a str>)>,
) -> Result<(), sqlx::Error> {
    let mut deltas: BTreeMap<(&TenantId, &str, &str), i64> = BTreeMap::new();
    for (tenant, status, roles) in users {
        for role in std::iter::once("").chain(roles) {
            *deltas.entry((tenant, role, status.as_str())).or_default() += 1;
        }
    }
    let deltas: Vec<_> = deltas.into_iter().collect();
    // Each key once per statement, which PostgreSQL's upsert requires.
    for chunk in deltas.chunks(200) {
        let mut args = Args::default();
        let rows: Vec<String> = chunk
            .iter()
            .map(|((tenant, role, status), n)| {
                format!("({}, {}, {}, {n})", args.bind(tenant), args.bind(role), args.bind(status))
            })
            .collect();
        let sql = format!("INSERT INTO user_counts (tenant_id, role, status, n) VALUES {} {UPSERT}", rows.join(", "));
        args.query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// What the kept counts say of a listing's filters.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct Totals {
    /// Users holding the role (if given) with the status (if given).
    pub matching: i64,
    /// Holders of the role, whatever their status.
    pub role: i64,
    /// Users of the status, whatever their roles.
    pub status: i64,
    /// Every user of the tenant.
    pub users: i64,
}

/// The counts of a listing filtered by `role` and `status` (each optional):
/// one indexed read.
pub async fn totals(
    db: &Db,
    tenant_id: &TenantId,
    role: Option<&str>,
    status: Option<UserStatus>,
) -> Result<Totals, sqlx::Error> {
    let mut args = Args::default();
    let (tenant, role) = (args.bind(tenant_id), args.bind(role.unwrap_or("")));
    let status = status.map_or(String::new(), |s| format!(" AND status = {}", args.bind(s.as_str())));
    let sum = |condition: &str, name: &str| {
        format!("CAST(COALESCE(SUM(CASE WHEN {condition} THEN n ELSE 0 END), 0) AS BIGINT) AS {name}")
    };
    let sql = format!(
        "SELECT {}, {}, {}, {} FROM user_counts WHERE tenant_id = {tenant} AND role IN ('', {role})",
        sum(&format!("role = {role}{status}"), "matching"),
        sum(&format!("role = {role}"), "role"),
        sum(&format!("role = ''{status}"), "status"),
        sum("role = ''", "users"),
    );
    args.query_as::<Totals>(&sql).fetch_one(db).await
}

/// The tenant's counts as the rows say, and as kept: equal unless a write
/// forgot to keep them (the tests' check).
pub async fn kept_and_counted(
    db: &Db,
    tenant_id: &TenantId,
) -> Result<(Vec<(String, String, i64)>, Vec<(String, String, i64)>), sqlx::Error> {
    let kept =
        sqlx::query_as("SELECT role, status, n FROM user_counts WHERE tenant_id = $1 AND n <> 0 ORDER BY role, status")
            .bind(tenant_id)
            .fetch_all(db)
            .await?;
    let counted = sqlx::query_as(
        "SELECT '' AS role, status, COUNT(*) FROM users WHERE tenant_id = $1 GROUP BY status \
         UNION ALL SELECT r.role, u.status, COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id \
         WHERE u.tenant_id = $1 GROUP BY r.role, u.status ORDER BY 1, 2",
    )
    .bind(tenant_id)
    .fetch_all(db)
    .await?;
    Ok((kept, counted))
}
