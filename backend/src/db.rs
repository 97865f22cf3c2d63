//! The connection pool. sqlx's `Any` driver runs the same queries on SQLite
//! and PostgreSQL; queries use `$n` placeholders, which both accept.

use sqlx::{
    any::{install_default_drivers, AnyPoolOptions},
    migrate::Migrator,
    Executor,
};

pub type Db = sqlx::AnyPool;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    pub fn of(url: &str) -> Self {
        if url.starts_with("postgres") {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }
}

/// Connects, creates the SQLite file's folder if needed, and migrates.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let pool = connect_unmigrated(url).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Connects without migrating (tools and tests that manage databases).
pub async fn connect_unmigrated(url: &str) -> Result<Db, sqlx::Error> {
    install_default_drivers();
    let dialect = Dialect::of(url);
    if dialect == Dialect::Sqlite {
        if let Some(dir) = sqlite_path(url).and_then(|p| p.parent().map(ToOwned::to_owned)) {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(&dir)?;
            }
        }
    }
    let pool = AnyPoolOptions::new()
        .max_connections(if dialect == Dialect::Sqlite { 8 } else { 16 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if dialect == Dialect::Sqlite {
                    // WAL: readers never wait for the writer. synchronous=NORMAL
                    // in WAL mode loses nothing when the process is killed (only
                    // an OS crash can lose the last transactions).
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    Ok(pool)
}

fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.into())
}

/// A transaction that writes in one tenant. Writes to a tenant are serialized,
/// so rules that read then write (the last administrator, auto-assignment)
/// hold under concurrency: SQLite takes its single write lock up front
/// (`BEGIN IMMEDIATE`), PostgreSQL locks the tenant's row.
pub async fn tenant_write(
    db: &Db,
    dialect: Dialect,
    tenant_id: &str,
) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    match dialect {
        Dialect::Sqlite => db.begin_with("BEGIN IMMEDIATE").await,
        Dialect::Postgres => {
            let mut tx = db.begin().await?;
            sqlx::query("SELECT id FROM tenants WHERE id = $1 FOR UPDATE").bind(tenant_id).execute(&mut *tx).await?;
            Ok(tx)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sqlite_file_in_the_url() {
        assert_eq!(sqlite_path("sqlite://data/s.db?mode=rwc"), Some("data/s.db".into()));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x/y"), None);
    }
}
