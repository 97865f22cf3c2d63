//! Tenants: the platform → reseller → customer tree, and its listings.

use sqlx::FromRow;
use switchboard_shared::{Language, MfaPolicy, Page, TenantId, TenantKind, TenantSummary};

use super::{
    columns::{Kind, Policy},
    cursor,
    sql::Args,
    Db, Error,
};

#[derive(Debug, Clone, FromRow)]
pub struct TenantRow {
    pub id: TenantId,
    pub parent_id: Option<TenantId>,
    #[sqlx(try_from = "Kind")]
    pub kind: TenantKind,
    pub name: String,
    /// Changes with every write in the tenant (see `Writes`).
    pub generation: i64,
    /// The tenant's own MFA policy (see `MfaPolicy::in_force`).
    #[sqlx(try_from = "Policy")]
    pub mfa_policy: MfaPolicy,
}

impl TenantRow {
    pub fn summary(&self) -> TenantSummary {
        TenantSummary { id: self.id.clone(), name: self.name.clone(), kind: self.kind }
    }
}

pub async fn get(db: &Db, id: &TenantId) -> Result<Option<TenantRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, parent_id, kind, name, generation, mfa_policy FROM tenants WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The tenant and its ancestors, nearest first, up to and including `until`
/// (or the root). The tree is shallow (platform → reseller → customer), so
/// walking it is a few primary-key reads.
pub async fn lineage(db: &Db, id: &TenantId, until: &TenantId) -> Result<Vec<TenantRow>, sqlx::Error> {
    walk_up(db, id, Some(until)).await
}

/// The tenant and all its ancestors, nearest first.
pub async fn ancestry(db: &Db, id: &TenantId) -> Result<Vec<TenantRow>, sqlx::Error> {
    walk_up(db, id, None).await
}

async fn walk_up(db: &Db, id: &TenantId, until: Option<&TenantId>) -> Result<Vec<TenantRow>, sqlx::Error> {
    let mut chain: Vec<TenantRow> = Vec::new();
    let mut next = Some(id.to_owned());
    while let Some(id) = next {
        let Some(row) = get(db, &id).await? else { break };
        if chain.iter().any(|t| t.id == row.id) {
            break; // a cycle would be corrupt data; never loop on it
        }
        next = if Some(&row.id) == until { None } else { row.parent_id.clone() };
        chain.push(row);
    }
    Ok(chain)
}

/// What the tenant's new users get when they are not given it: the time
/// zone (if set) and the language of its region.
pub async fn new_user_defaults(
    conn: &mut sqlx::AnyConnection,
    id: &TenantId,
) -> Result<(Option<String>, Language), sqlx::Error> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT default_time_zone, region FROM tenants WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let (zone, region) = row.unwrap_or_default();
    Ok((zone, switchboard_shared::fields::language_of_region(region.as_deref())))
}

/// The tenant's own MFA policy, read in a write turn.
pub async fn mfa_policy(conn: &mut sqlx::AnyConnection, id: &TenantId) -> Result<MfaPolicy, sqlx::Error> {
    let stored: Policy =
        sqlx::query_scalar("SELECT mfa_policy FROM tenants WHERE id = $1").bind(id).fetch_one(conn).await?;
    Ok(stored.into())
}

