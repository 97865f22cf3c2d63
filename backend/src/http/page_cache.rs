//! Users pages as sent, kept in memory and keyed by the generations of the
//! tenant and of the tenants above it (whose staff the page lists as parent
//! users). Every write in a tenant bumps its generation in the write's
//! transaction (`db::Writes`), and every request reads the generations
//! afresh, so a cached page is served only while nothing it shows has
//! changed — on every instance that shares the database.

use axum::body::Bytes;
use quick_cache::{sync::Cache, Weighter};

use crate::domain::users::ListQuery;

/// At most this many bytes of JSON pages are kept; least used go first.
const CAPACITY_BYTES: u64 = 64 << 20;
/// A typical page of 50 users is about 16 KiB.
const ESTIMATED_PAGES: usize = (CAPACITY_BYTES / (16 << 10)) as usize;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// The tenant's, then its ancestors', nearest first.
    pub generations: Vec<i64>,
    pub query: ListQuery,
}

#[derive(Clone)]
struct BodySize;

/// An entry weighs its page and its key: a search's words and a cursor are
/// the client's to choose, so a long `q` costs what it takes.
impl Weighter<Key, Bytes> for BodySize {
    fn weight(&self, key: &Key, body: &Bytes) -> u64 {
        let q = &key.query;
        let texts = [
            q.tenant_id.as_str(),
            q.q.as_deref().unwrap_or(""),
            q.role.as_deref().unwrap_or(""),
            q.cursor.as_deref().unwrap_or(""),
        ];
        let key_bytes = texts.iter().map(|t| t.len()).sum::<usize>() + key.generations.len() * 8;
        (body.len() + key_bytes) as u64 + 256
    }
}

pub struct PageCache(Cache<Key, Bytes, BodySize>);

impl Default for PageCache {
    fn default() -> Self {
        Self::with_capacity(CAPACITY_BYTES)
    }
}

impl PageCache {
    fn with_capacity(bytes: u64) -> Self {
        Self(Cache::with_weighter(ESTIMATED_PAGES, bytes, BodySize))
    }

    pub fn get(&self, key: &Key) -> Option<Bytes> {
        self.0.get(key)
    }

    pub fn insert(&self, key: Key, body: Bytes) {
        self.0.insert(key, body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::users::Sort;

    fn key(q: String) -> Key {
        let query = ListQuery {
            tenant_id: "t".into(),
            q: Some(q),
            role: None,
            status: None,
            sort: Sort::default(),
            limit: 50,
            cursor: None,
        };
        Key { generations: vec![1], query }
    }

    #[test]
    fn long_searches_count_against_the_capacity() {
        let cache = PageCache::with_capacity(1 << 20);
        for n in 0..1_000 {
            cache.insert(key(format!("{n:05}{}", "x".repeat(10_000))), Bytes::from_static(b"{}"));
        }
        // 1,000 keys of 10 kB would be 10 MB: no more than a megabyte's worth stays.
        assert!(cache.0.len() <= 100, "{} entries kept", cache.0.len());
        assert!(cache.0.weight() <= 1 << 20);
    }
}
