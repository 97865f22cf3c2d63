//! The connection pool and migrations. sqlx's `Any` driver runs the same
//! queries on SQLite and PostgreSQL; queries use `$n` placeholders, which
//! both accept.

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
    // sqlx locks PostgreSQL while migrating, but not SQLite: processes that
    // start together on one file take turns by a lock file beside it.
    let _turn = match sqlite_path(url) {
        Some(path) => Some(lock_file(path.with_extension("migrate-lock")).await?),
        None => None,
    };
    MIGRATOR.run(&pool).await?;
    if Dialect::of(url) == Dialect::Postgres {
        // A storage setting, not schema (SQLite has no such thing): the few
        // rows of `user_counts` change at every write of a user. Room on
        // their pages keeps PostgreSQL's updates on the page (HOT), where
        // reads prune the old versions, instead of piling up thousands of
        // dead rows and index entries between two autovacuums.
        pool.execute("ALTER TABLE user_counts SET (fillfactor = 10)").await?;
    }
    Ok(pool)
}

/// An exclusive lock on `path`, held until the file is dropped.
async fn lock_file(path: std::path::PathBuf) -> Result<std::fs::File, sqlx::Error> {
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        file.lock()?;
        Ok(file)
    })
    .await
    .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?
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
    pool(url, if dialect == Dialect::Sqlite { 8 } else { 16 }).await
}

async fn pool(url: &str, connections: u32) -> Result<Db, sqlx::Error> {
    let dialect = Dialect::of(url);
    AnyPoolOptions::new()
        .max_connections(connections)
        // A local SQLite file needs no liveness check before each use.
        .test_before_acquire(dialect == Dialect::Postgres)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if dialect == Dialect::Sqlite {
                    // WAL: readers never wait for the writer. synchronous=NORMAL
                    // in WAL mode loses nothing when the process is killed (only
                    // an OS crash can lose the last transactions).
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                         PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
}

fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.into())
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
