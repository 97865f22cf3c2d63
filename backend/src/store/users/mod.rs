//! Users: their rows, and the reads of one user. A listing (`list`), the
//! API view (`view`), the tenant rules' reads of its members (`members`),
//! the writes (`writes`) and the caller of a request (`caller`) each have
//! a module of their own.

mod caller;
pub mod counts;
mod list;
mod members;
mod view;
mod writes;

pub use caller::{caller, CallerRows};
pub use list::{list, ListQuery, Sort, SortKey};
pub use members::*;
pub use view::*;
pub use writes::*;

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{
    roles::{self, RoleSet},
    Language, TenantId, User, UserId, UserStatus,
};

use super::{
    columns::{Flag, Lang, Status},
    tenants::TenantRow,
    Db,
};

const COLUMNS: &str = "id, tenant_id, display_name, name_key, email, status, time_zone, language, external_id, \
                       substitute_id, extension, service_user, created_at, updated_at, version";

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub tenant_id: TenantId,
    pub display_name: String,
    pub name_key: String,
    pub email: String,
    #[sqlx(try_from = "Status")]
    pub status: UserStatus,
    pub time_zone: String,
    #[sqlx(try_from = "Lang")]
    pub language: Language,
    pub external_id: Option<String>,
    pub substitute_id: Option<UserId>,
    pub extension: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub service_user: bool,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

impl UserRow {
    /// The row as a write of itself, to change from.
    pub fn as_write(&self) -> UserWrite<'_> {
        UserWrite {
            id: &self.id,
            tenant_id: &self.tenant_id,
            display_name: &self.display_name,
            email: &self.email,
            status: self.status,
            time_zone: &self.time_zone,
            language: self.language,
            external_id: self.external_id.as_deref(),
            substitute_id: self.substitute_id.as_ref(),
            extension: self.extension.as_deref(),
            service_user: self.service_user,
        }
    }

    pub fn into_api(self, extra: Attachments, viewing_tenant: &TenantId) -> User {
        let (roles, devices, mfa) = extra.parts();
        // Catalogue order (as the role panel groups them); unknown keys last.
        let (known, unknown) = RoleSet::parse(roles.iter().map(String::as_str));
        let roles = known.to_strings().into_iter().chain(unknown).collect();
        User {
            is_parent: self.tenant_id != *viewing_tenant,
            status: self.status,
            service_user: self.service_user,
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
            mfa,
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

pub async fn get(conn: &mut AnyConnection, id: &UserId) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1")).bind(id).fetch_optional(conn).await
}

/// The user with this login and their password hash.
pub async fn find_login(db: &Db, email: &str) -> Result<Option<(UserRow, Option<String>)>, sqlx::Error> {
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
pub async fn role_set(db: &Db, user_id: &UserId) -> Result<RoleSet, sqlx::Error> {
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1").bind(user_id).fetch_all(db).await?;
    Ok(RoleSet::parse(keys.iter().map(String::as_str)).0)
}

pub async fn get_in_tenant(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    id: &UserId,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1 AND tenant_id = $2"))
        .bind(id)
        .bind(tenant_id)
        .fetch_optional(conn)
        .await
}

/// A user of the tenant with their roles (keys no longer in the catalogue
/// are ignored), in one statement.
pub async fn get_in_tenant_with_roles(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    id: &UserId,
) -> Result<Option<(UserRow, RoleSet)>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        roles: Option<String>,
    }
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT string_agg(r.role, ' ') FROM user_roles r WHERE r.user_id = users.id) AS roles \
         FROM users WHERE id = $1 AND tenant_id = $2"
    );
    let row: Option<Row> = sqlx::query_as(&sql).bind(id).bind(tenant_id).fetch_optional(conn).await?;
    Ok(row.map(|r| {
        let roles = RoleSet::parse(r.roles.as_deref().unwrap_or_default().split_whitespace()).0;
        (r.user, roles)
    }))
}

/// A user of the tenant, or, when `above` (its ancestors) holds them as
/// staff, a parent user seen from it.
pub async fn get_visible(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    above: &[TenantRow],
    id: &UserId,
) -> Result<Option<UserRow>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    if row.tenant_id == *tenant_id {
        return Ok(Some(row));
    }
    let staff = above.iter().find(|t| t.id == row.tenant_id).and_then(|t| roles::staff_role(t.kind));
    Ok(match staff {
        Some(staff) if roles_of(conn, &row.id).await?.contains(staff) => Some(row),
        _ => None,
    })
}

pub async fn has_password(conn: &mut AnyConnection, id: &UserId) -> Result<bool, sqlx::Error> {
    let hash: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(id).fetch_one(conn).await?;
    Ok(hash.is_some())
}

/// The user whose login is this e-mail, anywhere: (id, tenant).
pub async fn find_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<(UserId, TenantId)>, sqlx::Error> {
    sqlx::query_as("SELECT id, tenant_id FROM users WHERE email_key = $1")
        .bind(email_key(email))
        .fetch_optional(conn)
        .await
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
    tenant_id: &TenantId,
    column: Unique,
    value: &str,
    except: Option<&UserId>,
) -> Result<bool, sqlx::Error> {
    let column = match column {
        Unique::Extension => "extension",
        Unique::ExternalId => "external_id",
    };
    let (n,): (i64,) =
        sqlx::query_as(&format!("SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND {column} = $2 AND id <> $3"))
            .bind(tenant_id)
            .bind(value)
            .bind(except.map_or("", UserId::as_str))
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

pub async fn roles_of(conn: &mut AnyConnection, user_id: &UserId) -> Result<RoleSet, sqlx::Error> {
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1").bind(user_id).fetch_all(conn).await?;
    Ok(RoleSet::parse(keys.iter().map(String::as_str)).0)
}
