//! A PostgreSQL server for the tests: `SWITCHBOARD_TEST_PG_URL` when set, else
//! the local server on 127.0.0.1:5432 when it lets `postgres` in, else a
//! throwaway cluster started here from the PostgreSQL binaries (installed with
//! apt-get when missing and running as root). The tests create a database of
//! their own on it for each test.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
};

use crate::{output, sh, step, Result};

const LOCAL_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub enum Postgres {
    Existing(String),
    /// Stopped when dropped.
    Throwaway {
        url: String,
        pg_ctl: PathBuf,
        data: PathBuf,
    },
}

impl Postgres {
    pub fn url(&self) -> &str {
        match self {
            Self::Existing(url) | Self::Throwaway { url, .. } => url,
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Self::Throwaway { pg_ctl, data, .. } = self {
            let _ = as_postgres(pg_ctl, &["-D", &data.display().to_string(), "-m", "fast", "stop"]);
            let _ = std::fs::remove_dir_all(&data);
        }
    }
}

pub fn ensure() -> Result<Postgres> {
    step("Checking PostgreSQL for the tests");
    if let Ok(url) = std::env::var("SWITCHBOARD_TEST_PG_URL") {
        return Ok(Postgres::Existing(url));
    }
    if std::env::var_os("SWITCHBOARD_TEST_PG_THROWAWAY").is_none() && accepts(LOCAL_URL) {
        println!("Using the PostgreSQL server at 127.0.0.1:5432");
        return Ok(Postgres::Existing(LOCAL_URL.into()));
    }
    throwaway()
}

/// Whether the server at `url` answers a query (needs psql; without it, trust the port).
fn accepts(url: &str) -> bool {
    if output("psql", &["--version"]).is_none() {
        return std::net::TcpStream::connect("127.0.0.1:5432").is_ok();
    }
    output("psql", &[url, "-tAc", "SELECT 1"]).as_deref() == Some("1")
}

fn bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| d.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn is_root() -> bool {
    output("id", &["-u"]).as_deref() == Some("0")
}

/// Runs a PostgreSQL binary, as the `postgres` user when we are root
/// (initdb and the server refuse to run as root).
fn as_postgres(program: &Path, args: &[&str]) -> Result {
    let program = program.display().to_string();
    if is_root() {
        let mut full = vec!["-u", "postgres", "--", program.as_str()];
        full.extend_from_slice(args);
        sh("runuser", &full, &[])
    } else {
        sh(&program, args, &[])
    }
}

fn throwaway() -> Result<Postgres> {
    if bin_dir().is_none() {
        if !is_root() || output("apt-get", &["--version"]).is_none() {
            return Err("the tests need PostgreSQL: start a server that lets `postgres` in on 127.0.0.1:5432, \
                        set SWITCHBOARD_TEST_PG_URL, or install Debian's `postgresql` package"
                .into());
        }
        println!("Installing PostgreSQL with apt-get (once)");
        let env = [("DEBIAN_FRONTEND", "noninteractive")];
        sh("apt-get", &["update", "-q"], &env)?;
        sh("apt-get", &["install", "-y", "-q", "--no-install-recommends", "postgresql"], &env)?;
    }
    let bin = bin_dir().ok_or("PostgreSQL is installed but its initdb is not under /usr/lib/postgresql")?;
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    // Outside the repository: the postgres user must be able to reach it.
    let data = std::env::temp_dir().join(format!("switchboard-test-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    if is_root() {
        sh("chown", &["postgres", &data.display().to_string()], &[])?;
    }
    println!("Starting a throwaway PostgreSQL cluster in {} on port {port}", data.display());
    let data_arg = data.display().to_string();
    as_postgres(&bin.join("initdb"), &["-D", &data_arg, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])?;
    let options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", std::env::temp_dir().display());
    let log = data.join("server.log").display().to_string();
    as_postgres(&bin.join("pg_ctl"), &["-D", &data_arg, "-o", &options, "-l", &log, "-w", "start"])?;
    Ok(Postgres::Throwaway {
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        pg_ctl: bin.join("pg_ctl"),
        data,
    })
}
