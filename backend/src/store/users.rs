use std::{collections::HashMap, sync::LazyLock};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{
    roles::{self, MemberState, RoleSet},
    Page, User, UserStatus,
};

use super::tenants::TenantRow;
use crate::{
    authz::{Caller, TenantCtx},
    db::Db,
    error::ApiError,
};

const COLUMNS: &str = "id, tenant_id, display_name, name_key, email, status, time_zone, language, external_id, \
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
    pub language: String,
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

    /// The row as a write of itself, to change from.
    pub fn as_write(&self) -> UserWrite<'_> {
        UserWrite {
            id: &self.id,
            tenant_id: &self.tenant_id,
            display_name: &self.display_name,
            email: &self.email,
            status: self.status(),
            time_zone: &self.time_zone,
            language: &self.language,
            external_id: self.external_id.as_deref(),
            substitute_id: self.substitute_id.as_deref(),
            extension: self.extension.as_deref(),
            service_user: self.service_user != 0,
        }
    }

    pub fn into_api(self, roles: Vec<String>, devices: Vec<String>, viewing_tenant: &str) -> User {
        // Catalogue order (as the role panel groups them); unknown keys last.
        let (known, unknown) = RoleSet::parse(roles.iter().map(String::as_str));
        let roles = known.to_strings().into_iter().chain(unknown).collect();
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
            language: self.language,
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

/// A user, their roles, their tenant and the tenants above it (nearest
/// first) in one round trip: every API request reads its caller afresh, so
/// this is the hottest query there is.
pub async fn with_roles_and_tenant(db: &Db, id: &str) -> Result<Option<Caller>, ApiError> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        t_parent_id: Option<String>,
        t_kind: String,
        t_name: String,
        t_generation: i64,
        p_parent_id: Option<String>,
        p_kind: Option<String>,
        p_name: Option<String>,
        p_generation: Option<i64>,
        g_id: Option<String>,
        g_kind: Option<String>,
        g_name: Option<String>,
        g_generation: Option<i64>,
        /// The roles held, separated by spaces (keys have none).
        roles: Option<String>,
    }
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let user_columns = COLUMNS.split(',').map(|c| format!("u.{}", c.trim())).collect::<Vec<_>>().join(", ");
        // The tree is at most three levels deep: parent and grandparent are all there is above.
        format!(
            "SELECT {user_columns}, t.parent_id AS t_parent_id, t.kind AS t_kind, t.name AS t_name, \
             t.generation AS t_generation, p.parent_id AS p_parent_id, p.kind AS p_kind, p.name AS p_name, \
             p.generation AS p_generation, g.id AS g_id, g.kind AS g_kind, g.name AS g_name, \
             g.generation AS g_generation, \
             (SELECT string_agg(r.role, ' ') FROM user_roles r WHERE r.user_id = u.id) AS roles \
             FROM users u JOIN tenants t ON t.id = u.tenant_id \
             LEFT JOIN tenants p ON p.id = t.parent_id LEFT JOIN tenants g ON g.id = p.parent_id WHERE u.id = $1"
        )
    });
    // One row, the roles aggregated: every request reads this, and each row
    // through sqlx's `Any` driver costs a conversion of every column.
    let row: Option<Row> = sqlx::query_as(&SQL).bind(id).fetch_optional(db).await?;
    Ok(row.map(|r| {
        let roles = RoleSet::parse(r.roles.as_deref().unwrap_or_default().split_whitespace()).0;
        let tenant = TenantRow {
            id: r.user.tenant_id.clone(),
            parent_id: r.t_parent_id.clone(),
            kind: r.t_kind,
            name: r.t_name,
            generation: r.t_generation,
        };
        let parent = r.t_parent_id.zip(r.p_kind).map(|(id, kind)| TenantRow {
            id,
            parent_id: r.p_parent_id,
            kind,
            name: r.p_name.unwrap_or_default(),
            generation: r.p_generation.unwrap_or_default(),
        });
        let grandparent = r.g_id.zip(r.g_kind).map(|(id, kind)| TenantRow {
            id,
            parent_id: None,
            kind,
            name: r.g_name.unwrap_or_default(),
            generation: r.g_generation.unwrap_or_default(),
        });
        Caller { user: r.user, roles, tenant, above: parent.into_iter().chain(grandparent).collect() }
    }))
}

