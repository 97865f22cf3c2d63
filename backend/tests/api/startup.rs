//! What a new database starts with: the demo only when asked; otherwise the
//! platform and its first administrator, who sets a password through a
//! single-use link. Several instances starting at once seed it once.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

use serde_json::{json, Value};
use switchboard_backend::{
    config::{Config, Seed},
    domain::seed::Seeded,
};

fn config(database_url: &str) -> Config {
    Config {
        seed: Seed::Demo { password: Some("startup-demo-password".into()) },
        dist_dir: "no-dist".into(),
        ..Config::local(database_url)
    }
}

/// Three instances start together; exactly one seeds the demo data.
async fn three_instances_seed_once(url: &str) {
    let (a, b, c) = (config(url), config(url), config(url));
    let (a, b, c) =
        tokio::join!(switchboard_backend::start(&a), switchboard_backend::start(&b), switchboard_backend::start(&c));
    let started = [a.unwrap(), b.unwrap(), c.unwrap()];
    assert_eq!(started.iter().filter(|s| s.seeded.is_some()).count(), 1, "one instance seeded");
    let db = switchboard_backend::store::connect(url).await.unwrap();
    let tenants: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tenants").fetch_one(&db).await.unwrap();
    assert_eq!(tenants, 4, "the platform, Northwind, Acme and Globex, once");
    let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email_key = 'admin@acme.example'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(admins, 1);
    db.close().await;
    for s in started {
        s.server.abort();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_starting_together_on_a_new_sqlite_file_seed_it_once() {
    let dir = tempfile::tempdir().unwrap();
    three_instances_seed_once(&format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_starting_together_on_a_new_postgres_database_seed_it_once() {
    let Some((admin_url, name, url)) = crate::common::empty_postgres_database().await else { return };
    three_instances_seed_once(&url).await;
    let admin = switchboard_backend::store::connect_unmigrated(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await.unwrap();
}

fn production(database_url: &str, email: Option<&str>) -> Config {
    Config {
        seed: Seed::Admin { email: email.map(str::to_owned) },
        dist_dir: "no-dist".into(),
        ..Config::local(database_url)
    }
}

/// Started without the demo: an empty database needs its administrator's
/// address; with it, that administrator is invited (no password anywhere),
/// follows the link once and signs in as the platform's administrator.
async fn a_production_start_invites_its_first_administrator(url: &str) {
    let Err(refused) = switchboard_backend::start(&production(url, None)).await else {
        panic!("an empty database started without an administrator")
    };
    assert!(refused.to_string().contains("SWITCHBOARD_ADMIN_EMAIL"), "{refused}");

    let config = production(url, Some("ops@telco.example"));
    let (a, b) = tokio::join!(switchboard_backend::start(&config), switchboard_backend::start(&config));
    let started = [a.unwrap(), b.unwrap()];
    let links: Vec<_> = started
        .iter()
        .filter_map(|s| match &s.seeded {
            Some(Seeded::Admin { email, link_path }) => Some((email.clone(), link_path.clone())),
            Some(Seeded::Demo(_)) => panic!("the demo was not asked for"),
            None => None,
        })
        .collect();
    assert_eq!(links.len(), 1, "one instance seeded");
    let (email, link_path) = &links[0];
    assert_eq!(email, "ops@telco.example");
    let token = link_path.strip_prefix("/activate?token=").unwrap();

    let db = switchboard_backend::store::connect(url).await.unwrap();
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM tenants), (SELECT COUNT(*) FROM users), \
         (SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL)",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(counts, (1, 1, 0), "the platform and its invited administrator, without a password");
    db.close().await;

    let http = reqwest::Client::new();
    let base = format!("http://{}", started[0].addr);
    let login = || {
        http.post(format!("{base}/api/v1/auth/login"))
            .json(&json!({ "email": "ops@telco.example", "password": "a long enough secret" }))
            .send()
    };
    assert_eq!(login().await.unwrap().status(), 401);
    let activate = || {
        http.post(format!("{base}/api/v1/auth/activate"))
            .json(&json!({ "token": token, "password": "a long enough secret" }))
            .send()
    };
    assert_eq!(activate().await.unwrap().status(), 204);
    assert_eq!(activate().await.unwrap().status(), 400, "the link works once");
    let signed_in: Value = login().await.unwrap().json().await.unwrap();
    let me: Value = http
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(signed_in["accessToken"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["tenant"]["kind"], "platform");
    assert!(me["user"]["roles"].as_array().unwrap().contains(&json!("platform.admin")), "{me}");

    // A later start on that database seeds nothing and needs no address.
    let again = switchboard_backend::start(&production(url, None)).await.unwrap();
    assert!(again.seeded.is_none());
    for s in started.into_iter().chain([again]) {
        s.server.abort();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_production_start_on_a_new_sqlite_file_invites_its_first_administrator() {
    let dir = tempfile::tempdir().unwrap();
    a_production_start_invites_its_first_administrator(&format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("p.db").display()
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_production_start_on_a_new_postgres_database_invites_its_first_administrator() {
    let Some((admin_url, name, url)) = crate::common::empty_postgres_database().await else { return };
    a_production_start_invites_its_first_administrator(&url).await;
    let admin = switchboard_backend::store::connect_unmigrated(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await.unwrap();
}

/// What the operator sees: the `switchboard` binary, started plainly on a new
/// database, prints the administrator's link and no password; asked for the
/// demo, it prints the demo accounts and their password.
#[test]
fn the_binary_prints_a_link_for_a_new_platform_and_a_password_only_for_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let banner = |db: &str, env: &[(&str, &str)]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
            .env_remove("SWITCHBOARD_DEMO")
            .env_remove("SWITCHBOARD_DEMO_PASSWORD")
            .env_remove("SWITCHBOARD_ADMIN_EMAIL")
            .env("SWITCHBOARD_ADDR", "127.0.0.1:0")
            .env("DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.path().join(db).display()))
            .env("SWITCHBOARD_DIST", "no-dist")
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The banner: "Switchboard is running at …", an empty line, its items, an empty line.
        let mut lines = Vec::new();
        let mut empty = 0;
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            let line = line.unwrap();
            if line.starts_with("Switchboard is running") || !lines.is_empty() {
                empty += usize::from(line.is_empty());
                lines.push(line);
            }
            if empty == 2 {
                break;
            }
        }
        child.kill().unwrap();
        child.wait().unwrap();
        lines.join("\n")
    };
    let production = banner("production.db", &[("SWITCHBOARD_ADMIN_EMAIL", "ops@telco.example")]);
    assert!(production.contains("ops@telco.example") && production.contains("/activate?token="), "{production}");
    assert!(!production.contains("Password") && !production.contains("admin@acme.example"), "{production}");
    let demo = banner("demo.db", &[("SWITCHBOARD_DEMO", "true")]);
    assert!(demo.contains("admin@acme.example") && demo.contains("Password:"), "{demo}");
    assert!(!demo.contains("/activate?token="), "{demo}");
}
