//! Failed sign-ins, counted per e-mail (whether or not such an account
//! exists, so that a lock tells nothing) from each client address, per
//! e-mail from all addresses together (a higher ceiling), and per client
//! address; failed activations per address. Past a limit, attempts are
//! refused until the window ends. Someone failing from one address locks
//! the account there only, not its owner signing in elsewhere; only the
//! ceiling, reached from many addresses, slows everyone.
//!
//! An attempt is counted as a failure when it starts, under the same lock as
//! the check, and taken back if it succeeds: a burst of concurrent guesses
//! cannot all pass the check before the first failure is recorded.
//!
//! On PostgreSQL the windows are kept in the database
//! (`store::throttle`), so every instance counts against one limit; on
//! SQLite, which one instance serves, in memory. The memory's map is bounded: past `MAX_KEYS` the expired windows go, then the
//! oldest, so a flood of made-up e-mails and addresses cannot grow it
//! without end (at worst it forgets the oldest counts).
//! Hand-written because it is a map and a clock; the rate-limiting crates
//! count requests, not failures, and know nothing of accounts.

use std::{
    collections::HashMap,
    net::{IpAddr, Ipv6Addr},
    sync::{
        atomic::{AtomicU64, Ordering},
        Mutex,
    },
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use crate::store::{self, Db};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures for one account from one address.
pub const PER_ACCOUNT: u32 = 5;
/// Failures for one account from every address together.
pub const ACCOUNT_CEILING: u32 = 50;
pub const PER_ADDRESS: u32 = 20;
/// Password-reset requests from one address: each counts, as each may send mail.
pub const RESETS_PER_ADDRESS: u32 = 10;
/// Reset e-mails to one account, whoever asks.
pub const RESETS_PER_ACCOUNT: u32 = 3;
/// The most windows kept; pruning takes the map down to three quarters of it.
const MAX_KEYS: usize = 100_000;

#[derive(Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

/// Where the windows are kept.
enum Windows {
    Memory(Mutex<HashMap<String, Window>>),
    Shared { db: Db, attempts: AtomicU64 },
}

pub struct Throttle {
    windows: Windows,
}

impl Default for Throttle {
    fn default() -> Self {
        Self { windows: Windows::Memory(Mutex::default()) }
    }
}

/// Why an attempt may not start.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Past a limit: come back after this.
    #[error("too many failed attempts")]
    Locked(Duration),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// How often, in attempts, the shared windows are swept of expired ones.
const SWEEP_EVERY: u64 = 1_000;

/// An account by a digest of its e-mail: what is kept (in the database,
/// on PostgreSQL) holds no address, and nothing a login could put in it.
fn account_key(email_key: &str) -> String {
    format!("account:{}", super::tokens::token_hash(email_key))
}

fn account_from_key(email_key: &str, ip: IpAddr) -> String {
    format!("{}:from:{}", account_key(email_key), address(ip))
}

/// An IPv6 client is counted by its /64 (one subscriber's prefix: any of its
/// addresses is theirs to use).
pub(crate) fn address(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
        v4 => v4,
    }
}

fn address_key(ip: IpAddr) -> String {
    format!("address:{}", address(ip))
}

fn reset_address_key(ip: IpAddr) -> String {
    format!("reset:{}", address(ip))
}

fn reset_account_key(email_key: &str) -> String {
    format!("reset:{}", account_key(email_key))
}

fn activation_key(ip: IpAddr) -> String {
    format!("activation:{}", address(ip))
}

/// An attempt under way, already counted as a failure: dropped, it stays
/// one; `undo` takes it back.
#[must_use]
pub struct Attempt<'a> {
    throttle: &'a Throttle,
    keys: Vec<String>,
}

