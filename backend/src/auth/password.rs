//! Argon2id password hashes, as a bounded resource: each hash or check takes
//! 19 MiB and tens of milliseconds of a core, so at most a few run at once
//! (off the async runtime's workers), and a caller who cannot get a turn
//! soon is told to come back rather than queued without end. A check with
//! no hash to check (an unknown e-mail) queues for a turn like any other,
//! then waits as long as a check takes without spending the CPU, so that a
//! flood of made-up e-mails costs the server little and tells nothing.

use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, OnceLock,
    },
    time::{Duration, Instant},
};

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use rand::rngs::OsRng;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every turn stayed taken for the whole wait.
    #[error("every password hashing turn is taken")]
    Busy { retry_after_secs: u64 },
    /// The blocking task died, or Argon2 refused (neither happens with
    /// valid parameters).
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// How many hashes may run at once, and how long a caller waits for a turn.
#[derive(Debug, Clone, Copy)]
pub struct HashLimits {
    pub concurrency: usize,
    pub wait: Duration,
}

impl HashLimits {
    /// One hash per core, and a second's wait: several sign-ins' worth.
    pub fn sized_to_cores() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self { concurrency: cores, wait: Duration::from_secs(1) }
    }
}

/// The turns every hash and check takes one of.
#[derive(Debug)]
pub struct Hasher {
    turns: Arc<Semaphore>,
    wait: Duration,
    /// How long recent checks took, in microseconds (a moving average; 0
    /// until the first): what a check without a hash pretends to take.
    typical_check_us: AtomicU64,
}

impl Hasher {
    pub fn new(limits: HashLimits) -> Self {
        Self {
            turns: Arc::new(Semaphore::new(limits.concurrency)),
            wait: limits.wait,
            typical_check_us: AtomicU64::new(0),
        }
    }

    async fn turn(&self) -> Result<OwnedSemaphorePermit, HashError> {
        let busy = || HashError::Busy { retry_after_secs: self.wait.as_secs().max(1) };
        match tokio::time::timeout(self.wait, self.turns.clone().acquire_owned()).await {
            Ok(Ok(turn)) => Ok(turn),
            Ok(Err(_)) | Err(_) => Err(busy()),
        }
    }

    /// Runs `work` on a blocking thread holding a turn. The turn moves with
    /// the work, so a caller who goes away does not free it early.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let turn = self.turn().await?;
        tokio::task::spawn_blocking(move || {
            let result = work();
            drop(turn);
            result
        })
        .await
        .map_err(|e| HashError::Failed(e.to_string()))
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || hash_blocking(&password)).await?
    }

    /// Checks `password` against a stored hash. With no hash (unknown e-mail,
    /// or an account without a password) it fails after as long as a check
    /// takes, queued like one but without the work (the very first one
    /// checks a dummy hash, to learn how long that is).
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, HashError> {
        let typical = self.typical_check_us.load(Ordering::Relaxed);
        if stored.is_none() && typical > 0 {
            drop(self.turn().await?);
            tokio::time::sleep(Duration::from_micros(typical)).await;
            return Ok(false);
        }
        let checked = self
            .run(move || {
                let known = stored.is_some();
                let phc = stored.unwrap_or_else(|| dummy_hash().to_owned());
                let started = Instant::now();
                let ok = PasswordHash::new(&phc)
                    .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
                    .unwrap_or(false);
                (ok && known, started.elapsed())
            })
            .await;
        // The check itself, not the wait for a turn.
        let (ok, took) = checked?;
        let took = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        let average = if typical == 0 { took } else { (typical * 7 + took) / 8 };
        self.typical_check_us.store(average, Ordering::Relaxed);
        Ok(ok)
    }
}

/// OWASP's Argon2id minimum: 19 MiB, two passes, one lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError::Failed(e.to_string()))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("no account has this password").expect("hashing works"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hasher(concurrency: usize) -> Hasher {
        Hasher::new(HashLimits { concurrency, wait: Duration::from_millis(50) })
    }

    #[tokio::test]
    async fn verifies_only_the_right_password() {
        let hasher = hasher(1);
        let h = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify("correct horse battery".into(), Some(h.clone())).await.unwrap());
        assert!(!hasher.verify("wrong".into(), Some(h)).await.unwrap());
        assert!(!hasher.verify("no account has this password".into(), None).await.unwrap());
    }

    #[tokio::test]
    async fn a_check_without_a_hash_takes_as_long_as_one_without_the_work() {
        let hasher = hasher(1);
        let stored = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(!hasher.verify("wrong".into(), Some(stored)).await.unwrap());
        let typical = Duration::from_micros(hasher.typical_check_us.load(Ordering::Relaxed));
        assert!(typical > Duration::ZERO);
        let started = Instant::now();
        assert!(!hasher.verify("wrong".into(), None).await.unwrap());
        assert!(started.elapsed() >= typical, "as long as a check: {:?} < {typical:?}", started.elapsed());
        // It needs a turn like a check, but gives it back at once.
        let held = hasher.turns.clone().acquire_owned().await.unwrap();
        assert!(matches!(hasher.verify("x".into(), None).await, Err(HashError::Busy { .. })));
        drop(held);
        let (a, b) = tokio::join!(hasher.verify("x".into(), None), hasher.verify("y".into(), None));
        assert!(!a.unwrap() && !b.unwrap(), "two at once on one turn: neither holds it while it waits");
    }

    #[tokio::test]
    async fn a_caller_without_a_turn_is_told_to_come_back() {
        let hasher = hasher(1);
        let held = hasher.turns.clone().acquire_owned().await.unwrap();
        assert!(matches!(hasher.hash("correct horse battery".into()).await, Err(HashError::Busy { .. })));
        assert!(matches!(hasher.verify("x".into(), None).await, Err(HashError::Busy { .. })));
        drop(held);
        assert!(hasher.hash("correct horse battery".into()).await.is_ok());
    }

    #[tokio::test]
    async fn no_more_hashes_run_than_there_are_turns() {
        let hasher = Arc::new(Hasher::new(HashLimits { concurrency: 2, wait: Duration::from_secs(30) }));
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (hasher, running, most) = (hasher.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    hasher
                        .run(move || {
                            use std::sync::atomic::Ordering::SeqCst;
                            let now = running.fetch_add(1, SeqCst) + 1;
                            most.fetch_max(now, SeqCst);
                            std::thread::sleep(Duration::from_millis(20));
                            running.fetch_sub(1, SeqCst);
                        })
                        .await
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
