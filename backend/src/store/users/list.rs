//! One page of a tenant's users: searched, filtered, sorted, by keyset.

use switchboard_shared::{roles, Page, TenantId, User, UserStatus};

use super::{
    counts, email_key,
    view::{Attachments, ATTACHMENTS},
    UserRow, COLUMNS,
};
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

/// A listed user: the row and, in the same statement, what its record
/// comes with (one statement per page instead of four).
#[derive(sqlx::FromRow)]
struct Listed {
    #[sqlx(flatten)]
    row: UserRow,
    #[sqlx(flatten)]
    extra: Attachments,
}

/// One page of a tenant's users, parent users among them (see `Scope`), with
/// keyset pagination: the cursor is the sort value and id of the last row
/// shown, so pages never skip or repeat. `above` is the tenant's ancestors.
///
/// Without a search `total` is exact, read from `user_counts`; with one it
/// is counted from the smallest of the filters' matches, up to
/// `SEARCH_COUNT_CAP`.
pub async fn list(db: &Db, query: &ListQuery, above: &[TenantRow]) -> Result<Page<User>, Error> {
    let sort = query.sort;
    let after = query.cursor.as_deref().map(|c| cursor::decode::<2>(c, &sort.tag())).transpose()?;
    let words = match query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        Some(q) => match search::search_words(q) {
            words if words.is_empty() => return Ok(Page::default()),
            words => words,
        },
        None => Vec::new(),
    };
    let page = Request { query, words: &words, after: after.as_ref() };
    // Two indexed queries merged here, rather than one with OR, so the
    // tenant's own (possibly many) users are still read in index order.
    let ((members_total, more_than_total), members) = members_page(db, &page).await?;
    let (parents_total, parents) = if above.is_empty() {
        (0, Vec::new())
    } else {
        let scope = Scope::Parents(above);
        // Parent users are their ancestors' staff: few, counted in full.
        (page.count(db, &scope, Plan::Walk, i64::MAX).await?, page.rows(db, &scope, Plan::Walk).await?)
    };
    let mut rows = crate::store::merge(members, parents, |a, b| {
        let order = (sort.value_of(&a.row), &a.row.id).cmp(&(sort.value_of(&b.row), &b.row.id));
        if sort.descending {
            order.reverse()
        } else {
            order
        }
    });
    let next_cursor = if rows.len() as i64 > query.limit {
        rows.truncate(query.limit as usize);
        rows.last().map(|r| cursor::encode(&sort.tag(), &[&sort.value_of(&r.row), r.row.id.as_str()]))
    } else {
        None
    };
    let items = rows.into_iter().map(|l| l.row.into_api(l.extra, &query.tenant_id)).collect();
    Ok(Page { items, total: (members_total + parents_total) as u64, more_than_total, next_cursor })
}

/// How a page's rows are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Along the order's index, testing each user, until the page is full:
    /// cheap when many match (a page needs few steps).
    Walk,
    /// From one filter's matches, each user tested for the others, then
    /// sorted: cheap when that filter matches few.
    From(Driver),
}

/// The filter whose matches a query starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Driver {
    /// The search index's users with every word.
    Search,
    /// The role's holders in the tenant (`user_roles_tenant`).
    Role,
    /// The tenant's users of that status (`users_tenant_status`).
    Status,
}

/// A search is counted no further than this many users: past it the page
/// says "more than" (`Page::more_than_total`), so a broad search costs the
/// same in a tenant of 100,000 as of 10,000.
pub const SEARCH_COUNT_CAP: i64 = 1_000;

