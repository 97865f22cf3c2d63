//! Nothing acknowledged is lost when the process is killed: the real binary,
//! `kill -9` during a burst of writes, a restart on the same database.

use std::{
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::Duration,
};

use serde_json::{json, Value};

use crate::common::{on_both_databases, TestApp};

on_both_databases!(acknowledged_writes_survive_kill_9);

/// The real binary; killed and reaped when dropped, whatever happens.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn kill_9(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill_9();
    }
}

async fn spawn_server(database_url: &str) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .env("SWITCHBOARD_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", database_url)
        .env("SWITCHBOARD_DIST", "no-dist")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, url: format!("http://127.0.0.1:{port}") };
    let http = reqwest::Client::new();
    for _ in 0..200 {
        if http.get(format!("{}/healthz", server.url)).send().await.is_ok_and(|r| r.status() == 200) {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not become healthy");
}

async fn acknowledged_writes_survive_kill_9(app: TestApp) {
    let acme = app.tenant_id("Acme Ltd").await;
    let mut server = spawn_server(&app.database_url).await;
    let http = reqwest::Client::new();
    let token = app.token_at(&server.url, "staff@northwind.example").await;

    // Four writers create users until the process dies; each 201 is recorded.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (http, url, token, acme, acknowledged) =
            (http.clone(), server.url.clone(), token.clone(), acme.clone(), acknowledged.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..500 {
                let email = format!("burst-{w}-{i}@acme.example");
                let body =
                    json!({ "displayName": format!("Burst {w} {i}"), "email": email, "roles": ["customer.user"] });
                let sent = http
                    .post(format!("{url}/api/v1/customers/{acme}/users"))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == 201 => acknowledged.lock().unwrap().push(email),
                    Ok(r) => panic!("unexpected {}", r.status()),
                    Err(_) => return, // the server is gone
                }
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 40 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill_9();
    for w in writers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 40);

    let restarted = spawn_server(&app.database_url).await;
    for email in &acknowledged {
        let found: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email_key = $1")
            .bind(email)
            .fetch_optional(&app.db)
            .await
            .unwrap();
        assert!(found.is_some(), "{email} was acknowledged but is gone");
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE user_id = $1 AND action = 'user.created'")
                .bind(found.unwrap())
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert_eq!(audited, 1, "{email}: the write and its audit record commit together");
    }
    let check: Value = http
        .get(format!("{}/api/v1/customers/{acme}/users/check?email={}", restarted.url, acknowledged[0]))
        .bearer_auth(app.token("staff@northwind.example").await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(check["exists"], true);
}
