//! Importing 10,000 users from CSV into a new customer, against a plain bulk
//! insert of the same rows (users and their roles in one transaction, with
//! no checks, no search index and no audit). Five rounds each on a new
//! SQLite database; prints the medians and their ratio.
//!
//! `cargo bench -p switchboard-backend --bench import`
//!
//! (Not criterion: one sample takes seconds and writes 10,000 rows, so a
//! handful of rounds with the median is what fits.)

use std::time::{Duration, Instant};

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