impl Attempt<'_> {
    /// The attempt did not fail (it succeeded, or never got to try). Should
    /// the database not answer, the failure stays counted: the safe side.
    pub async fn undo(self) {
        match &self.throttle.windows {
            Windows::Memory(windows) => {
                let mut windows = lock(windows);
                for key in &self.keys {
                    if let Some(w) = windows.get_mut(key) {
                        w.failures = w.failures.saturating_sub(1);
                    }
                }
            }
            Windows::Shared { db, .. } => {
                if let Err(e) = store::throttle::give_back(db, &self.keys).await {
                    tracing::warn!(error = %e, "could not take a throttled attempt back");
                }
            }
        }
    }
}

impl Throttle {
    /// Windows kept in the database, shared by every instance on it.
    pub fn shared(db: Db) -> Self {
        Self { windows: Windows::Shared { db, attempts: AtomicU64::new(0) } }
    }

    /// Starts an attempt counted against each `(key, limit)`, or says how
    /// long to wait when one of them is spent.
    async fn begin<const N: usize>(&self, limits: [(String, u32); N], now: Instant) -> Result<Attempt<'_>, Refused> {
        let keys = match &self.windows {
            Windows::Memory(windows) => begin_in(&mut lock(windows), limits, now).map_err(Refused::Locked)?,
            Windows::Shared { db, attempts } => {
                let now_ms = unix_ms(now);
                let expired_ms = now_ms - WINDOW.as_millis() as i64;
                if attempts.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == 0 {
                    store::throttle::forget_expired(db, expired_ms).await?;
                }
                if let Err(started_ms) = store::throttle::take(db, &limits, now_ms, expired_ms).await? {
                    let ends_in = started_ms + WINDOW.as_millis() as i64 - now_ms;
                    return Err(Refused::Locked(Duration::from_millis(ends_in.max(0) as u64)));
                }
                limits.into_iter().map(|(key, _)| key).collect()
            }
        };
        Ok(Attempt { throttle: self, keys })
    }

    /// A sign-in attempt for this account from this address.
    pub async fn sign_in(&self, email_key: &str, ip: IpAddr, now: Instant) -> Result<Attempt<'_>, Refused> {
        let limits = [
            (account_from_key(email_key, ip), PER_ACCOUNT),
            (account_key(email_key), ACCOUNT_CEILING),
            (address_key(ip), PER_ADDRESS),
        ];
        self.begin(limits, now).await
    }

    /// An activation attempt from this address (its token is what is guessed).
    pub async fn activation(&self, ip: IpAddr, now: Instant) -> Result<Attempt<'_>, Refused> {
        self.begin([(activation_key(ip), PER_ADDRESS), (address_key(ip), PER_ADDRESS)], now).await
    }

    /// A password-reset request from this address; every one counts.
    pub async fn reset_request(&self, ip: IpAddr, now: Instant) -> Result<(), Refused> {
        self.begin([(reset_address_key(ip), RESETS_PER_ADDRESS)], now).await.map(drop)
    }

    /// A reset e-mail to this account; every one counts.
    pub async fn reset_mail(&self, email_key: &str, now: Instant) -> Result<(), Refused> {
        self.begin([(reset_account_key(email_key), RESETS_PER_ACCOUNT)], now).await.map(drop)
    }

    /// A successful sign-in clears the account's failures from that address
    /// (not the ceiling's, nor the address's).
    pub async fn clear_account(&self, email_key: &str, ip: IpAddr) -> Result<(), sqlx::Error> {
        let key = account_from_key(email_key, ip);
        match &self.windows {
            Windows::Memory(windows) => {
                lock(windows).remove(&key);
                Ok(())
            }
            Windows::Shared { db, .. } => store::throttle::clear(db, &key).await,
        }
    }
}

fn lock(windows: &Mutex<HashMap<String, Window>>) -> std::sync::MutexGuard<'_, HashMap<String, Window>> {
    windows.lock().unwrap_or_else(|e| e.into_inner())
}

