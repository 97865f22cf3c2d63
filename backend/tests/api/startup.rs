//! Several instances starting at once on one new database seed it once.

use switchboard_backend::config::Config;

fn config(database_url: &str) -> Config {
    Config {
        demo_password: Some("startup-demo-password".into()),
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
    assert_eq!(started.iter().filter(|s| s.demo.is_some()).count(), 1, "one instance seeded");
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