/// The tenant's own users and how many match (capped: see
/// `SEARCH_COUNT_CAP`). A query starts from the filter that reads the
/// fewest rows: a role's holders or a status (their counts are kept, in
/// `user_counts`), or the search (counted only as far as needed). Starting
/// from `reads` rows reads them and sorts the matches; walking the order's
/// index visits about `(limit + 1) × users / matches` rows; the cheaper is
/// chosen, so neither a rare filter nor a broad search reads the whole
/// tenant, and the total is counted from the same start.
async fn members_page(db: &Db, page: &Request<'_>) -> Result<((i64, bool), Vec<Listed>), sqlx::Error> {
    let q = page.query;
    let scope = Scope::Members(&q.tenant_id);
    let kept = counts::totals(db, &q.tenant_id, q.role.as_deref(), q.status).await?;
    // The narrower index of the role's and the status's, and its rows.
    let kept_lead = match (&q.role, q.status) {
        (Some(_), Some(_)) if kept.status < kept.role => Some((Driver::Status, kept.status)),
        (Some(_), _) => Some((Driver::Role, kept.role)),
        (None, Some(_)) => Some((Driver::Status, kept.status)),
        (None, None) => None,
    };
    if kept_lead.is_some() && kept.matching == 0 {
        return Ok(((0, false), Vec::new()));
    }
    // (what leads, rows it reads, users matching, the total if known)
    let (lead, reads, matching, total) = match (page.words.is_empty(), kept_lead) {
        (true, lead) => {
            (lead.map(|l| l.0), lead.map_or(kept.users, |l| l.1), kept.matching, Some((kept.matching, false)))
        }
        (false, None) => match page.search_count(db, &scope, SEARCH_COUNT_CAP + 1).await? {
            found if found > SEARCH_COUNT_CAP => (None, kept.users, found, Some((SEARCH_COUNT_CAP, true))),
            found => (Some(Driver::Search), found, found, Some((found, false))),
        },
        (false, Some((driver, rows))) => {
            let bound = rows.min(SEARCH_COUNT_CAP);
            match page.search_count(db, &scope, bound + 1).await? {
                found if found <= bound => (Some(Driver::Search), found, found, None),
                found => (Some(driver), rows, kept.matching.min(found), None),
            }
        }
    };
    let plan = match lead {
        Some(driver) if reads.saturating_mul(matching.max(1)) <= (q.limit + 1) * kept.users => Plan::From(driver),
        _ => Plan::Walk,
    };
    let total = match total {
        Some(total) => total,
        None => match page.count(db, &scope, lead.map_or(Plan::Walk, Plan::From), SEARCH_COUNT_CAP + 1).await? {
            n if n > SEARCH_COUNT_CAP => (SEARCH_COUNT_CAP, true),
            n => (n, false),
        },
    };
    Ok((total, page.rows(db, &scope, plan).await?))
}

/// `word >= from AND word < until`: the words a search word is a prefix of.
fn range(word: &search::WordRange, args: &mut Args) -> String {
    let mut range = format!("word >= {}", args.bind(&word.from));
    if let Some(until) = &word.until {
        range.push_str(&format!(" AND word < {}", args.bind(until)));
    }
    range
}

/// One listing's filters, order and position.
struct Request<'a> {
    query: &'a ListQuery,
    words: &'a [search::WordRange],
    after: Option<&'a [String; 2]>,
}