/// Counts an attempt in the memory's windows: the keys counted, or how long
/// to wait.
fn begin_in<const N: usize>(
    windows: &mut HashMap<String, Window>,
    limits: [(String, u32); N],
    now: Instant,
) -> Result<Vec<String>, Duration> {
    if windows.len() >= MAX_KEYS {
        prune(windows, now);
    }
    let wait = limits
        .iter()
        .filter_map(|(key, limit)| windows.get(key).map(|w| (w, *limit)))
        .filter(|(w, limit)| w.failures >= *limit && now < w.started + WINDOW)
        .map(|(w, _)| w.started + WINDOW - now)
        .max();
    if let Some(wait) = wait {
        return Err(wait);
    }
    let mut keys = Vec::with_capacity(limits.len());
    for (key, _) in limits {
        let w = windows.entry(key.clone()).or_insert(Window { started: now, failures: 0 });
        if now >= w.started + WINDOW {
            *w = Window { started: now, failures: 0 };
        }
        w.failures += 1;
        keys.push(key);
    }
    Ok(keys)
}

/// `at` on the wall clock, in milliseconds since 1970 (shared windows are
/// compared across instances).
fn unix_ms(at: Instant) -> i64 {
    let (wall, mono) = (SystemTime::now(), Instant::now());
    let at = if at >= mono { wall + (at - mono) } else { wall - (mono - at) };
    at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// Drops the expired windows and, if that is not enough, the oldest ones,
/// down to three quarters of `MAX_KEYS`: one pass for every quarter of the
/// map's worth of new keys.
fn prune(windows: &mut HashMap<String, Window>, now: Instant) {
    windows.retain(|_, w| now < w.started + WINDOW);
    let keep = MAX_KEYS / 4 * 3;
    if windows.len() > keep {
        let mut started: Vec<Instant> = windows.values().map(|w| w.started).collect();
        let cut = started.len() - keep;
        let (_, oldest_kept, _) = started.select_nth_unstable(cut);
        let oldest_kept = *oldest_kept;
        windows.retain(|_, w| w.started >= oldest_kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    impl Throttle {
        fn memory(&self) -> std::sync::MutexGuard<'_, HashMap<String, Window>> {
            let Windows::Memory(windows) = &self.windows else { panic!("a memory throttle") };
            lock(windows)
        }
    }

    async fn fail(t: &Throttle, email: &str, ip: IpAddr, now: Instant) {
        drop(t.sign_in(email, ip, now).await.expect("not locked yet"));
    }

    #[tokio::test]
    async fn an_account_locks_after_its_limit_until_the_window_ends() {
        let t = Throttle::default();
        let start = Instant::now();
        for _ in 0..PER_ACCOUNT {
            fail(&t, "a@x.example", IP, start).await;
        }
        let wait = t.sign_in("a@x.example", IP, start + Duration::from_secs(60)).await.err().unwrap();
        assert!(matches!(wait, Refused::Locked(w) if w == WINDOW - Duration::from_secs(60)), "{wait:?}");
        assert!(t.sign_in("b@x.example", IP, start).await.is_ok(), "other accounts are not locked");
        assert!(t.sign_in("a@x.example", IP, start + WINDOW).await.is_ok());
    }

    #[tokio::test]
    async fn attempts_in_flight_count_before_they_finish() {
        let t = Throttle::default();
        let now = Instant::now();
        let mut started = Vec::new();
        for _ in 0..50 {
            started.extend(t.sign_in("a@x.example", IP, now).await.ok());
        }
        assert_eq!(started.len(), PER_ACCOUNT as usize);
        drop(started);
        assert!(t.sign_in("a@x.example", IP, now).await.is_err());
    }

    #[tokio::test]
    async fn an_address_locks_after_its_limit_across_accounts() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            fail(&t, &format!("user{i}@x.example"), IP, now).await;
        }
        assert!(t.sign_in("fresh@x.example", IP, now).await.is_err());
        let other: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(t.sign_in("fresh@x.example", other, now).await.is_ok());
    }

    #[tokio::test]
    async fn an_ipv6_client_is_counted_by_its_64() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            let ip: IpAddr = format!("2001:db8:1:2::{:x}", i + 1).parse().unwrap();
            fail(&t, &format!("user{i}@x.example"), ip, now).await;
        }
        let same_64: IpAddr = "2001:db8:1:2:ffff::1".parse().unwrap();
        let next_64: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(t.sign_in("fresh@x.example", same_64, now).await.is_err());
        assert!(t.sign_in("fresh@x.example", next_64, now).await.is_ok());
    }

    #[tokio::test]
    async fn success_is_not_a_failure_and_clears_the_account() {
        let t = Throttle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT - 1 {
            fail(&t, "a@x.example", IP, now).await;
        }
        t.sign_in("a@x.example", IP, now).await.unwrap().undo().await;
        t.clear_account("a@x.example", IP).await.unwrap();
        for _ in 0..PER_ACCOUNT - 1 {
            fail(&t, "a@x.example", IP, now).await;
        }
        assert!(t.sign_in("a@x.example", IP, now).await.is_ok());
        // Many good sign-ins from one office do not lock its address.
        for i in 0..2 * PER_ADDRESS {
            t.sign_in(&format!("user{i}@x.example"), IP, now).await.unwrap().undo().await;
        }
        assert!(t.sign_in("fresh@x.example", IP, now).await.is_ok());
    }

    #[tokio::test]
    async fn failing_from_one_address_does_not_lock_the_owner_out_elsewhere() {
        let t = Throttle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT {
            fail(&t, "owner@x.example", IP, now).await;
        }
        assert!(t.sign_in("owner@x.example", IP, now).await.is_err(), "locked where the failures came from");
        let office: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(t.sign_in("owner@x.example", office, now).await.is_ok(), "the owner signs in from their own address");
    }

    #[tokio::test]
    async fn the_ceiling_slows_an_account_failing_from_many_addresses() {
        let t = Throttle::default();
        let start = Instant::now();
        for i in 0..ACCOUNT_CEILING {
            let ip: IpAddr = format!("198.51.100.{}", i + 1).parse().unwrap();
            fail(&t, "target@x.example", ip, start).await;
        }
        let fresh: IpAddr = "203.0.113.9".parse().unwrap();
        let wait = t.sign_in("target@x.example", fresh, start + Duration::from_secs(1)).await.err().unwrap();
        assert!(
            matches!(wait, Refused::Locked(w) if w == WINDOW - Duration::from_secs(1)),
            "Retry-After says how long"
        );
        assert!(t.sign_in("other@x.example", fresh, start).await.is_ok());
    }

    #[tokio::test]
    async fn made_up_accounts_and_addresses_cannot_grow_the_map_without_end() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..(MAX_KEYS as u32) {
            let ip = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            drop(t.sign_in(&format!("nobody{i}@x.example"), ip, now + Duration::from_micros(u64::from(i))).await);
        }
        assert!(t.memory().len() <= MAX_KEYS, "{}", t.memory().len());
        // What was pruned are the oldest windows: the newest attempt still counts.
        let last = IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + MAX_KEYS as u32 - 1));
        let later = now + Duration::from_secs(1);
        assert_eq!(t.memory().get(&address_key(last)).map(|w| w.failures), Some(1));
        assert!(t.sign_in("nobody@x.example", last, later).await.is_ok());
    }

    #[tokio::test]
    async fn failed_activations_lock_the_address() {
        let t = Throttle::default();
        let now = Instant::now();
        for _ in 0..PER_ADDRESS {
            drop(t.activation(IP, now).await.unwrap());
        }
        assert!(t.activation(IP, now).await.is_err());
        assert!(t.activation("192.0.2.7".parse().unwrap(), now).await.is_ok());
    }
}
