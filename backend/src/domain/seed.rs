//! What a new database starts with (`store::seed` writes it): the demo,
//! whose accounts share one password, given or generated; or, in
//! production, the platform and its first administrator, who sets a
//! password through a single-use link.

use rand::{distributions::Alphanumeric, Rng};

use super::{Error, Result};
use crate::{
    auth::password::Hasher,
    store::{seed, Db},
};

/// What a start on an empty database seeds (`SWITCHBOARD_DEMO`).
#[derive(Clone, Debug)]
pub enum Seed {
    /// The demo tenants and accounts, with this password (random when unset).
    Demo { password: Option<String> },
    /// The platform and one administrator at this address
    /// (`SWITCHBOARD_ADMIN_EMAIL`; an empty database cannot start without it).
    Admin { email: Option<String> },
}

/// What this start seeded, for the operator to be told once.
pub enum Seeded {
    Demo(DemoSeed),
    /// The first administrator and the path of the link that sets their
    /// password (`/activate?token=…`).
    Admin {
        email: String,
        link_path: String,
    },
}

pub struct DemoSeed {
    pub password: String,
    /// True when the password was generated (and so must be printed).
    pub generated: bool,
}

/// Seeds a database that has no tenants yet; `None` when it already had data.
pub async fn if_empty(db: &Db, hasher: &Hasher, seed: &Seed) -> Result<Option<Seeded>> {
    if !seed::is_empty(db).await? {
        return Ok(None);
    }
    match seed {
        Seed::Demo { password } => {
            let generated = password.is_none();
            let password = password
                .clone()
                .unwrap_or_else(|| rand::thread_rng().sample_iter(&Alphanumeric).take(16).map(char::from).collect());
            // One hash for every demo account: they share the password anyway,
            // and hashing it once keeps a fresh start (and every test database) quick.
            let hash = hasher.hash(password.clone()).await?;
            Ok(seed::demo_if_empty(db, &hash).await?.then_some(Seeded::Demo(DemoSeed { password, generated })))
        }
        Seed::Admin { email: None } => Err(Error::invalid(
            "no_administrator",
            "a new database needs its first administrator: set SWITCHBOARD_ADMIN_EMAIL \
             (or SWITCHBOARD_DEMO=true for the demo)",
        )),
        Seed::Admin { email: Some(email) } => Ok(seed::admin_if_empty(db, email)
            .await?
            .map(|token| Seeded::Admin { email: email.clone(), link_path: format!("/activate?token={token}") })),
    }
}
