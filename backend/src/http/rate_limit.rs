//! Requests per second: every signed-in caller (a person, or a service user
//! through its API keys) has a token bucket, and so has every address for
//! the routes that need no credentials, so that no one caller can take the
//! server's capacity from the others. Separate from the sign-in and
//! activation throttles, which count failures over minutes.

use std::{net::IpAddr, num::NonZeroU32, time::Duration};

use governor::{
    clock::{Clock, DefaultClock},
    DefaultKeyedRateLimiter, Quota, RateLimiter,
};
use switchboard_shared::UserId;

use crate::auth::throttle;

/// Whose bucket a request takes from.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub enum Bucket {
    Caller(UserId),
    /// An IPv6 client by its /64, like the throttles.
    Address(IpAddr),
}

/// `SWITCHBOARD_RATE_LIMIT` requests per second per bucket, with bursts of
/// twice that; none when the limit is 0.
pub struct RateLimits {
    buckets: Option<DefaultKeyedRateLimiter<Bucket>>,
}

impl RateLimits {
    pub fn new(per_second: u32) -> Self {
        let buckets = NonZeroU32::new(per_second).map(|rate| {
            let burst = rate.saturating_mul(NonZeroU32::MIN.saturating_add(1));
            RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst))
        });
        Self { buckets }
    }

    /// Takes one request from the bucket; when it is empty, how long until
    /// it holds one again.
    pub fn take(&self, bucket: Bucket) -> Result<(), Duration> {
        let Some(buckets) = &self.buckets else { return Ok(()) };
        let bucket = match bucket {
            Bucket::Address(ip) => Bucket::Address(throttle::address(ip)),
            caller => caller,
        };
        buckets.check_key(&bucket).map_err(|empty| empty.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets the buckets that have filled up again (callers gone quiet), so
    /// that the map holds only recent callers however many come and go.
    pub fn forget_idle(&self) {
        if let Some(buckets) = &self.buckets {
            buckets.retain_recent();
            buckets.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_holds_twice_the_rate_then_says_how_long_to_wait() {
        let limits = RateLimits::new(5);
        let me = Bucket::Caller(UserId::from("u-1"));
        for _ in 0..10 {
            assert!(limits.take(me.clone()).is_ok());
        }
        let wait = limits.take(me).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_millis(200), "{wait:?}");
        // Another caller has a bucket of their own.
        assert!(limits.take(Bucket::Caller(UserId::from("u-2"))).is_ok());
    }

    #[test]
    fn an_ipv6_client_shares_one_bucket_for_its_64() {
        let limits = RateLimits::new(1);
        assert!(limits.take(Bucket::Address("2001:db8:1:2::1".parse().unwrap())).is_ok());
        assert!(limits.take(Bucket::Address("2001:db8:1:2::ffff".parse().unwrap())).is_ok());
        assert!(limits.take(Bucket::Address("2001:db8:1:2:abcd::9".parse().unwrap())).is_err());
        assert!(limits.take(Bucket::Address("2001:db8:1:3::1".parse().unwrap())).is_ok());
    }

    #[test]
    fn a_limit_of_zero_takes_nothing() {
        let limits = RateLimits::new(0);
        for _ in 0..1000 {
            assert!(limits.take(Bucket::Address([127, 0, 0, 1].into())).is_ok());
        }
    }
}