/// The user as the API shows it, seen from `viewing_tenant`.
pub async fn to_api(db: &Db, row: UserRow, viewing_tenant: &str) -> Result<User, ApiError> {
    let mut conn = db.acquire().await?;
    to_api_on(&mut conn, row, viewing_tenant).await
}

pub async fn to_api_on(conn: &mut AnyConnection, row: UserRow, viewing_tenant: &str) -> Result<User, ApiError> {
    let mut extra = attachments(conn, std::slice::from_ref(&row.id)).await?;
    let (roles, devices) = extra.remove(&row.id).unwrap_or_default();
    Ok(row.into_api(roles, devices, viewing_tenant))
}

/// The API view of a user whose roles the caller already holds.
pub async fn to_api_with_roles(
    conn: &mut AnyConnection,
    row: UserRow,
    roles: RoleSet,
    viewing_tenant: &str,
) -> Result<User, ApiError> {
    let devices: Vec<String> = sqlx::query_scalar("SELECT id FROM devices WHERE user_id = $1 ORDER BY name, id")
        .bind(&row.id)
        .fetch_all(conn)
        .await?;
    Ok(row.into_api(roles.to_strings(), devices, viewing_tenant))
}

/// Roles and device ids of the given users, two queries for a whole page.
async fn attachments(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<HashMap<String, (Vec<String>, Vec<String>)>, ApiError> {
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
    for (user, role) in q.fetch_all(&mut *conn).await? {
        out.entry(user).or_default().0.push(role);
    }
    let sql = format!("SELECT user_id, id FROM devices WHERE user_id IN ({placeholders}) ORDER BY name, id");
    let mut q = sqlx::query_as::<_, (String, String)>(&sql);
    for id in ids {
        q = q.bind(id);
    }
    for (user, device) in q.fetch_all(&mut *conn).await? {
        out.entry(user).or_default().1.push(device);
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Name,
    Email,
    CreatedAt,
}

/// `sort=name|email|createdAt`, `-` in front for descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    pub fn parse(s: &str) -> Option<Self> {
        let (descending, name) = s.strip_prefix('-').map_or((false, s), |rest| (true, rest));
        let key = match name {
            "name" => SortKey::Name,
            "email" => SortKey::Email,
            "createdAt" => SortKey::CreatedAt,
            _ => return None,
        };
        Some(Self { key, descending })
    }

    fn column(self) -> &'static str {
        match self.key {
            SortKey::Name => "name_key",
            SortKey::Email => "email_key",
            SortKey::CreatedAt => "created_at",
        }
    }

    fn value_of(self, row: &UserRow) -> String {
        match self.key {
            SortKey::Name => row.name_key.clone(),
            SortKey::Email => email_key(&row.email),
            SortKey::CreatedAt => row.created_at.clone(),
        }
    }

    fn tag(self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.column())
    }
}

