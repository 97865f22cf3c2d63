//! The caller of a request: every API request reads it afresh.

use std::sync::LazyLock;

use sqlx::FromRow;
use switchboard_shared::{roles::RoleSet, SessionId, TenantId, TenantKind, UserId};

use super::{UserRow, COLUMNS};
use crate::store::{
    columns::{Kind, Policy},
    tenants::TenantRow,
    Db,
};

/// A user with their roles, their tenant and the tenants above it.
#[derive(Debug)]
pub struct CallerRows {
    pub user: UserRow,
    pub roles: RoleSet,
    pub tenant: TenantRow,
    /// Nearest first.
    pub above: Vec<TenantRow>,
    /// Whether the session asked about is live (false when none was named).
    pub session_live: bool,
    /// When the person last proved who they are in that session (stored text).
    pub authenticated_at: Option<String>,
    /// Whether they have a second factor set up.
    pub second_factor: bool,
}

/// A user, their roles, their tenant and the tenants above it (nearest
/// first), and whether the session of the request is live, in one round
/// trip: every API request reads its caller afresh, so this is the hottest
/// query there is.
pub async fn caller(db: &Db, id: &UserId, session: Option<&SessionId>) -> Result<Option<CallerRows>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        t_parent_id: Option<TenantId>,
        #[sqlx(try_from = "Kind")]
        t_kind: TenantKind,
        t_name: String,
        t_generation: i64,
        t_mfa_policy: Policy,
        p_parent_id: Option<TenantId>,
        p_kind: Option<Kind>,
        p_name: Option<String>,
        p_generation: Option<i64>,
        p_mfa_policy: Option<Policy>,
        g_id: Option<TenantId>,
        g_kind: Option<Kind>,
        g_name: Option<String>,
        g_generation: Option<i64>,
        g_mfa_policy: Option<Policy>,
        /// The roles held, separated by spaces (keys have none).
        roles: Option<String>,
        /// When the live session named last authenticated; none if not live.
        authenticated_at: Option<String>,
        second_factor: i64,
    }
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let user_columns = COLUMNS.split(',').map(|c| format!("u.{}", c.trim())).collect::<Vec<_>>().join(", ");
        // The tree is at most three levels deep: parent and grandparent are all there is above.
        format!(
            "SELECT {user_columns}, t.parent_id AS t_parent_id, t.kind AS t_kind, t.name AS t_name, \
             t.generation AS t_generation, t.mfa_policy AS t_mfa_policy, p.parent_id AS p_parent_id, \
             p.kind AS p_kind, p.name AS p_name, p.generation AS p_generation, p.mfa_policy AS p_mfa_policy, \
             g.id AS g_id, g.kind AS g_kind, g.name AS g_name, g.generation AS g_generation, \
             g.mfa_policy AS g_mfa_policy, \
             (SELECT string_agg(r.role, ' ') FROM user_roles r WHERE r.user_id = u.id) AS roles, \
             (SELECT COALESCE(s.authenticated_at, s.created_at) FROM sessions s \
             WHERE s.id = $2 AND s.user_id = u.id AND s.ended = 0) AS authenticated_at, \
             (SELECT COUNT(*) FROM mfa_totp f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL) \
             + (SELECT COUNT(*) FROM passkeys k WHERE k.user_id = u.id) AS second_factor \
             FROM users u JOIN tenants t ON t.id = u.tenant_id \
             LEFT JOIN tenants p ON p.id = t.parent_id LEFT JOIN tenants g ON g.id = p.parent_id WHERE u.id = $1"
        )
    });
    // One row, the roles aggregated: every request reads this, and each row
    // through sqlx's `Any` driver costs a conversion of every column.
    let row: Option<Row> = sqlx::query_as(&SQL).bind(id).bind(session).fetch_optional(db).await?;
    Ok(row.map(|r| {
        let roles = RoleSet::parse(r.roles.as_deref().unwrap_or_default().split_whitespace()).0;
        let tenant = TenantRow {
            id: r.user.tenant_id.clone(),
            parent_id: r.t_parent_id.clone(),
            kind: r.t_kind,
            name: r.t_name,
            generation: r.t_generation,
            mfa_policy: r.t_mfa_policy.into(),
        };
        let parent = r.t_parent_id.zip(r.p_kind).map(|(id, kind)| TenantRow {
            id,
            parent_id: r.p_parent_id,
            kind: kind.into(),
            name: r.p_name.unwrap_or_default(),
            generation: r.p_generation.unwrap_or_default(),
            mfa_policy: r.p_mfa_policy.map(Into::into).unwrap_or_default(),
        });
        let grandparent = r.g_id.zip(r.g_kind).map(|(id, kind)| TenantRow {
            id,
            parent_id: None,
            kind: kind.into(),
            name: r.g_name.unwrap_or_default(),
            generation: r.g_generation.unwrap_or_default(),
            mfa_policy: r.g_mfa_policy.map(Into::into).unwrap_or_default(),
        });
        CallerRows {
            user: r.user,
            roles,
            tenant,
            above: parent.into_iter().chain(grandparent).collect(),
            session_live: r.authenticated_at.is_some(),
            authenticated_at: r.authenticated_at,
            second_factor: r.second_factor > 0,
        }
    }))
}
