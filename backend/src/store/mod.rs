//! All SQL: the pool and migrations, the tenant write turn, and one module
//! per table family. Rows decode here into typed values; nothing above this
//! module writes a statement.

pub mod api_keys;
pub mod audit;
mod columns;
pub mod cursor;
pub mod customers;
pub mod devices;
pub mod mfa;
pub mod outbox;
pub mod passkeys;
pub mod password_links;
pub mod pool;
pub mod search;
pub mod seed;
pub mod sessions;
pub mod signing_keys;
mod sql;
pub mod tenants;
pub mod throttle;
pub mod users;
mod write_turn;

use std::sync::Arc;
use switchboard_shared::TenantId;

pub use pool::{connect, connect_unmigrated, Db, Dialect};
pub use write_turn::{TenantTx, Writes};

/// The store's own refusals; everything else is the database's error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// A page cursor this store did not hand out, or one for another order.
    #[error("invalid cursor")]
    InvalidCursor,
}

/// The database and the queue of its tenant writes.
#[derive(Clone)]
pub struct Store {
    db: Db,
    writes: Arc<Writes>,
}

impl Store {
    pub fn new(db: Db, dialect: Dialect) -> Self {
        Self { db, writes: Arc::new(Writes::new(dialect)) }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Opens a write in the tenant: see `Writes::tenant`.
    pub async fn tenant_write(&self, tenant_id: &TenantId) -> Result<TenantTx, sqlx::Error> {
        self.writes.tenant(&self.db, tenant_id).await
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.db).await.map(drop)
    }
}

/// A `LIKE … ESCAPE '\\'` pattern matching `q` anywhere, case-folded, with
/// the wildcards in `q` taken literally.
/// A new id: a time-ordered UUID (v7), so ids sort by creation.
pub fn new_id<T: From<String>>() -> T {
    uuid::Uuid::now_v7().simple().to_string().into()
}

pub(crate) fn like_pattern(q: &str) -> String {
    let escaped = q.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Two lists, each already in order, as one. Each keeps the order the
/// database gave it (its collation may differ from byte order); `cmp` only
/// decides between the heads of the two.
pub(crate) fn merge<T>(a: Vec<T>, b: Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => cmp(x, y).is_le(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return out,
        };
        out.extend(if take_a { a.next() } else { b.next() });
    }
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn merge_keeps_each_list_in_its_own_order() {
        let by_value = |a: &i32, b: &i32| a.cmp(b);
        assert_eq!(merge(vec![1, 4, 9], vec![2, 3, 10], by_value), [1, 2, 3, 4, 9, 10]);
        assert_eq!(merge(vec![5, 1], vec![3], by_value), [3, 5, 1]);
        assert_eq!(merge(Vec::new(), vec![7], by_value), [7]);
    }

    #[test]
    fn like_wildcards_in_the_search_are_literal() {
        assert_eq!(super::like_pattern("50%_A\\"), "%50\\%\\_a\\\\%");
    }
}
