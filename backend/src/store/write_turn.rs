//! The tenant write turn: every write in a tenant runs inside one, so the
//! rules that read then write hold when requests race.

use std::{
    ops::{Deref, DerefMut},
    sync::Arc,
};
use switchboard_shared::TenantId;

use sqlx::{pool::PoolConnection, Executor};
use tokio::sync::{Mutex, OwnedMutexGuard};

use super::{pool::Dialect, Db};

/// Opens the transactions that write in a tenant. Writes to a tenant are
/// serialized, so rules that read then write (the last administrator,
/// auto-assignment) hold under concurrency: the first statement bumps the
/// tenant's generation, which every write must do anyway, and so takes
/// SQLite's single write lock before anything is read (as `BEGIN IMMEDIATE`
/// would) and locks the tenant's row on PostgreSQL.
pub struct Writes {
    dialect: Dialect,
    /// SQLite has one writer at a time. Tenant writes queue here in order,
    /// each already holding its connection, instead of polling the lock in
    /// SQLite's busy handler (which sleeps up to 100 ms between tries) or
    /// waiting behind readers for a connection once it is their turn. Other
    /// processes sharing the file still wait through `busy_timeout`.
    sqlite_queue: Arc<Mutex<()>>,
}

impl Writes {
    pub fn new(dialect: Dialect) -> Self {
        Self { dialect, sqlite_queue: Arc::default() }
    }

    pub async fn tenant(&self, db: &Db, tenant_id: &TenantId) -> Result<TenantTx, sqlx::Error> {
        let conn = db.acquire().await?;
        let turn = match self.dialect {
            Dialect::Sqlite => Some(self.sqlite_queue.clone().lock_owned().await),
            Dialect::Postgres => None,
        };
        let mut tx = TenantTx { conn: Some(conn), turn };
        tx.execute(if self.dialect == Dialect::Sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" }).await?;
        super::tenants::bump_generation(&mut tx, tenant_id).await?;
        Ok(tx)
    }
}

/// A tenant write in progress, on a connection taken before its turn in the
/// queue. sqlx's `Transaction` begins on a connection it acquires itself, so
/// this one begins and ends the transaction by statement: dropped
/// uncommitted, it rolls back before the connection and the turn are given up.
pub struct TenantTx {
    conn: Option<PoolConnection<sqlx::Any>>,
    turn: Option<OwnedMutexGuard<()>>,
}

impl TenantTx {
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        self.execute("COMMIT").await?;
        self.conn = None;
        Ok(())
    }
}

impl Drop for TenantTx {
    fn drop(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            let turn = self.turn.take();
            tokio::spawn(async move {
                if let Err(e) = conn.execute("ROLLBACK").await {
                    // A broken connection: the pool must not hand it out again.
                    tracing::warn!(error = %e, "rollback failed; closing the connection");
                    conn.detach();
                }
                drop(turn);
            });
        }
    }
}

impl Deref for TenantTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        self.conn.as_deref().expect("a tenant write is used only while open")
    }
}

impl DerefMut for TenantTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.conn.as_deref_mut().expect("a tenant write is used only while open")
    }
}
