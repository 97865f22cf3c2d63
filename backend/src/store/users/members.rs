//! What the tenant rules read of a tenant's members, and its licence counts.

use std::collections::{HashMap, HashSet};
use switchboard_shared::{
    roles::{MemberState, RoleSet},
    TenantId, UserId, UserStatus,
};

use sqlx::AnyConnection;

use super::UserRow;
use crate::store::{sql::Args, Db};

/// The tenant's users (but `except`) holding any of `roles`, with what the
/// tenant rules need of them.
pub async fn members_holding(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    roles: &[&str],
    except: Option<&UserId>,
) -> Result<Vec<MemberState>, sqlx::Error> {
    // From the tenant's role index: the holders only, not every user of the
    // tenant, with all their roles in the same query. CROSS JOIN keeps that
    // order on SQLite (its join-order hint); on PostgreSQL it is an inner join.
    let mut args = Args::default();
    let (tenant, except, roles) =
        (args.bind(tenant_id), args.bind(except.map_or("", UserId::as_str)), args.list(roles));
    let sql = format!(
        "SELECT u.id, u.status, u.service_user, h.role FROM user_roles r CROSS JOIN users u \
         CROSS JOIN user_roles h WHERE r.tenant_id = {tenant} AND r.role IN ({roles}) AND u.id = r.user_id \
         AND h.user_id = u.id AND u.id <> {except} ORDER BY u.id"
    );
    // One row per (holder, held role, matched role), by holder.
    let mut members: Vec<(String, MemberState)> = Vec::new();
    for (id, status, service, role) in
        args.query_as::<(String, String, i64, String)>(&sql).fetch_all(&mut *conn).await?
    {
        if members.last().is_none_or(|(last, _)| *last != id) {
            let state = MemberState {
                status: UserStatus::parse(&status).unwrap_or(UserStatus::Blocked),
                service_user: service != 0,
                roles: RoleSet::EMPTY,
            };
            members.push((id, state));
        }
        if let Some((_, member)) = members.last_mut() {
            member.roles.insert(&role);
        }
    }
    Ok(members.into_iter().map(|(_, m)| m).collect())
}

/// Whether any user of the tenant (but `except`) holds one of `roles`.
pub async fn any_holds(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    roles: &[&str],
    except: Option<&UserId>,
) -> Result<bool, sqlx::Error> {
    let mut args = Args::default();
    let (tenant, except, roles) =
        (args.bind(tenant_id), args.bind(except.map_or("", UserId::as_str)), args.list(roles));
    let sql = format!(
        "SELECT COUNT(*) FROM user_roles r WHERE r.tenant_id = {tenant} AND r.role IN ({roles}) \
         AND r.user_id <> {except}"
    );
    Ok(args.query_scalar::<i64>(&sql).fetch_one(conn).await? > 0)
}

/// The tenant's users (but `except`) holding one of `having` and not `lacking`.
pub async fn holding_but_lacking(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    having: &[&str],
    lacking: &str,
    except: &UserId,
) -> Result<Vec<UserId>, sqlx::Error> {
    let mut args = Args::default();
    let (tenant, except, lacking, having) =
        (args.bind(tenant_id), args.bind(except), args.bind(lacking), args.list(having));
    let sql = format!(
        "SELECT u.id FROM users u WHERE u.tenant_id = {tenant} AND u.id <> {except} \
         AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = {lacking}) \
         AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ({having}))"
    );
    args.query_scalar::<UserId>(&sql).fetch_all(conn).await
}

/// Licensed roles in use in the tenant: (role, holders).
pub async fn licence_counts(
    db: &Db,
    tenant_id: &TenantId,
    licensed: &[&str],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut args = Args::default();
    let (tenant, licensed) = (args.bind(tenant_id), args.list(licensed));
    let sql = format!(
        "SELECT role, COUNT(*) FROM user_roles WHERE tenant_id = {tenant} AND role IN ({licensed}) GROUP BY role"
    );
    args.query_as(&sql).fetch_all(db).await
}

/// Every user of the tenant with their roles (an import plans against all of them).
pub async fn tenant_members(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
) -> Result<Vec<(UserRow, RoleSet)>, sqlx::Error> {
    let rows: Vec<UserRow> =
        sqlx::query_as(&format!("SELECT {} FROM users WHERE tenant_id = $1 ORDER BY id", super::COLUMNS))
            .bind(tenant_id)
            .fetch_all(&mut *conn)
            .await?;
    let held: Vec<(UserId, String)> = sqlx::query_as("SELECT user_id, role FROM user_roles WHERE tenant_id = $1")
        .bind(tenant_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut roles: HashMap<UserId, RoleSet> = HashMap::new();
    for (user, role) in held {
        roles.entry(user).or_default().insert(&role);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let held = roles.get(&r.id).copied().unwrap_or_default();
            (r, held)
        })
        .collect())
}

/// Which of these e-mail keys (see `email_key`) some user already has.
pub async fn emails_taken(conn: &mut AnyConnection, keys: &[String]) -> Result<HashSet<String>, sqlx::Error> {
    let mut taken = HashSet::new();
    // Chunks keep every statement under both databases' parameter limits.
    for chunk in keys.chunks(500) {
        let mut args = Args::default();
        let sql = format!("SELECT email_key FROM users WHERE email_key IN ({})", args.list(chunk));
        taken.extend(args.query_scalar::<String>(&sql).fetch_all(&mut *conn).await?);
    }
    Ok(taken)
}
