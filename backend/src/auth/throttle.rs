//! Failed sign-ins, counted per e-mail (whether or not such an account
//! exists, so that a lock tells nothing) and per client address, and failed
//! activations per address. Past a limit, attempts are refused until the
//! window ends.
//!
//! An attempt is counted as a failure when it starts, under the same lock as
//! the check, and taken back if it succeeds: a burst of concurrent guesses
//! cannot all pass the check before the first failure is recorded.
//!
//! Kept in memory, per instance: several instances each allow the limit.
//! Hand-written because it is a map and a clock; the rate-limiting crates
//! count requests, not failures, and know nothing of accounts.

use std::{
    collections::HashMap,
    net::{IpAddr, Ipv6Addr},
    sync::Mutex,
    time::{Duration, Instant},
};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_ACCOUNT: u32 = 5;
pub const PER_ADDRESS: u32 = 20;
/// Beyond this many tracked keys, expired ones are dropped.
const PRUNE_AT: usize = 10_000;

#[derive(Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

#[derive(Default)]
pub struct Throttle {
    windows: Mutex<HashMap<String, Window>>,
}

fn account_key(email_key: &str) -> String {
    format!("account:{email_key}")
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
    /// The attempt did not fail (it succeeded, or never got to try).
    pub fn undo(self) {
        let mut windows = self.throttle.lock();
        for key in &self.keys {
            if let Some(w) = windows.get_mut(key) {
                w.failures = w.failures.saturating_sub(1);
            }
        }
    }
}

impl Throttle {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Window>> {
        self.windows.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts an attempt counted against each `(key, limit)`, or says how
    /// long to wait when one of them is spent.
    fn begin(&self, limits: [(String, u32); 2], now: Instant) -> Result<Attempt<'_>, Duration> {
        let mut windows = self.lock();
        if windows.len() >= PRUNE_AT {
            windows.retain(|_, w| now < w.started + WINDOW);
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
        Ok(Attempt { throttle: self, keys })
    }

    /// A sign-in attempt for this account from this address.
    pub fn sign_in(&self, email_key: &str, ip: IpAddr, now: Instant) -> Result<Attempt<'_>, Duration> {
        self.begin([(account_key(email_key), PER_ACCOUNT), (address_key(ip), PER_ADDRESS)], now)
    }

    /// An activation attempt from this address (its token is what is guessed).
    pub fn activation(&self, ip: IpAddr, now: Instant) -> Result<Attempt<'_>, Duration> {
        self.begin([(activation_key(ip), PER_ADDRESS), (address_key(ip), PER_ADDRESS)], now)
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn clear_account(&self, email_key: &str) {
        self.lock().remove(&account_key(email_key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn fail(t: &Throttle, email: &str, ip: IpAddr, now: Instant) {
        drop(t.sign_in(email, ip, now).expect("not locked yet"));
    }

    #[test]
    fn an_account_locks_after_its_limit_until_the_window_ends() {
        let t = Throttle::default();
        let start = Instant::now();
        for _ in 0..PER_ACCOUNT {
            fail(&t, "a@x.example", IP, start);
        }
        let wait = t.sign_in("a@x.example", IP, start + Duration::from_secs(60)).err().unwrap();
        assert_eq!(wait, WINDOW - Duration::from_secs(60));
        assert!(t.sign_in("b@x.example", IP, start).is_ok(), "other accounts are not locked");
        assert!(t.sign_in("a@x.example", IP, start + WINDOW).is_ok());
    }

    #[test]
    fn attempts_in_flight_count_before_they_finish() {
        let t = Throttle::default();
        let now = Instant::now();
        let started: Vec<_> = (0..50).filter_map(|_| t.sign_in("a@x.example", IP, now).ok()).collect();
        assert_eq!(started.len(), PER_ACCOUNT as usize);
        drop(started);
        assert!(t.sign_in("a@x.example", IP, now).is_err());
    }

    #[test]
    fn an_address_locks_after_its_limit_across_accounts() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            fail(&t, &format!("user{i}@x.example"), IP, now);
        }
        assert!(t.sign_in("fresh@x.example", IP, now).is_err());
        let other: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(t.sign_in("fresh@x.example", other, now).is_ok());
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            let ip: IpAddr = format!("2001:db8:1:2::{:x}", i + 1).parse().unwrap();
            fail(&t, &format!("user{i}@x.example"), ip, now);
        }
        let same_64: IpAddr = "2001:db8:1:2:ffff::1".parse().unwrap();
        let next_64: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(t.sign_in("fresh@x.example", same_64, now).is_err());
        assert!(t.sign_in("fresh@x.example", next_64, now).is_ok());
    }

    #[test]
    fn success_is_not_a_failure_and_clears_the_account() {
        let t = Throttle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT - 1 {
            fail(&t, "a@x.example", IP, now);
        }
        t.sign_in("a@x.example", IP, now).unwrap().undo();
        t.clear_account("a@x.example");
        for _ in 0..PER_ACCOUNT - 1 {
            fail(&t, "a@x.example", IP, now);
        }
        assert!(t.sign_in("a@x.example", IP, now).is_ok());
        // Many good sign-ins from one office do not lock its address.
        for i in 0..2 * PER_ADDRESS {
            t.sign_in(&format!("user{i}@x.example"), IP, now).unwrap().undo();
        }
        assert!(t.sign_in("fresh@x.example", IP, now).is_ok());
    }

    #[test]
    fn failed_activations_lock_the_address() {
        let t = Throttle::default();
        let now = Instant::now();
        for _ in 0..PER_ADDRESS {
            drop(t.activation(IP, now).unwrap());
        }
        assert!(t.activation(IP, now).is_err());
        assert!(t.activation("192.0.2.7".parse().unwrap(), now).is_ok());
    }
}
