//! Importing 10,000 users from CSV into a new customer, against a plain bulk
//! insert of the same rows (users and their roles in one transaction, with
//! no checks, no search index and no audit). Five rounds each on a new
//! SQLite database; prints the medians and their ratio. Then times other
//! tenants' sign-ins and writes without an import and during one.
//!
//! `cargo bench -p switchboard-backend --bench import`
//!
//! (Not criterion: one sample takes seconds and writes 10,000 rows, so a
//! handful of rounds with the median is what fits.)

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use serde_json::{json, Value};
use switchboard_backend::config::{Config, Seed};

const USERS: usize = 10_000;
const ROUNDS: usize = 5;
const PASSWORD: &str = "bench-password-1";

fn csv(round: usize) -> String {
    let mut out = String::from("displayName,email,extension,externalId,agent\n");
    for i in 0..USERS {
        let agent = i % 5 == 0;
        out.push_str(&format!("Person {round} {i},p{round}-{i}@bench.example,{},ext-{i},{agent}\n", 10_000 + i));
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
    let config = Config {
        seed: Seed::Demo { password: Some(PASSWORD.into()) },
        dist_dir: dir.path().into(),
        ..Config::local(url.clone())
    };
    let started = switchboard_backend::start(&config).await.unwrap();
    let base = format!("http://{}", started.addr);
    let http = reqwest::Client::new();
    let login = post(
        &http,
        format!("{base}/api/v1/auth/login"),
        None,
        json!({ "email": "staff@northwind.example", "password": PASSWORD }),
    )
    .await;
    let token = login["accessToken"].as_str().unwrap().to_owned();
    let db = switchboard_backend::store::connect(&url).await.unwrap();
    let reseller: String =
        sqlx::query_scalar("SELECT id FROM tenants WHERE kind = 'reseller'").fetch_one(&db).await.unwrap();
    let new_customer = |name: String| {
        let (http, token, base, reseller) = (http.clone(), token.clone(), base.clone(), reseller.clone());
        async move {
            let url = format!("{base}/api/v1/resellers/{reseller}/customers");
            let created = post(&http, url, Some(&token), json!({ "name": name, "region": "FR" })).await;
            created["id"].as_str().unwrap().to_owned()
        }
    };

    let (mut imports, mut plains) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let tenant = new_customer(format!("Import {round}")).await;
        let body = csv(round);
        let start = Instant::now();
        let response = http
            .post(format!("{base}/api/v1/customers/{tenant}/users/import"))
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body(body)
            .send()
            .await
            .unwrap();
        let took = start.elapsed();
        let report: Value = response.json().await.unwrap();
        assert_eq!(report["created"], USERS, "{report}");
        imports.push(took);

        let tenant = new_customer(format!("Plain {round}")).await;
        let start = Instant::now();
        let mut tx = db.begin().await.unwrap();
        for i in 0..USERS {
            let id = uuid::Uuid::now_v7().simple().to_string();
            let name = format!("Plain {round} {i}");
            let email = format!("q{round}-{i}@bench.example");
            sqlx::query(
                "INSERT INTO users (id, tenant_id, display_name, name_key, email, email_key, status, time_zone, \
                 external_id, extension, created_at, updated_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $5, 'invited', 'UTC', $6, $7, $8, $8, 1)",
            )
            .bind(&id)
            .bind(&tenant)
            .bind(&name)
            .bind(name.to_lowercase())
            .bind(&email)
            .bind(format!("ext-{i}"))
            .bind(format!("{}", 10_000 + i))
            .bind("2026-11-30T00:00:00.000000Z")
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, 'customer.user.pbx')")
                .bind(&id)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        plains.push(start.elapsed());
        println!("round {round}: import {:?}, plain insert {:?}", imports[round], plains[round]);
    }
    let (import, plain) = (median(imports), median(plains));
    println!(
        "median of {ROUNDS}: import of {USERS} users {:.2} s, plain insert {:.2} s, ratio {:.1}x",
        import.as_secs_f64(),
        plain.as_secs_f64(),
        import.as_secs_f64() / plain.as_secs_f64()
    );

    // Other tenants while an import runs: a sign-in (Globex's administrator)
    // and a write (a rename in Acme) one after the other, for 3 s without an
    // import, then for as long as an import of 10,000 users takes.
    let acme_admin = post(
        &http,
        format!("{base}/api/v1/auth/login"),
        None,
        json!({ "email": "admin@acme.example", "password": PASSWORD }),
    )
    .await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let (acme, someone): (String, String) = sqlx::query_as(
        "SELECT t.id, u.id FROM users u JOIN tenants t ON t.id = u.tenant_id \
         WHERE t.name = 'Acme Ltd' AND u.email_key = 'damien.moreau@acme.example'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let probe = |stop: Arc<AtomicBool>| {
        let (http, base, token, path) =
            (http.clone(), base.clone(), acme_admin.clone(), format!("/api/v1/customers/{acme}/users/{someone}"));
        async move {
            let (mut sign_ins, mut writes) = (Vec::new(), Vec::new());
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let start = Instant::now();
                let body = json!({ "email": "admin@globex.example", "password": PASSWORD });
                let answer = http.post(format!("{base}/api/v1/auth/login")).json(&body).send().await.unwrap();
                assert_eq!(answer.status(), 200);
                sign_ins.push(start.elapsed());
                let start = Instant::now();
                n += 1;
                let rename = json!({ "displayName": format!("Damien Moreau {n}") });
                let answer =
                    http.patch(format!("{base}{path}")).bearer_auth(&token).json(&rename).send().await.unwrap();
                assert_eq!(answer.status(), 200);
                writes.push(start.elapsed());
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            (sign_ins, writes)
        }
    };
    let report = |what: &str, (sign_ins, writes): (Vec<Duration>, Vec<Duration>)| {
        let most = |v: &[Duration]| v.iter().max().copied().unwrap_or_default();
        println!(
            "{what}: sign-in median {:.0} ms, max {:.0} ms; write median {:.0} ms, max {:.0} ms ({} each)",
            median(sign_ins.clone()).as_secs_f64() * 1e3,
            most(&sign_ins).as_secs_f64() * 1e3,
            median(writes.clone()).as_secs_f64() * 1e3,
            most(&writes).as_secs_f64() * 1e3,
            writes.len()
        );
    };
    let stop_after = |wait: Duration| {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        tokio::spawn(async move {
            tokio::time::sleep(wait).await;
            flag.store(true, Ordering::Relaxed);
        });
        stop
    };
    report("other tenants, no import", probe(stop_after(Duration::from_secs(3))).await);
    let tenant = new_customer("During".into()).await;
    let stop = Arc::new(AtomicBool::new(false));
    let during = tokio::spawn(probe(stop.clone()));
    let start = Instant::now();
    let answer = http
        .post(format!("{base}/api/v1/customers/{tenant}/users/import"))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body(csv(99))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let took = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    report(
        &format!("other tenants during an import of {USERS} users ({:.2} s)", took.as_secs_f64()),
        during.await.unwrap(),
    );
}

/// A JSON POST, its JSON answer.
async fn post(http: &reqwest::Client, url: String, token: Option<&str>, body: Value) -> Value {
    let request = http.post(url).json(&body);
    let request = match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    };
    request.send().await.unwrap().json().await.unwrap()
}
