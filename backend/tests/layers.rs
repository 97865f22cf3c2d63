//! The backend's layers, checked in its sources: `http` → `domain` →
//! `store`, one way. The store knows nothing above it, the domain knows no
//! HTTP, every SQL statement is the store's, and no handler opens a
//! transaction.

use std::{fs, path::Path};

/// Every `.rs` file under `src/{dir}`, as (path, text).
fn sources(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

/// The places in `dir` where any of `needles` is written (outside comments).
fn offences(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources(dir) {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for needle in needles {
                if code.contains(needle) {
                    found.push(format!("{path}:{}: {needle}", n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn the_store_knows_nothing_above_it() {
    let found = offences("store", &["crate::http", "crate::domain", "axum"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_domain_knows_no_http() {
    let found = offences("domain", &["crate::http", "axum", "AppState"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_sql_statement_is_the_stores() {
    let needles = ["sqlx::query", "query_as(", "query_scalar("];
    for dir in ["http", "domain", "auth"] {
        let found = offences(dir, &needles);
        assert!(found.is_empty(), "{found:#?}");
    }
}

#[test]
fn handlers_open_no_transaction() {
    let found = offences("http", &[".begin()", "tenant_write", ".acquire()", "store::"]);
    assert!(found.is_empty(), "{found:#?}");
}

/// The checks above can fail: they find what they look for.
#[test]
fn the_checks_see_what_they_look_for() {
    assert!(!offences("store", &["sqlx::query"]).is_empty());
    assert!(!offences("http", &["axum"]).is_empty());
}