impl Request<'_> {
    /// The users whose words match every word of the search, each once:
    /// led by the longest word (likely the rarest) from the search index,
    /// each other word tested per user, so that a count stops at its limit.
    fn matches(&self, search_scope: &str, args: &mut Args) -> String {
        let mut words: Vec<&search::WordRange> = self.words.iter().collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.from.len()));
        let mut sql = String::from("SELECT DISTINCT user_id FROM user_search m WHERE ");
        for (i, word) in words.into_iter().enumerate() {
            let range = range(word, args);
            if i == 0 {
                sql.push_str(&format!("{search_scope} AND {range}"));
            } else {
                sql.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM user_search s WHERE s.user_id = m.user_id AND {range})"
                ));
            }
        }
        sql
    }

    /// How many of the scope's users the search matches, counting no
    /// further than `up_to`.
    async fn search_count(&self, db: &Db, scope: &Scope<'_>, up_to: i64) -> Result<i64, sqlx::Error> {
        let mut args = Args::default();
        let (_, search_scope) = scope.sql(&mut args);
        // `up_to` is ours, not a caller's: a literal.
        let sql = format!("SELECT COUNT(*) FROM ({} LIMIT {up_to}) m", self.matches(&search_scope, &mut args));
        args.query_scalar::<i64>(&sql).fetch_one(db).await
    }

    /// `FROM …` and `WHERE …` of the plan's query, bound into `args`: the
    /// leading filter's matches joined to their users (CROSS JOIN keeps that
    /// order on SQLite; PostgreSQL plans the join itself), every other
    /// filter tested per user.
    fn clauses(&self, scope: &Scope<'_>, plan: Plan, args: &mut Args) -> (String, String) {
        let (mut filter, search_scope) = scope.sql(args);
        let q = self.query;
        // Parent users are few: only a search may lead there.
        let (lead, from) = match (plan, scope) {
            (Plan::From(Driver::Search), _) => {
                (Some(Driver::Search), format!("({}) h CROSS JOIN users", self.matches(&search_scope, args)))
            }
            (Plan::From(Driver::Role), Scope::Members(tenant)) => {
                let (tenant, role) = (args.bind(*tenant), args.bind(q.role.as_deref().unwrap_or_default()));
                let holders = format!("SELECT user_id FROM user_roles WHERE tenant_id = {tenant} AND role = {role}");
                (Some(Driver::Role), format!("({holders}) h CROSS JOIN users"))
            }
            (Plan::From(Driver::Status), Scope::Members(tenant)) => {
                let tenant = args.bind(*tenant);
                let status = args.bind(q.status.map_or("", UserStatus::as_str));
                let having =
                    format!("SELECT id AS user_id FROM users WHERE tenant_id = {tenant} AND status = {status}");
                (Some(Driver::Status), format!("({having}) h CROSS JOIN users"))
            }
            _ => (None, "users".to_owned()),
        };
        if lead.is_some() {
            filter.push_str(" AND users.id = h.user_id");
        }
        if lead != Some(Driver::Search) {
            for word in self.words {
                let range = range(word, args);
                filter.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM user_search s WHERE s.user_id = users.id AND {range})"
                ));
            }
        }
        if let Some(role) = &q.role {
            if lead != Some(Driver::Role) {
                let role = args.bind(role);
                filter.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id AND r.role = {role})"
                ));
            }
        }
        if let Some(status) = q.status {
            filter.push_str(&format!(" AND status = {}", args.bind(status.as_str())));
        }
        (from, filter)
    }

    /// How many users of the scope match, found as `plan` finds them,
    /// counting no further than `up_to`.
    async fn count(&self, db: &Db, scope: &Scope<'_>, plan: Plan, up_to: i64) -> Result<i64, sqlx::Error> {
        let mut args = Args::default();
        let (from, filter) = self.clauses(scope, plan, &mut args);
        // `up_to` is ours, not a caller's: a literal.
        let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM {from} WHERE {filter} LIMIT {up_to}) c");
        args.query_scalar::<i64>(&sql).fetch_one(db).await
    }

    /// The first `limit + 1` rows after the cursor.
    async fn rows(&self, db: &Db, scope: &Scope<'_>, plan: Plan) -> Result<Vec<Listed>, sqlx::Error> {
        let mut args = Args::default();
        let sql = self.rows_sql(scope, plan, &mut args);
        args.query_as::<Listed>(&sql).fetch_all(db).await
    }

    fn rows_sql(&self, scope: &Scope<'_>, plan: Plan, args: &mut Args) -> String {
        let (from, mut filter) = self.clauses(scope, plan, args);
        let sort = self.query.sort;
        let (column, cmp, dir) =
            (sort.column(), if sort.descending { "<" } else { ">" }, if sort.descending { "DESC" } else { "ASC" });
        if let Some([value, id]) = self.after {
            let (a, b) = (args.bind(value), args.bind(id));
            filter.push_str(&format!(" AND ({column} {cmp} {a} OR ({column} = {a} AND id {cmp} {b}))"));
        }
        // The limit is our own clamped integer, not client text.
        format!(
            "SELECT {COLUMNS}, {ATTACHMENTS} FROM {from} WHERE {filter} ORDER BY {column} {dir}, id {dir} LIMIT {}",
            self.query.limit + 1
        )
    }
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

    /// SQLite's plan of each query shape the list runs, on a database without
    /// statistics (as deployed ones are): `(query string, plan, steps)`.
    async fn plans(cases: &[(&str, Plan)]) -> Vec<(String, Plan, Vec<String>)> {
        let dir = tempfile::tempdir().unwrap();
        let db =
            crate::store::connect(&format!("sqlite://{}?mode=rwc", dir.path().join("p.db").display())).await.unwrap();
        let tenant = TenantId::from("t1");
        let mut out = Vec::new();
        for (query, plan) in cases {
            let params: std::collections::HashMap<String, String> = query
                .split('&')
                .map(|p| p.split_once('=').unwrap_or((p, "")))
                .map(|(k, v)| (k.to_owned(), v.replace('+', " ")))
                .collect();
            let list = ListQuery {
                tenant_id: tenant.clone(),
                q: params.get("q").cloned(),
                role: params.get("role").cloned(),
                status: params.get("status").and_then(|s| UserStatus::parse(s)),
                sort: params.get("sort").and_then(|s| Sort::parse(s)).unwrap_or_default(),
                limit: 50,
                cursor: None,
            };
            let words = list.q.as_deref().map(search::search_words).unwrap_or_default();
            let after = params.contains_key("cursor").then(|| ["v".to_owned(), "id".to_owned()]);
            let request = Request { query: &list, words: &words, after: after.as_ref() };
            let mut args = Args::default();
            let sql = request.rows_sql(&Scope::Members(&tenant), *plan, &mut args);
            let steps: Vec<String> = args
                .query_as::<(i64, i64, i64, String)>(&format!("EXPLAIN QUERY PLAN {sql}"))
                .fetch_all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|(.., step)| step)
                .collect();
            out.push((query.to_string(), *plan, steps));
        }
        out
    }

    #[tokio::test]
    async fn every_page_is_read_through_an_index_as_its_plan_says() {
        let walked = [
            "sort=name",
            "sort=-email&cursor",
            "sort=createdAt&status=active",
            "role=customer.user&sort=name",
            "q=ada+novak&role=customer.user&status=active&sort=email",
        ];
        let led = [
            ("role=user.admin&status=active&sort=name", Driver::Role, "user_roles_tenant"),
            ("status=blocked&sort=-createdAt", Driver::Status, "users_tenant_status"),
            ("q=novak&sort=email", Driver::Search, "user_search"),
            ("q=ada+novak&role=customer.user&sort=name&cursor", Driver::Search, "user_search"),
        ];
        let mut cases: Vec<(&str, Plan)> = walked.iter().map(|q| (*q, Plan::Walk)).collect();
        cases.extend(led.iter().map(|(q, driver, _)| (*q, Plan::From(*driver))));
        for (query, plan, steps) in plans(&cases).await {
            let text = steps.join("\n");
            // Every table is searched by an index, never scanned.
            assert!(
                !steps.iter().any(|s| s.starts_with("SCAN users") || s.starts_with("SCAN user_")),
                "{query}: {text}"
            );
            match plan {
                // Walking follows the order's index: no sort.
                Plan::Walk => {
                    assert!(steps[0].starts_with("SEARCH users USING"), "{query}: {text}");
                    assert!(!text.contains("TEMP B-TREE FOR ORDER BY"), "{query}: {text}");
                }
                // Led by the filter's own index, the users found by their key.
                Plan::From(driver) => {
                    let index = led.iter().find(|(_, d, _)| *d == driver).map(|(.., i)| *i).unwrap();
                    assert!(text.contains(index), "{query}: {text}");
                    assert!(
                        text.contains("SEARCH users USING INDEX sqlite_autoindex_users_1 (id=?)"),
                        "{query}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_cursor_of_one_order_is_refused_in_another() {
        let by_name = Sort::default();
        let c = cursor::encode(&by_name.tag(), &["ann", "u1"]);
        assert!(cursor::decode::<2>(&c, &by_name.tag()).is_ok());
        assert!(cursor::decode::<2>(&c, &Sort::parse("-name").unwrap().tag()).is_err());
    }
}
