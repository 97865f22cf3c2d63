//! Writing users: every function takes the open tenant write.

use sqlx::AnyConnection;
use switchboard_shared::{roles::RoleSet, Language, TenantId, UserId, UserStatus};

use super::{counts, email_key, UserRow, COLUMNS};
use crate::store::{search, sql::Args};

/// What the search index holds of a user (see `store::search`).
pub fn search_texts<'a>(u: &UserWrite<'a>) -> [&'a str; 4] {
    [u.display_name, u.email, u.extension.unwrap_or(""), u.external_id.unwrap_or("")]
}

/// The row to insert or the new state of a row: every column the API writes.
pub struct UserWrite<'a> {
    pub id: &'a UserId,
    pub tenant_id: &'a TenantId,
    pub display_name: &'a str,
    pub email: &'a str,
    pub status: UserStatus,
    pub time_zone: &'a str,
    pub language: Language,
    pub external_id: Option<&'a str>,
    pub substitute_id: Option<&'a UserId>,
    pub extension: Option<&'a str>,
    pub service_user: bool,
}

pub async fn insert(conn: &mut AnyConnection, u: &UserWrite<'_>) -> Result<(), sqlx::Error> {
    let now = crate::time::now_text();
    sqlx::query(
        "INSERT INTO users (id, tenant_id, display_name, name_key, email, email_key, status, time_zone, external_id, \
         substitute_id, extension, service_user, created_at, updated_at, version, language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, 1, $14)",
    )
    .bind(u.id)
    .bind(u.tenant_id)
    .bind(u.display_name)
    .bind(u.display_name.to_lowercase())
    .bind(u.email)
    .bind(email_key(u.email))
    .bind(u.status.as_str())
    .bind(u.time_zone)
    .bind(u.external_id)
    .bind(u.substitute_id)
    .bind(u.extension)
    .bind(i64::from(u.service_user))
    .bind(now)
    .bind(u.language.as_str())
    .execute(&mut *conn)
    .await?;
    counts::user(conn, u.id, 1).await?;
    search::index(conn, u.tenant_id, u.id, &search_texts(u)).await
}

/// Rows per statement when inserting many. Each statement is a round trip
/// to SQLite's worker thread, which is most of a small insert's cost, while
/// a statement of thousands of parameters is slow to bind: a few dozen rows
/// is the sweet spot.
const ROWS_PER_STATEMENT: usize = 50;

