//! `RoleSet`: a set of catalogue roles as a bit mask, and the precomputed
//! prerequisite closures the rules use.

use std::{collections::HashMap, sync::OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{RoleDef, CATALOGUE};

const _: () = assert!(CATALOGUE.len() <= 64, "RoleSet is a u64 bit set");

/// Derived once from the catalogue: pure data, no I/O.
pub(super) struct Index {
    by_key: HashMap<&'static str, usize>,
    /// Per role: the roles it requires, transitively (stand-ins not applied).
    pub closure: Vec<u64>,
    /// Per role: the roles that meet a prerequisite naming it (itself and its stand-ins).
    pub met_by: Vec<u64>,
    /// Per role: the members of its exclusive group (0 when it has none).
    pub group: Vec<u64>,
    /// Each exclusive group's members.
    pub groups: Vec<u64>,
    pub licensed: u64,
    pub read_only: u64,
}

pub(super) fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let by_key: HashMap<&'static str, usize> = CATALOGUE.iter().enumerate().map(|(i, r)| (r.key, i)).collect();
        let bit = |key: &str| 1u64 << by_key[key];
        let direct: Vec<u64> = CATALOGUE.iter().map(|r| r.requires.iter().fold(0, |m, k| m | bit(k))).collect();
        let closure = (0..CATALOGUE.len())
            .map(|i| {
                let mut m = direct[i];
                loop {
                    let next = bits(m).fold(m, |acc, j| acc | direct[j]);
                    if next == m {
                        break m;
                    }
                    m = next;
                }
            })
            .collect();
        let met_by = CATALOGUE
            .iter()
            .enumerate()
            .map(|(i, r)| {
                CATALOGUE
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.stands_in_for == Some(r.key))
                    .fold(1u64 << i, |m, (j, _)| m | 1 << j)
            })
            .collect();
        let mask = |f: fn(&RoleDef) -> bool| {
            CATALOGUE.iter().enumerate().filter(|(_, r)| f(r)).fold(0, |m, (i, _)| m | 1 << i)
        };
        let group: Vec<u64> = CATALOGUE
            .iter()
            .map(|r| {
                let members = CATALOGUE
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.exclusive_group.is_some() && s.exclusive_group == r.exclusive_group);
                members.fold(0, |m, (j, _)| m | 1 << j)
            })
            .collect();
        let mut groups: Vec<u64> = group.iter().copied().filter(|&g| g != 0).collect();
        groups.sort_unstable();
        groups.dedup();
        Index {
            by_key,
            closure,
            met_by,
            group,
            groups,
            licensed: mask(|r| r.licensed),
            read_only: mask(|r| r.read_only),
        }
    })
}

pub(super) fn index_of(key: &str) -> Option<usize> {
    index().by_key.get(key).copied()
}

/// The indices of the set bits, lowest first.
pub(super) fn bits(mut m: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let i = m.trailing_zeros() as usize;
            m &= m - 1;
            i
        })
    })
}

/// A set of catalogue roles. Serialises as a list of keys in catalogue order.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RoleSet(pub(super) u64);

impl RoleSet {
    /// Whether these roles grant `key`: held, met by a stand-in, or (rule 2)
    /// a higher level of the same group is held.
    pub fn grants(&self, key: &str) -> bool {
        self.0 & Self::granting(key).0 != 0
    }

    /// The roles any one of which grants `key` (empty for an unknown key).
    pub fn granting(key: &str) -> Self {
        let Some(i) = index_of(key) else { return Self::EMPTY };
        let ix = index();
        let role = &CATALOGUE[i];
        let higher = bits(ix.group[i]).filter(|&j| role.level.is_some() && CATALOGUE[j].level >= role.level);
        Self(higher.fold(ix.met_by[i], |m, j| m | 1 << j))
    }

    pub const EMPTY: Self = Self(0);

    /// The known roles among `keys`, and the keys that name no role.
    pub fn parse<'a, I: IntoIterator<Item = &'a str>>(keys: I) -> (Self, Vec<String>) {
        let mut set = Self::EMPTY;
        let mut unknown = Vec::new();
        for key in keys {
            match index_of(key) {
                Some(i) => set.0 |= 1 << i,
                None => unknown.push(key.to_owned()),
            }
        }
        (set, unknown)
    }

    /// For roles known to be in the catalogue (e.g. the `keys` constants).
    pub fn of(keys: &[&str]) -> Self {
        let (set, unknown) = Self::parse(keys.iter().copied());
        debug_assert!(unknown.is_empty(), "unknown roles {unknown:?}");
        set
    }

    pub fn contains(&self, key: &str) -> bool {
        index_of(key).is_some_and(|i| self.0 & (1 << i) != 0)
    }

    pub fn insert(&mut self, key: &str) -> bool {
        let before = self.0;
        if let Some(i) = index_of(key) {
            self.0 |= 1 << i;
        }
        before != self.0
    }

    pub fn remove(&mut self, key: &str) -> bool {
        let before = self.0;
        if let Some(i) = index_of(key) {
            self.0 &= !(1 << i);
        }
        before != self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub fn difference(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    pub fn intersection(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// The roles, in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = &'static RoleDef> {
        bits(self.0).map(|i| &CATALOGUE[i])
    }

    pub fn keys(&self) -> Vec<&'static str> {
        self.iter().map(|r| r.key).collect()
    }

    pub fn to_strings(&self) -> Vec<String> {
        self.iter().map(|r| r.key.to_owned()).collect()
    }

    pub fn licensed(self) -> Self {
        Self(self.0 & index().licensed)
    }

    pub fn read_only(self) -> Self {
        Self(self.0 & index().read_only)
    }
}

impl std::fmt::Debug for RoleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.keys()).finish()
    }
}

impl FromIterator<&'static RoleDef> for RoleSet {
    fn from_iter<I: IntoIterator<Item = &'static RoleDef>>(iter: I) -> Self {
        Self::parse(iter.into_iter().map(|r| r.key)).0
    }
}

impl Serialize for RoleSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.keys())
    }
}

impl<'de> Deserialize<'de> for RoleSet {
    /// Strict: an unknown key is an error (validation reports it as data).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let keys = Vec::<String>::deserialize(d)?;
        let (set, unknown) = Self::parse(keys.iter().map(String::as_str));
        match unknown.first() {
            None => Ok(set),
            Some(key) => Err(serde::de::Error::custom(format!("unknown role {key:?}"))),
        }
    }
}
