use std::collections::HashMap;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sqlx::FromRow;
use switchboard_shared::{roles::RoleSet, Page, User, UserStatus};

use crate::{db::Db, error::ApiError};

const COLUMNS: &str = "id, tenant_id, display_name, name_key, email, status, time_zone, external_id, \
                       substitute_id, extension, service_user, created_at, updated_at, version";

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: String,
    pub tenant_id: String,
    pub display_name: String,
    pub name_key: String,
    pub email: String,
    pub status: String,
    pub time_zone: String,
    pub external_id: Option<String>,
    pub substitute_id: Option<String>,
    pub extension: Option<String>,
    pub service_user: i64,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

impl UserRow {
    pub fn status(&self) -> UserStatus {
        UserStatus::parse(&self.status).unwrap_or(UserStatus::Blocked)
    }

    pub fn into_api(self, roles: Vec<String>, devices: Vec<String>, viewing_tenant: &str) -> User {
        User {
            is_parent: self.tenant_id != viewing_tenant,
            status: self.status(),
            service_user: self.service_user != 0,
            id: self.id,
            display_name: self.display_name,
            email: self.email,
            roles,
            primary_tenant: self.tenant_id,
            time_zone: self.time_zone,
            external_id: self.external_id,
            substitute_id: self.substitute_id,
            extension: self.extension,
            devices,
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
        }
    }
}

/// The e-mail as the unique login key: trimmed and case-folded.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn get(db: &Db, id: &str) -> Result<Option<UserRow>, ApiError> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1")).bind(id).fetch_optional(db).await?)
}

/// The user with this login and their password hash.
pub async fn find_login(db: &Db, email: &str) -> Result<Option<(UserRow, Option<String>)>, ApiError> {
    let Some(user) = sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE email_key = $1"))
        .bind(email_key(email))
        .fetch_optional(db)
        .await?
    else {
        return Ok(None);
    };
    let hash: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(&user.id).fetch_one(db).await?;
    Ok(Some((user, hash)))
}

/// The user's roles as the rules see them (keys no longer in the catalogue are ignored).
pub async fn role_set(db: &Db, user_id: &str) -> Result<RoleSet, ApiError> {
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1").bind(user_id).fetch_all(db).await?;
    Ok(RoleSet::parse(keys.iter().map(String::as_str)).0)
}

/// The user as the API shows it, seen from `viewing_tenant`.
pub async fn to_api(db: &Db, row: UserRow, viewing_tenant: &str) -> Result<User, ApiError> {
    let mut extra = attachments(db, std::slice::from_ref(&row.id)).await?;
    let (roles, devices) = extra.remove(&row.id).unwrap_or_default();
    Ok(row.into_api(roles, devices, viewing_tenant))
}

/// Roles and device ids of the given users, two queries for a whole page.
async fn attachments(db: &Db, ids: &[String]) -> Result<HashMap<String, (Vec<String>, Vec<String>)>, ApiError> {
    let mut out: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let placeholders = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT user_id, role FROM user_roles WHERE user_id IN ({placeholders}) ORDER BY role");
    let mut q = sqlx::query_as::<_, (String, String)>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    for (user, role) in q.fetch_all(db).await? {
        out.entry(user).or_default().0.push(role);
    }
    let sql = format!("SELECT user_id, id FROM devices WHERE user_id IN ({placeholders}) ORDER BY name, id");
    let mut q = sqlx::query_as::<_, (String, String)>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    for (user, device) in q.fetch_all(db).await? {
        out.entry(user).or_default().1.push(device);
    }
    Ok(out)
}

pub struct ListQuery {
    pub tenant_id: String,
    pub q: Option<String>,
    pub limit: i64,
    pub cursor: Option<String>,
}

/// One page of a tenant's users by name, with keyset pagination: the cursor
/// is the (name key, id) of the last row shown.
pub async fn list(db: &Db, query: &ListQuery) -> Result<Page<User>, ApiError> {
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let mut args = vec![query.tenant_id.clone()];
    let mut filter = String::from("tenant_id = $1");
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        args.push(like_pattern(q));
        let n = args.len();
        filter.push_str(&format!(
            " AND (name_key LIKE ${n} ESCAPE '\\' OR email_key LIKE ${n} ESCAPE '\\' \
             OR extension LIKE ${n} ESCAPE '\\' OR lower(external_id) LIKE ${n} ESCAPE '\\')"
        ));
    }
    let (total,): (i64,) =
        bind_all(sqlx::query_as(&format!("SELECT COUNT(*) FROM users WHERE {filter}")), &args).fetch_one(db).await?;

    if let Some((name, id)) = after {
        args.push(name);
        args.push(id);
        let (a, b) = (args.len() - 1, args.len());
        filter.push_str(&format!(" AND (name_key > ${a} OR (name_key = ${a} AND id > ${b}))"));
    }
    // The limit is our own clamped integer, not client text.
    let sql = format!("SELECT {COLUMNS} FROM users WHERE {filter} ORDER BY name_key, id LIMIT {}", query.limit + 1);
    let mut rows: Vec<UserRow> = bind_all(sqlx::query_as(&sql), &args).fetch_all(db).await?;

    let next_cursor = if rows.len() as i64 > query.limit {
        rows.truncate(query.limit as usize);
        rows.last().map(|r| encode_cursor(&r.name_key, &r.id))
    } else {
        None
    };
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut extra = attachments(db, &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let (roles, devices) = extra.remove(&r.id).unwrap_or_default();
            r.into_api(roles, devices, &query.tenant_id)
        })
        .collect();
    Ok(Page { items, total: total as u64, next_cursor })
}

fn bind_all<'q, O>(
    mut q: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    args: &'q [String],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for a in args {
        q = q.bind(a);
    }
    q
}

fn like_pattern(q: &str) -> String {
    let escaped = q.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn encode_cursor(name_key: &str, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&(name_key, id)).unwrap_or_default())
}

fn decode_cursor(cursor: &str) -> Result<(String, String), ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| ApiError::bad_request("invalid_cursor", "cursor is not one this API returned"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_garbage_is_refused() {
        let c = encode_cursor("ann", "u1");
        assert_eq!(decode_cursor(&c).unwrap(), ("ann".into(), "u1".into()));
        assert!(decode_cursor("not a cursor").is_err());
    }

    #[test]
    fn like_wildcards_in_the_search_are_literal() {
        assert_eq!(like_pattern("50%_A\\"), "%50\\%\\_a\\\\%");
    }
}
