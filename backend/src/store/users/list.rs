//! One page of a tenant's users: searched, filtered, sorted, by keyset.

use switchboard_shared::{roles, Page, TenantId, User, UserId, UserStatus};

use super::{email_key, view::attachments, UserRow, COLUMNS};
use crate::store::{cursor, search, sql::Args, tenants::TenantRow, Db, Error};

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
    pub tenant_id: TenantId,
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
    Members(&'a TenantId),
    Parents(&'a [TenantRow]),
}

impl Scope<'_> {
    /// The `users` condition and the `user_search` one, binding into `args`.
    fn sql(&self, args: &mut Args) -> (String, String) {
        match self {
            Scope::Members(tenant) => {
                let tenant = args.bind(*tenant);
                (format!("tenant_id = {tenant}"), format!("tenant_id = {tenant}"))
            }
            Scope::Parents(above) => {
                let mut users = Vec::new();
                let mut tenants = Vec::new();
                for t in *above {
                    let Some(staff) = roles::staff_role(t.kind) else { continue };
                    let (id, role) = (args.bind(&t.id), args.bind(staff));
                    users.push(format!(
                        "(tenant_id = {id} AND EXISTS (SELECT 1 FROM user_roles s WHERE s.user_id = users.id \
                         AND s.role = {role}))"
                    ));
                    tenants.push(id);
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
pub async fn list(db: &Db, query: &ListQuery, above: &[TenantRow]) -> Result<Page<User>, Error> {
    let sort = query.sort;
    let after = query.cursor.as_deref().map(|c| cursor::decode::<2>(c, &sort.tag())).transpose()?;
    let words = match query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        Some(q) => match search::search_words(q) {
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
    let mut rows = crate::store::merge(members, parents, |a, b| {
        let order = (sort.value_of(a), &a.id).cmp(&(sort.value_of(b), &b.id));
        if sort.descending {
            order.reverse()
        } else {
            order
        }
    });
    let next_cursor = if rows.len() as i64 > query.limit {
        rows.truncate(query.limit as usize);
        rows.last().map(|r| cursor::encode(&sort.tag(), &[&sort.value_of(r), r.id.as_str()]))
    } else {
        None
    };
    let ids: Vec<UserId> = rows.iter().map(|r| r.id.clone()).collect();
    let mut extra = attachments(&mut *db.acquire().await?, &ids).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let extra = extra.remove(&r.id).unwrap_or_default();
            r.into_api(extra, &query.tenant_id)
        })
        .collect();
    Ok(Page { items, total: (members_total + parents_total) as u64, next_cursor })
}

/// The matching count and the first `limit + 1` rows after the cursor, of one scope.
async fn scope_page(
    db: &Db,
    scope: Scope<'_>,
    query: &ListQuery,
    words: &[search::WordRange],
    after: Option<&[String; 2]>,
) -> Result<(i64, Vec<UserRow>), sqlx::Error> {
    let mut args = Args::default();
    let (mut filter, search_scope) = scope.sql(&mut args);
    for word in words {
        let mut range = format!("word >= {}", args.bind(&word.from));
        if let Some(until) = &word.until {
            range.push_str(&format!(" AND word < {}", args.bind(until)));
        }
        filter.push_str(&format!(" AND id IN (SELECT user_id FROM user_search WHERE {search_scope} AND {range})"));
    }
    if let Some(role) = &query.role {
        let role = args.bind(role);
        filter.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role = {role})"
        ));
    }
    if let Some(status) = query.status {
        filter.push_str(&format!(" AND status = {}", args.bind(status.as_str())));
    }
    let total = args.query_scalar::<i64>(&format!("SELECT COUNT(*) FROM users WHERE {filter}")).fetch_one(db).await?;

    let sort = query.sort;
    let (column, cmp, dir) =
        (sort.column(), if sort.descending { "<" } else { ">" }, if sort.descending { "DESC" } else { "ASC" });
    if let Some([value, id]) = after {
        let (a, b) = (args.bind(value), args.bind(id));
        filter.push_str(&format!(" AND ({column} {cmp} {a} OR ({column} = {a} AND id {cmp} {b}))"));
    }
    // The limit is our own clamped integer, not client text.
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE {filter} ORDER BY {column} {dir}, id {dir} LIMIT {}",
        query.limit + 1
    );
    Ok((total, args.query_as::<UserRow>(&sql).fetch_all(db).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_parse_with_direction() {
        assert_eq!(Sort::parse("-createdAt"), Some(Sort { key: SortKey::CreatedAt, descending: true }));
        assert_eq!(Sort::parse("email"), Some(Sort { key: SortKey::Email, descending: false }));
        assert_eq!(Sort::parse("password"), None);
    }

    #[test]
    fn a_cursor_of_one_order_is_refused_in_another() {
        let by_name = Sort::default();
        let c = cursor::encode(&by_name.tag(), &["ann", "u1"]);
        assert!(cursor::decode::<2>(&c, &by_name.tag()).is_ok());
        assert!(cursor::decode::<2>(&c, &Sort::parse("-name").unwrap().tag()).is_err());
    }
}
