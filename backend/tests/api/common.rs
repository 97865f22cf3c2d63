//! A real server on a free port with a fresh, seeded database: SQLite, or a
//! new database on the PostgreSQL server named by `SWITCHBOARD_TEST_PG_URL`
//! (which `cargo xtask test` provides).

use serde_json::Value;
use switchboard_backend::config::{ClientIpSource, Config, Connections, HashLimits, Seed};

pub const PASSWORD: &str = "test-demo-password";

pub struct TestApp {
    pub url: String,
    /// The portal as people reach it (`http://localhost:PORT`): its links,
    /// and the origin of passkeys.
    pub public_url: String,
    pub http: reqwest::Client,
    pub db: sqlx::AnyPool,
    pub database_url: String,
    _dir: tempfile::TempDir,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    /// (server URL, database) of a PostgreSQL test database, dropped with the app.
    pg_database: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        if let Some((admin_url, name)) = self.pg_database.take() {
            // Drop runs outside any async context we may block: use a thread.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async {
                    if let Ok(pool) = switchboard_backend::store::connect_unmigrated(&admin_url).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
                    }
                });
            })
            .join();
        }
    }
}

/// Replaces the database name at the end of a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

impl TestApp {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
        Self::start(dir, url, None).await
    }

    /// On PostgreSQL; `None` (with a notice) when no server is configured,
    /// unless `SWITCHBOARD_REQUIRE_PG` is set, as `cargo xtask test` does.
    pub async fn postgres() -> Option<Self> {
        let (admin_url, name, url) = empty_postgres_database().await?;
        Some(Self::start(tempfile::tempdir().unwrap(), url, Some((admin_url, name))).await)
    }

    async fn start(dir: tempfile::TempDir, database_url: String, pg_database: Option<(String, String)>) -> Self {
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html><title>SPA-INDEX</title>").unwrap();
        let config = Config {
            seed: Seed::Demo { password: Some(PASSWORD.into()) },
            dist_dir: dist,
            // The tests' PBX directories listen on loopback.
            allow_private_egress: true,
            ..Config::local(database_url.clone())
        };
        let started = switchboard_backend::start(&config).await.unwrap();
        let db = switchboard_backend::store::connect(&database_url).await.unwrap();
        Self {
            url: format!("http://{}", started.addr),
            public_url: started.public_url.clone(),
            http: reqwest::Client::new(),
            db,
            database_url,
            _dir: dir,
            server: started.server,
            pg_database,
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.http
            .post(format!("{}/api/v1/auth/login", self.url))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// An access token for a demo account.
    pub async fn token(&self, email: &str) -> String {
        self.token_at(&self.url, email).await
    }

    /// An access token for a demo account, from the server at `base`.
    pub async fn token_at(&self, base: &str, email: &str) -> String {
        let response = self
            .http
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "login of {email}");
        response.json::<Value>().await.unwrap()["accessToken"].as_str().unwrap().to_owned()
    }

    /// `POST /customers/{tenant}/users/import` with a CSV body.
    pub async fn import_csv(&self, token: &str, tenant: &str, csv: &str, dry_run: bool) -> reqwest::Response {
        self.http
            .post(format!("{}/api/v1/customers/{tenant}/users/import?dryRun={dry_run}", self.url))
            .bearer_auth(token)
            .header("content-type", "text/csv; charset=utf-8")
            .body(csv.to_owned())
            .send()
            .await
            .unwrap()
    }

    /// The token of the newest activation mail to `to`, as a person would follow it.
    pub async fn activation_token(&self, admin: &str, to: &str) -> String {
        let mail: Value = self.get(&format!("/api/v1/outbox?to={to}"), Some(admin)).await.json().await.unwrap();
        let body = mail[0]["body"].as_str().unwrap();
        let link = body.lines().find(|l| l.contains("/activate?token=")).unwrap();
        assert!(link.starts_with(&self.public_url), "the link points at this portal: {link}");
        link.split("token=").nth(1).unwrap().trim().to_owned()
    }

    /// `POST /api/v1/auth/activate` to the server at `base`.
    pub async fn activate_at(&self, base: &str, token: &str, password: &str) -> reqwest::Response {
        self.http
            .post(format!("{base}/api/v1/auth/activate"))
            .json(&serde_json::json!({ "token": token, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// Another server in this process on the same database.
    pub async fn second_instance(&self) -> switchboard_backend::Started {
        self.instance(ClientIpSource::ConnectInfo).await
    }

    /// Another server on the same database, taking client addresses from `source`.
    pub async fn instance(&self, client_ip_source: ClientIpSource) -> switchboard_backend::Started {
        self.instance_with(|c| c.client_ip_source = client_ip_source).await
    }

    /// Another server on the same database that sends e-mail through this SMTP server.
    pub async fn smtp_instance(&self, smtp_url: &str) -> switchboard_backend::Started {
        self.instance_with(|c| c.smtp_url = Some(smtp_url.to_owned())).await
    }

    /// Another server on the same database, with these password hashing turns.
    pub async fn hashing_instance(&self, limits: HashLimits) -> switchboard_backend::Started {
        self.instance_with(|c| c.password_hashing = limits).await
    }

    /// Another server on the same database, with this many requests per second per caller.
    pub async fn rate_limited_instance(&self, per_second: u32) -> switchboard_backend::Started {
        self.instance_with(|c| c.rate_limit = per_second).await
    }

    /// Another server on the same database, with these bounds on connections.
    pub async fn connections_instance(&self, connections: Connections) -> switchboard_backend::Started {
        self.instance_with(|c| c.connections = connections).await
    }

    /// Another server on the same database, reached by people at `public_url`.
    pub async fn public_url_instance(&self, public_url: &str) -> switchboard_backend::Started {
        self.instance_with(|c| c.public_url = Some(public_url.to_owned())).await
    }

    async fn instance_with(&self, change: impl FnOnce(&mut Config)) -> switchboard_backend::Started {
        let mut config = Config {
            dist_dir: "no-dist".into(),
            smtp_from: Some("Acme portal <portal@acme.example>".into()),
            // As deployed by default: PBXs on public addresses only.
            ..Config::local(self.database_url.clone())
        };
        change(&mut config);
        switchboard_backend::start(&config).await.unwrap()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.http.get(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    /// A request with a JSON body (and optional extra header).
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
        header: Option<(&str, &str)>,
    ) -> reqwest::Response {
        let mut request = self.http.request(method, format!("{}{path}", self.url)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        request.send().await.unwrap()
    }

    pub async fn user_id(&self, email: &str) -> String {
        sqlx::query_scalar("SELECT id FROM users WHERE email_key = $1").bind(email).fetch_one(&self.db).await.unwrap()
    }

    pub async fn roles_of(&self, email: &str) -> Vec<String> {
        sqlx::query_scalar(
            "SELECT r.role FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email_key = $1 ORDER BY r.role",
        )
        .bind(email)
        .fetch_all(&self.db)
        .await
        .unwrap()
    }

    /// A fingerprint of everything users are: compared before and after a refused request.
    pub async fn users_fingerprint(&self) -> Vec<(String, i64, String, i64)> {
        sqlx::query_as(
            "SELECT u.id, u.version, u.status, (SELECT COUNT(*) FROM user_roles r WHERE r.user_id = u.id) FROM users u ORDER BY u.id",
        )
        .fetch_all(&self.db)
        .await
        .unwrap()
    }

    pub async fn tenant_id(&self, name: &str) -> String {
        sqlx::query_scalar("SELECT id FROM tenants WHERE name = $1").bind(name).fetch_one(&self.db).await.unwrap()
    }
}

/// A new, empty database on the test PostgreSQL server: (server URL, its
/// name, its URL). `None` (with a notice) when no server is configured,
/// unless `SWITCHBOARD_REQUIRE_PG` is set, as `cargo xtask test` does.
pub async fn empty_postgres_database() -> Option<(String, String, String)> {
    let Ok(admin_url) = std::env::var("SWITCHBOARD_TEST_PG_URL") else {
        assert!(
            std::env::var_os("SWITCHBOARD_REQUIRE_PG").is_none(),
            "SWITCHBOARD_REQUIRE_PG is set but SWITCHBOARD_TEST_PG_URL is not"
        );
        eprintln!("skipped on PostgreSQL: set SWITCHBOARD_TEST_PG_URL (cargo xtask test does)");
        return None;
    };
    let name = format!("sbt_{}", uuid::Uuid::now_v7().simple());
    let admin = switchboard_backend::store::connect_unmigrated(&admin_url).await.expect("the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
    admin.close().await;
    let url = with_database(&admin_url, &name);
    Some((admin_url, name, url))
}

/// Asserts a problem+json answer with this status and code.
pub async fn assert_problem(response: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    body
}

/// Runs each listed `async fn(TestApp)` as a test on SQLite and on PostgreSQL.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name($crate::common::TestApp::sqlite().await).await
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = $crate::common::TestApp::postgres().await {
                    super::$name(app).await
                }
            })*
        }
    };
}
pub(crate) use on_both_databases;

#[test]
fn replaces_the_database_in_a_postgres_url() {
    assert_eq!(with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
    assert_eq!(with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
}