impl Default for Sort {
    fn default() -> Self {
        Self { key: SortKey::Name, descending: false }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListQuery {
    pub tenant_id: String,
    pub q: Option<String>,
    pub role: Option<String>,
    pub status: Option<UserStatus>,
    pub sort: Sort,
    pub limit: i64,
    pub cursor: Option<String>,
}

/// Whose rows a listing reads: the tenant's own users, or the parent users
/// above it (the staff of its reseller and of the platform).
enum Scope<'a> {
    Members(&'a str),
    Parents(&'a [TenantRow]),
}

impl Scope<'_> {
    /// The `users` condition and the `user_search` one, binding into `args`.
    fn sql(&self, args: &mut Vec<String>) -> (String, String) {
        match self {
            Scope::Members(tenant) => {
                args.push((*tenant).to_owned());
                let n = args.len();
                (format!("tenant_id = ${n}"), format!("tenant_id = ${n}"))
            }
            Scope::Parents(above) => {
                let mut users = Vec::new();
                let mut tenants = Vec::new();
                for t in *above {
                    let Some(staff) = roles::staff_role(t.kind()) else { continue };
                    args.push(t.id.clone());
                    args.push(staff.to_owned());
                    let (id, role) = (args.len() - 1, args.len());
                    users.push(format!(
                        "(tenant_id = ${id} AND EXISTS (SELECT 1 FROM user_roles s WHERE s.user_id = users.id \
                         AND s.role = ${role}))"
                    ));
                    tenants.push(format!("${id}"));
                }
                if users.is_empty() {
                    return ("1 = 0".into(), "1 = 0".into());
                }
                (format!("({})", users.join(" OR ")), format!("tenant_id IN ({})", tenants.join(", ")))
            }
        }
    }
}

/// One page of a tenant's users, parent users among them (see `Scope`), with
/// keyset pagination: the cursor is the sort value and id of the last row
/// shown, so pages never skip or repeat. `above` is the tenant's ancestors.
pub async fn list(db: &Db, query: &ListQuery, above: &[TenantRow]) -> Result<Page<User>, ApiError> {
    let sort = query.sort;
    let after = query.cursor.as_deref().map(|c| decode_cursor(c, sort)).transpose()?;
    let words = match query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        Some(q) => match super::search::search_words(q) {
            words if words.is_empty() => return Ok(Page { items: Vec::new(), total: 0, next_cursor: None }),
            words => words,
        },
        None => Vec::new(),
    };
    // Two indexed queries merged here, rather than one with OR, so the
    // tenant's own (possibly many) users are still read in index order.
    let (members_total, members) =
        scope_page(db, Scope::Members(&query.tenant_id), query, &words, after.as_ref()).await?;
    let (parents_total, parents) = if above.is_empty() {
        (0, Vec::new())
    } else {
        scope_page(db, Scope::Parents(above), query, &words, after.as_ref()).await?
    };
    let mut rows = super::merge(members, parents, |a, b| {
        let order = (sort.value_of(a), &a.id).cmp(&(sort.value_of(b), &b.id));
        if sort.descending {
            order.reverse()
        } else {
            order
        }
    });
    let next_cursor = if rows.len() as i64 > query.limit {
        rows.truncate(query.limit as usize);
        rows.last().map(|r| encode_cursor(sort, &sort.value_of(r), &r.id))
    } else {
        None
    };
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut extra = attachments(&mut *db.acquire().await?, &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let (roles, devices) = extra.remove(&r.id).unwrap_or_default();
            r.into_api(roles, devices, &query.tenant_id)
        })
        .collect();
    Ok(Page { items, total: (members_total + parents_total) as u64, next_cursor })
}

/// The matching count and the first `limit + 1` rows after the cursor, of one scope.
async fn scope_page(
    db: &Db,
    scope: Scope<'_>,
    query: &ListQuery,
    words: &[super::search::WordRange],
    after: Option<&(String, String)>,
) -> Result<(i64, Vec<UserRow>), ApiError> {
    let mut args = Vec::new();
    let (mut filter, search_scope) = scope.sql(&mut args);
    for word in words {
        args.push(word.from.clone());
        let mut range = format!("word >= ${}", args.len());
        if let Some(until) = &word.until {
            args.push(until.clone());
            range.push_str(&format!(" AND word < ${}", args.len()));
        }
        filter.push_str(&format!(" AND id IN (SELECT user_id FROM user_search WHERE {search_scope} AND {range})"));
    }
    if let Some(role) = &query.role {
        args.push(role.clone());
        filter.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role = ${})",
            args.len()
        ));
    }
    if let Some(status) = query.status {
        args.push(status.as_str().to_owned());
        filter.push_str(&format!(" AND status = ${}", args.len()));
    }
    let (total,): (i64,) =
        bind_all(sqlx::query_as(&format!("SELECT COUNT(*) FROM users WHERE {filter}")), &args).fetch_one(db).await?;

    let sort = query.sort;
    let (column, cmp, dir) =
        (sort.column(), if sort.descending { "<" } else { ">" }, if sort.descending { "DESC" } else { "ASC" });
    if let Some((value, id)) = after {
        args.push(value.clone());
        args.push(id.clone());
        let (a, b) = (args.len() - 1, args.len());
        filter.push_str(&format!(" AND ({column} {cmp} ${a} OR ({column} = ${a} AND id {cmp} ${b}))"));
    }
    // The limit is our own clamped integer, not client text.
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE {filter} ORDER BY {column} {dir}, id {dir} LIMIT {}",
        query.limit + 1
    );
    let rows = bind_all(sqlx::query_as(&sql), &args).fetch_all(db).await?;
    Ok((total, rows))
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

