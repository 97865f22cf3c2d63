//! A real server on a free port with a fresh, seeded SQLite database.

use serde_json::Value;
use switchboard_backend::config::Config;

pub const PASSWORD: &str = "test-demo-password";

pub struct TestApp {
    pub url: String,
    pub http: reqwest::Client,
    pub db: sqlx::AnyPool,
    _dir: tempfile::TempDir,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TestApp {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html><title>SPA-INDEX</title>").unwrap();
        let database_url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
        let config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: database_url.clone(),
            demo_password: Some(PASSWORD.into()),
            jwt_secret: None,
            dist_dir: dist,
        };
        let started = switchboard_backend::start(&config).await.unwrap();
        let db = switchboard_backend::db::connect(&database_url).await.unwrap();
        Self {
            url: format!("http://{}", started.addr),
            http: reqwest::Client::new(),
            db,
            _dir: dir,
            server: started.server,
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
        let response = self.login(email, PASSWORD).await;
        assert_eq!(response.status(), 200, "login of {email}");
        response.json::<Value>().await.unwrap()["accessToken"].as_str().unwrap().to_owned()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.http.get(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub async fn tenant_id(&self, name: &str) -> String {
        sqlx::query_scalar("SELECT id FROM tenants WHERE name = $1").bind(name).fetch_one(&self.db).await.unwrap()
    }
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