pub async fn set_mfa_policy(
    conn: &mut sqlx::AnyConnection,
    id: &TenantId,
    policy: MfaPolicy,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tenants SET mfa_policy = $2 WHERE id = $1")
        .bind(id)
        .bind(policy.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// The tenant's generation: it moves with every write in the tenant.
pub async fn generation(conn: &mut sqlx::AnyConnection, id: &TenantId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT generation FROM tenants WHERE id = $1").bind(id).fetch_one(conn).await
}

/// Marks a change in the tenant (see `TenantRow::generation`). On PostgreSQL
/// this also locks the tenant's row until the transaction ends.
pub async fn bump_generation(conn: &mut sqlx::AnyConnection, id: &TenantId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tenants SET generation = generation + 1 WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// The tenants a caller may switch to, by name: their own tenant and, for
/// staff admins (`below` true), every tenant under it. `q` matches name or
/// reference; the cursor is the (name, id) of the last tenant shown.
pub async fn switchable(
    db: &Db,
    own: &TenantRow,
    below: bool,
    q: Option<&str>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<TenantSummary>, Error> {
    // Each scope is read in (name, id) index order and the two merged, so a
    // reseller's first page costs the same with 5 customers as with 5,000.
    let scopes: &[Option<&str>] = match (below, own.kind) {
        (true, TenantKind::Platform) => &[None], // the platform reaches every tenant
        (true, TenantKind::Reseller) => &[Some("id = $1"), Some("parent_id = $1")],
        _ => &[Some("id = $1")],
    };
    let page = paged(db, scopes, &own.id, q, limit, cursor).await?;
    Ok(Page {
        items: page.items.iter().map(TenantRow::summary).collect(),
        total: page.total,
        more_than_total: page.more_than_total,
        next_cursor: page.next_cursor,
    })
}

/// The tenants directly under `parent`, by name, searched and paged as above.
pub async fn children(
    db: &Db,
    parent: &TenantId,
    q: Option<&str>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<TenantRow>, Error> {
    paged(db, &[Some("parent_id = $1")], parent, q, limit, cursor).await
}

/// One page of the tenants of these scopes (each a condition on `$1` =
/// `id`, or every tenant), by (name, id).
async fn paged(
    db: &Db,
    scopes: &[Option<&str>],
    id: &TenantId,
    q: Option<&str>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<TenantRow>, Error> {
    let after = cursor.map(|c| cursor::decode::<2>(c, ORDER)).transpose()?;
    let pattern = q.map(str::trim).filter(|q| !q.is_empty()).map(super::like_pattern);
    let mut total = 0;
    let mut rows = Vec::new();
    for scope in scopes {
        let scope = scope.map(|sql| (sql, id));
        let (count, page) = scope_page(db, scope, pattern.as_deref(), after.as_ref(), limit).await?;
        total += count;
        rows = super::merge(rows, page, |a: &TenantRow, b: &TenantRow| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    }
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| cursor::encode(ORDER, &[&r.name, r.id.as_str()]))
    } else {
        None
    };
    Ok(Page { items: rows, total: total as u64, next_cursor, ..Page::default() })
}

/// Listings of tenants are by (name, id).
const ORDER: &str = "name";

/// The matching count and the first `limit + 1` tenants after the cursor, of
/// one scope: a condition on `$1` and its value, or every tenant.
async fn scope_page(
    db: &Db,
    scope: Option<(&str, &TenantId)>,
    pattern: Option<&str>,
    after: Option<&[String; 2]>,
    limit: i64,
) -> Result<(i64, Vec<TenantRow>), sqlx::Error> {
    let mut args = Args::default();
    let mut filter = String::from("TRUE");
    if let Some((condition, value)) = scope {
        filter = condition.replace("$1", &args.bind(value));
    }
    if let Some(p) = pattern {
        let p = args.bind(p);
        filter.push_str(&format!(" AND (lower(name) LIKE {p} ESCAPE '\\' OR lower(reference) LIKE {p} ESCAPE '\\')"));
    }
    let total = args.query_scalar::<i64>(&format!("SELECT COUNT(*) FROM tenants WHERE {filter}")).fetch_one(db).await?;
    if let Some([name, id]) = after {
        let (name, id) = (args.bind(name), args.bind(id));
        filter.push_str(&format!(" AND (name > {name} OR (name = {name} AND id > {id}))"));
    }
    let sql = format!(
        "SELECT id, parent_id, kind, name, generation, mfa_policy FROM tenants WHERE {filter} ORDER BY name, id LIMIT {}",
        limit + 1
    );
    Ok((total, args.query_as(&sql).fetch_all(db).await?))
}