fn encode_cursor(sort: Sort, value: &str, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&(sort.tag(), value, id)).unwrap_or_default())
}

/// The (sort value, id) a cursor continues after; a cursor made for another
/// sort is refused rather than silently skipping rows.
fn decode_cursor(cursor: &str, sort: Sort) -> Result<(String, String), ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<(String, String, String)>(&bytes).ok())
        .filter(|(tag, _, _)| *tag == sort.tag())
        .map(|(_, value, id)| (value, id))
        .ok_or_else(|| ApiError::bad_request("invalid_cursor", "cursor is not one this API returned for this sort"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_garbage_is_refused() {
        let by_name = Sort::default();
        let c = encode_cursor(by_name, "ann", "u1");
        assert_eq!(decode_cursor(&c, by_name).unwrap(), ("ann".into(), "u1".into()));
        assert!(decode_cursor(&c, Sort::parse("-name").unwrap()).is_err());
        assert!(decode_cursor("not a cursor", by_name).is_err());
    }

    #[test]
    fn sorts_parse_with_direction() {
        assert_eq!(Sort::parse("-createdAt"), Some(Sort { key: SortKey::CreatedAt, descending: true }));
        assert_eq!(Sort::parse("email"), Some(Sort { key: SortKey::Email, descending: false }));
        assert_eq!(Sort::parse("password"), None);
    }
}

// ---- The write path: every function takes the open transaction. ----

pub async fn get_in_tenant(conn: &mut AnyConnection, tenant_id: &str, id: &str) -> Result<Option<UserRow>, ApiError> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1 AND tenant_id = $2"))
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(conn)
        .await?)
}

/// A user of the tenant, or, when `above` (its ancestors) holds them as
/// staff, a parent user seen from it.
pub async fn get_visible(
    conn: &mut AnyConnection,
    tenant_id: &str,
    above: &[TenantRow],
    id: &str,
) -> Result<Option<UserRow>, ApiError> {
    let Some(row) = sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    if row.tenant_id == tenant_id {
        return Ok(Some(row));
    }
    let staff = above.iter().find(|t| t.id == row.tenant_id).and_then(|t| roles::staff_role(t.kind()));
    Ok(match staff {
        Some(staff) if roles_of(conn, &row.id).await?.contains(staff) => Some(row),
        _ => None,
    })
}

/// The user of the tenant a write names. A parent user is shown in the
/// tenant but changed only in their own, so naming one is refused as such
/// rather than answered as missing.
pub async fn member_for_write(conn: &mut AnyConnection, ctx: &TenantCtx, id: &str) -> Result<UserRow, ApiError> {
    if let Some(row) = get_in_tenant(conn, &ctx.tenant.id, id).await? {
        return Ok(row);
    }
    match get_visible(conn, &ctx.tenant.id, &ctx.above, id).await? {
        Some(_) => Err(ApiError::ParentUser),
        None => Err(ApiError::NotFound),
    }
}

pub async fn has_password(conn: &mut AnyConnection, id: &str) -> Result<bool, ApiError> {
    let hash: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(id).fetch_one(conn).await?;
    Ok(hash.is_some())
}

