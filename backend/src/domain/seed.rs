//! The demo a new database starts with (`store::seed` writes it): every
//! demo account shares one password, given or generated.

use rand::{distributions::Alphanumeric, Rng};

use super::Result;
use crate::{
    auth::password::Hasher,
    store::{seed, Db},
};

pub struct DemoSeed {
    pub password: String,
    /// True when the password was generated (and so must be printed).
    pub generated: bool,
}

/// Seeds a database that has no tenants yet; `None` when it already had data.
pub async fn demo_if_empty(db: &Db, hasher: &Hasher, password: Option<String>) -> Result<Option<DemoSeed>> {
    if !seed::is_empty(db).await? {
        return Ok(None);
    }
    let generated = password.is_none();
    let password =
        password.unwrap_or_else(|| rand::thread_rng().sample_iter(&Alphanumeric).take(16).map(char::from).collect());
    // One hash for every demo account: they share the password anyway, and
    // hashing it once keeps a fresh start (and every test database) quick.
    let hash = hasher.hash(password.clone()).await?;
    Ok(seed::demo_if_empty(db, &hash).await?.then_some(DemoSeed { password, generated }))
}