/// Inserts new users with their roles and search words, many rows per
/// statement, so that an import of thousands holds the write turn (on
/// SQLite, every tenant's) briefly.
pub async fn insert_many(conn: &mut AnyConnection, users: &[(UserWrite<'_>, RoleSet)]) -> Result<(), sqlx::Error> {
    let now = crate::time::now_text();
    for chunk in users.chunks(ROWS_PER_STATEMENT) {
        let mut args = Args::default();
        let now = args.bind(&now);
        let rows: Vec<String> = chunk
            .iter()
            .map(|(u, _)| {
                let values = [
                    args.bind(u.id),
                    args.bind(u.tenant_id),
                    args.bind(u.display_name),
                    args.bind(u.display_name.to_lowercase()),
                    args.bind(u.email),
                    args.bind(email_key(u.email)),
                    args.bind(u.status.as_str()),
                    args.bind(u.time_zone),
                    args.nullable(u.external_id),
                    args.nullable(u.substitute_id),
                    args.nullable(u.extension),
                    // Ours, not a caller's: a literal.
                    i64::from(u.service_user).to_string(),
                    now.clone(),
                    now.clone(),
                    args.bind(u.language.as_str()),
                ];
                format!("({}, 1)", values.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO users (id, tenant_id, display_name, name_key, email, email_key, status, time_zone, \
             external_id, substitute_id, extension, service_user, created_at, updated_at, language, version) \
             VALUES {}",
            rows.join(", ")
        );
        args.query(&sql).execute(&mut *conn).await?;
    }
    let roles: Vec<(&UserWrite, &str)> =
        users.iter().flat_map(|(u, roles)| roles.iter().map(move |r| (u, r.key))).collect();
    for chunk in roles.chunks(ROWS_PER_STATEMENT * 4) {
        let mut args = Args::default();
        let rows: Vec<String> = chunk
            .iter()
            .map(|(u, role)| format!("({}, {}, {})", args.bind(u.id), args.bind(role), args.bind(u.tenant_id)))
            .collect();
        let sql = format!("INSERT INTO user_roles (user_id, role, tenant_id) VALUES {}", rows.join(", "));
        args.query(&sql).execute(&mut *conn).await?;
    }
    counts::inserted(conn, users.iter().map(|(u, roles)| (u.tenant_id, u.status, roles.keys()))).await?;
    let indexed: Vec<(&TenantId, &UserId, [&str; 4])> =
        users.iter().map(|(u, _)| (u.tenant_id, u.id, search_texts(u))).collect();
    search::index_new(conn, &indexed).await
}

/// Writes the new state and bumps the version (the ETag); returns the new row.
pub async fn update(
    conn: &mut AnyConnection,
    before: &UserWrite<'_>,
    u: &UserWrite<'_>,
) -> Result<UserRow, sqlx::Error> {
    if search_texts(before) != search_texts(u) {
        search::index(conn, u.tenant_id, u.id, &search_texts(u)).await?;
    }
    let row: UserRow = sqlx::query_as(&format!(
        "UPDATE users SET display_name = $2, name_key = $3, email = $4, email_key = $5, status = $6, time_zone = $7, \
         external_id = $8, substitute_id = $9, extension = $10, updated_at = $11, language = $12, \
         version = version + 1 WHERE id = $1 \
         RETURNING {COLUMNS}"
    ))
    .bind(u.id)
    .bind(u.display_name)
    .bind(u.display_name.to_lowercase())
    .bind(u.email)
    .bind(email_key(u.email))
    .bind(u.status.as_str())
    .bind(u.time_zone)
    .bind(u.external_id)
    .bind(u.substitute_id)
    .bind(u.extension)
    .bind(crate::time::now_text())
    .bind(u.language.as_str())
    .fetch_one(&mut *conn)
    .await?;
    if before.status != u.status {
        counts::restatus(conn, u.id, before.status).await?;
    }
    Ok(row)
}

/// Grants `add` and takes `remove` (one statement each), and counts them.
pub async fn change_roles(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    user_id: &UserId,
    add: RoleSet,
    remove: RoleSet,
) -> Result<(), sqlx::Error> {
    let (added, removed) = (add.keys(), remove.keys());
    if !added.is_empty() {
        let mut args = Args::default();
        let (user, tenant) = (args.bind(user_id), args.bind(tenant_id));
        let rows: Vec<String> = added.iter().map(|r| format!("({user}, {}, {tenant})", args.bind(r))).collect();
        let sql = format!("INSERT INTO user_roles (user_id, role, tenant_id) VALUES {}", rows.join(", "));
        args.query(&sql).execute(&mut *conn).await?;
        counts::roles(conn, user_id, &added, 1).await?;
    }
    if !removed.is_empty() {
        counts::roles(conn, user_id, &removed, -1).await?;
        let mut args = Args::default();
        let user = args.bind(user_id);
        let sql = format!("DELETE FROM user_roles WHERE user_id = {user} AND role IN ({})", args.list(&removed));
        args.query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// A new version (ETag) for a change made outside the user's own columns.
pub async fn touch(conn: &mut AnyConnection, user_id: &UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET version = version + 1, updated_at = $2 WHERE id = $1")
        .bind(user_id)
        .bind(crate::time::now_text())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: &UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET substitute_id = NULL WHERE substitute_id = $1").bind(id).execute(&mut *conn).await?;
    counts::user(conn, id, -1).await?;
    sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// Sets the password of a person who is `from` now (invited: activation;
/// active: a reset or a change), who is then active; false when they are not
/// that any more (or are a service user). The condition is in the
/// statement, so a block racing it cannot be overwritten by it.
pub async fn set_password(
    conn: &mut AnyConnection,
    id: &UserId,
    password_hash: &str,
    from: UserStatus,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET password_hash = $2, status = 'active', updated_at = $3, version = version + 1 \
         WHERE id = $1 AND status = $4 AND service_user = 0",
    )
    .bind(id)
    .bind(password_hash)
    .bind(crate::time::now_text())
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    let done = done.rows_affected() == 1;
    if done && from != UserStatus::Active {
        counts::restatus(conn, id, from).await?;
    }
    Ok(done)
}