/// The user whose login is this e-mail, anywhere: (id, tenant).
pub async fn find_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<(String, String)>, ApiError> {
    Ok(sqlx::query_as("SELECT id, tenant_id FROM users WHERE email_key = $1")
        .bind(email_key(email))
        .fetch_optional(conn)
        .await?)
}

/// Which per-tenant unique column a value is checked against.
#[derive(Clone, Copy)]
pub enum Unique {
    Extension,
    ExternalId,
}

/// Whether another user of the tenant already has this extension or external id.
pub async fn taken(
    conn: &mut AnyConnection,
    tenant_id: &str,
    column: Unique,
    value: &str,
    except: Option<&str>,
) -> Result<bool, ApiError> {
    let column = match column {
        Unique::Extension => "extension",
        Unique::ExternalId => "external_id",
    };
    let (n,): (i64,) =
        sqlx::query_as(&format!("SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND {column} = $2 AND id <> $3"))
            .bind(tenant_id)
            .bind(value)
            .bind(except.unwrap_or(""))
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

pub async fn roles_of(conn: &mut AnyConnection, user_id: &str) -> Result<RoleSet, ApiError> {
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1").bind(user_id).fetch_all(conn).await?;
    Ok(RoleSet::parse(keys.iter().map(String::as_str)).0)
}

fn in_list(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// The tenant's users (but `except`) holding any of `roles`, with what the
/// tenant rules need of them.
pub async fn members_holding(
    conn: &mut AnyConnection,
    tenant_id: &str,
    roles: &[&str],
    except: Option<&str>,
) -> Result<Vec<MemberState>, ApiError> {
    // From the role index: the holders only, not every user of the tenant,
    // with all their roles in the same query. CROSS JOIN keeps that order on
    // SQLite (its join-order hint); on PostgreSQL it is a plain inner join.
    let sql = format!(
        "SELECT u.id, u.status, u.service_user, h.role FROM user_roles r CROSS JOIN users u \
         CROSS JOIN user_roles h WHERE u.id = r.user_id AND h.user_id = u.id AND r.role IN ({}) \
         AND u.tenant_id = $1 AND u.id <> $2 ORDER BY u.id",
        in_list(3, roles.len())
    );
    let mut q = sqlx::query_as::<_, (String, String, i64, String)>(&sql).bind(tenant_id).bind(except.unwrap_or(""));
    for r in roles {
        q = q.bind(*r);
    }
    // One row per (holder, held role, matched role), by holder.
    let mut members: Vec<(String, MemberState)> = Vec::new();
    for (id, status, service, role) in q.fetch_all(&mut *conn).await? {
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
    tenant_id: &str,
    roles: &[&str],
    except: Option<&str>,
) -> Result<bool, ApiError> {
    let sql = format!(
        "SELECT COUNT(*) FROM user_roles r CROSS JOIN users u \
         WHERE u.id = r.user_id AND u.tenant_id = $1 AND u.id <> $2 AND r.role IN ({})",
        in_list(3, roles.len())
    );
    let mut q = sqlx::query_as::<_, (i64,)>(&sql).bind(tenant_id).bind(except.unwrap_or(""));
    for r in roles {
        q = q.bind(*r);
    }
    Ok(q.fetch_one(conn).await?.0 > 0)
}

/// The tenant's users (but `except`) holding one of `having` and not `lacking`.
pub async fn holding_but_lacking(
    conn: &mut AnyConnection,
    tenant_id: &str,
    having: &[&str],
    lacking: &str,
    except: &str,
) -> Result<Vec<String>, ApiError> {
    let sql = format!(
        "SELECT u.id FROM users u WHERE u.tenant_id = $1 AND u.id <> $2 \
         AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = $3) \
         AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ({}))",
        in_list(4, having.len())
    );
    let mut q = sqlx::query_scalar::<_, String>(&sql).bind(tenant_id).bind(except).bind(lacking);
    for r in having {
        q = q.bind(*r);
    }
    Ok(q.fetch_all(conn).await?)
}

/// What the search index holds of a user (see `store::search`).
pub fn search_texts<'a>(u: &UserWrite<'a>) -> [&'a str; 4] {
    [u.display_name, u.email, u.extension.unwrap_or(""), u.external_id.unwrap_or("")]
}

/// The row to insert or the new state of a row: every column the API writes.
pub struct UserWrite<'a> {
    pub id: &'a str,
    pub tenant_id: &'a str,
    pub display_name: &'a str,
    pub email: &'a str,
    pub status: UserStatus,
    pub time_zone: &'a str,
    pub language: &'a str,
    pub external_id: Option<&'a str>,
    pub substitute_id: Option<&'a str>,
    pub extension: Option<&'a str>,
    pub service_user: bool,
}

pub async fn insert(conn: &mut AnyConnection, u: &UserWrite<'_>) -> Result<(), ApiError> {
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
    .bind(u.language)
    .execute(&mut *conn)
    .await?;
    super::search::index(conn, u.tenant_id, u.id, &search_texts(u)).await
}

/// Writes the new state and bumps the version (the ETag); returns the new row.
pub async fn update(conn: &mut AnyConnection, before: &UserWrite<'_>, u: &UserWrite<'_>) -> Result<UserRow, ApiError> {
    if search_texts(before) != search_texts(u) {
        super::search::index(conn, u.tenant_id, u.id, &search_texts(u)).await?;
    }
    Ok(sqlx::query_as(&format!(
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
    .bind(u.language)
    .fetch_one(conn)
    .await?)
}

pub async fn change_roles(
    conn: &mut AnyConnection,
    user_id: &str,
    add: RoleSet,
    remove: RoleSet,
) -> Result<(), ApiError> {
    for role in add.iter() {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(user_id)
            .bind(role.key)
            .execute(&mut *conn)
            .await?;
    }
    for role in remove.iter() {
        sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2")
            .bind(user_id)
            .bind(role.key)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A new version (ETag) for a change made outside the user's own columns.
pub async fn touch(conn: &mut AnyConnection, user_id: &str) -> Result<(), ApiError> {
    sqlx::query("UPDATE users SET version = version + 1, updated_at = $2 WHERE id = $1")
        .bind(user_id)
        .bind(crate::time::now_text())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<(), ApiError> {
    sqlx::query("UPDATE users SET substitute_id = NULL WHERE substitute_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// Licensed roles in use in the tenant: (role, holders).
pub async fn licence_counts(db: &Db, tenant_id: &str, licensed: &[&str]) -> Result<Vec<(String, i64)>, ApiError> {
    let sql = format!(
        "SELECT r.role, COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id \
         WHERE u.tenant_id = $1 AND r.role IN ({}) GROUP BY r.role",
        in_list(2, licensed.len())
    );
    let mut q = sqlx::query_as::<_, (String, i64)>(&sql).bind(tenant_id);
    for r in licensed {
        q = q.bind(*r);
    }
    Ok(q.fetch_all(db).await?)
}

/// Every user of the tenant with their roles (an import plans against all of them).
pub async fn tenant_members(conn: &mut AnyConnection, tenant_id: &str) -> Result<Vec<(UserRow, RoleSet)>, ApiError> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY id"))
        .bind(tenant_id)
        .fetch_all(&mut *conn)
        .await?;
    let held: Vec<(String, String)> = sqlx::query_as(
        "SELECT r.user_id, r.role FROM users u CROSS JOIN user_roles r WHERE r.user_id = u.id AND u.tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut roles: std::collections::HashMap<String, RoleSet> = std::collections::HashMap::new();
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
pub async fn emails_taken(
    conn: &mut AnyConnection,
    keys: &[String],
) -> Result<std::collections::HashSet<String>, ApiError> {
    let mut taken = std::collections::HashSet::new();
    // Chunks keep every statement under both databases' parameter limits.
    for chunk in keys.chunks(500) {
        let sql = format!("SELECT email_key FROM users WHERE email_key IN ({})", in_list(1, chunk.len()));
        let mut q = sqlx::query_scalar::<_, String>(&sql);
        for k in chunk {
            q = q.bind(k);
        }
        taken.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(taken)
}
