//! Failed sign-ins, counted per e-mail (whether or not such an account
//! exists, so that a lock tells nothing) and per client address. Past a
//! limit, attempts are refused until the window ends.
//!
//! Kept in memory, per instance: several instances each allow the limit.
//! Hand-written because it is a map and a clock; the rate-limiting crates
//! count requests, not failures, and know nothing of accounts.

use std::{
    collections::HashMap,
    net::IpAddr,
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

fn address_key(ip: IpAddr) -> String {
    format!("address:{ip}")
}

impl Throttle {
    /// How long the caller must wait before trying again, if at all.
    pub fn retry_after(&self, email_key: &str, ip: IpAddr, now: Instant) -> Option<Duration> {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        [(account_key(email_key), PER_ACCOUNT), (address_key(ip), PER_ADDRESS)]
            .iter()
            .filter_map(|(key, limit)| windows.get(key).map(|w| (w, *limit)))
            .filter(|(w, limit)| w.failures >= *limit && now < w.started + WINDOW)
            .map(|(w, _)| w.started + WINDOW - now)
            .max()
    }

    pub fn failed(&self, email_key: &str, ip: IpAddr, now: Instant) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= PRUNE_AT {
            windows.retain(|_, w| now < w.started + WINDOW);
        }
        for key in [account_key(email_key), address_key(ip)] {
            let w = windows.entry(key).or_insert(Window { started: now, failures: 0 });
            if now >= w.started + WINDOW {
                *w = Window { started: now, failures: 0 };
            }
            w.failures += 1;
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn succeeded(&self, email_key: &str) {
        self.windows.lock().unwrap_or_else(|e| e.into_inner()).remove(&account_key(email_key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn an_account_locks_after_its_limit_until_the_window_ends() {
        let t = Throttle::default();
        let start = Instant::now();
        for _ in 0..PER_ACCOUNT {
            assert_eq!(t.retry_after("a@x.example", IP, start), None);
            t.failed("a@x.example", IP, start);
        }
        let wait = t.retry_after("a@x.example", IP, start + Duration::from_secs(60)).unwrap();
        assert_eq!(wait, WINDOW - Duration::from_secs(60));
        assert_eq!(t.retry_after("b@x.example", IP, start), None, "other accounts are not locked");
        assert_eq!(t.retry_after("a@x.example", IP, start + WINDOW), None);
    }

    #[test]
    fn an_address_locks_after_its_limit_across_accounts() {
        let t = Throttle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            t.failed(&format!("user{i}@x.example"), IP, now);
        }
        assert!(t.retry_after("fresh@x.example", IP, now).is_some());
        let other: IpAddr = "192.0.2.7".parse().unwrap();
        assert!(t.retry_after("fresh@x.example", other, now).is_none());
    }

    #[test]
    fn success_clears_the_account() {
        let t = Throttle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT - 1 {
            t.failed("a@x.example", IP, now);
        }
        t.succeeded("a@x.example");
        t.failed("a@x.example", IP, now);
        assert_eq!(t.retry_after("a@x.example", IP, now), None);
    }
}
