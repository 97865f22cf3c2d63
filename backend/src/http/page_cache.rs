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

impl Weighter<Key, Bytes> for BodySize {
    fn weight(&self, _key: &Key, body: &Bytes) -> u64 {
        body.len() as u64 + 256
    }
}

pub struct PageCache(Cache<Key, Bytes, BodySize>);

impl Default for PageCache {
    fn default() -> Self {
        Self(Cache::with_weighter(ESTIMATED_PAGES, CAPACITY_BYTES, BodySize))
    }
}

impl PageCache {
    pub fn get(&self, key: &Key) -> Option<Bytes> {
        self.0.get(key)
    }

    pub fn insert(&self, key: Key, body: Bytes) {
        self.0.insert(key, body);
    }
}
