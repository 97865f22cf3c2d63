//! The end-to-end harness: the real backend (in this process, on a free port,
//! with a fresh SQLite database and the built SPA) and headless Chromium driven
//! through chromedriver. Tests find controls the way people and screen readers
//! do, by label or accessible name, and wait for conditions, never for time.

use std::{
    error::Error,
    net::{SocketAddr, TcpListener},
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

pub mod smtp;

use fantoccini::{elements::Element, error::CmdError, wd::WebDriverCompatibleCommand, Client, ClientBuilder, Locator};
use switchboard_backend::config::{Config, Seed};

pub type TestResult = Result<(), Box<dyn Error + Send + Sync>>;

pub const DEMO_PASSWORD: &str = "e2e-demo-password";
const WAIT: Duration = Duration::from_secs(20);

/// A running portal with demo data; gone when dropped.
pub struct Portal {
    pub url: String,
    _data: tempfile::TempDir,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub async fn start_portal(configure: impl FnOnce(&mut Config)) -> Portal {
    let dist = workspace_root().join("dist");
    assert!(
        dist.join("index.html").exists(),
        "the SPA is not built in {}: run `cargo xtask test`, which builds it first",
        dist.display()
    );
    let data = tempfile::tempdir().expect("temporary folder");
    let mut config = Config {
        seed: Seed::Demo { password: Some(DEMO_PASSWORD.into()) },
        dist_dir: dist,
        // The onboarding test's PBX directory listens on loopback.
        allow_private_egress: true,
        ..Config::local(format!("sqlite://{}?mode=rwc", data.path().join("e2e.db").display()))
    };
    configure(&mut config);
    let started =
        switchboard_backend::start(&config).await.unwrap_or_else(|e| panic!("the backend did not start: {e}"));
    Portal { url: started.public_url.clone(), _data: data, server: started.server }
}

/// Headless Chromium under a chromedriver of its own; both end when dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    /// The browser's profile; files it downloads land in `downloads()`.
    profile: tempfile::TempDir,
}

impl Browser {
    pub fn downloads(&self) -> PathBuf {
        self.profile.path().join("downloads")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

pub async fn browser() -> Browser {
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let chrome = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let port = free_port();
    let log_dir = workspace_root().join("target/e2e-logs");
    let _ = std::fs::create_dir_all(&log_dir);
    let driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .arg(format!("--log-path={}", log_dir.join(format!("chromedriver-{port}.log")).display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {chromedriver} ({e}): run `cargo xtask test`, which installs it"));
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = tokio::time::Instant::now() + WAIT;
    while tokio::net::TcpStream::connect(addr).await.is_err() {
        assert!(tokio::time::Instant::now() < deadline, "chromedriver did not start listening on {addr}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let profile = tempfile::tempdir().expect("temporary folder");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chrome,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", format!("--user-data-dir={}", profile.path().display()),
            ],
            "prefs": {
                "download.default_directory": profile.path().join("downloads"),
                "download.prompt_for_download": false,
            },
        }),
    );
    // chromedriver keeps the page's console and uncaught errors for `page_errors`.
    caps.insert("goog:loggingPrefs".into(), serde_json::json!({ "browser": "ALL" }));
    // A cold Chromium occasionally fails its very first start; a new session
    // is the remedy, so try a few times before giving up with the reason.
    let mut attempt = 1;
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&format!("http://{addr}")).await {
            Ok(client) => break client,
            Err(e) if attempt < 3 => {
                eprintln!("WebDriver session attempt {attempt} failed: {e}; retrying");
                attempt += 1;
            }
            Err(e) => panic!("no WebDriver session in headless Chromium ({chrome}): {e}; see {}", log_dir.display()),
        }
    };
    Browser { client, driver, profile }
}

/// Runs a browser test; on failure saves a screenshot under
/// `target/e2e-screenshots/{name}.png`, then fails the test.
pub async fn run<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Client, String) -> Fut,
    Fut: std::future::Future<Output = TestResult>,
{
    run_with(name, |_| {}, test).await;
}

/// `run`, also given the folder where the browser saves downloads.
pub async fn run_downloading<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Client, String, PathBuf) -> Fut,
    Fut: std::future::Future<Output = TestResult>,
{
    run_in(name, |_| {}, |browser, url| test(browser.client.clone(), url, browser.downloads())).await;
}

/// `run` against a portal configured by `configure`.
pub async fn run_with<F, Fut>(name: &str, configure: impl FnOnce(&mut Config), test: F)
where
    F: FnOnce(Client, String) -> Fut,
    Fut: std::future::Future<Output = TestResult>,
{
    run_in(name, configure, |browser, url| test(browser.client.clone(), url)).await;
}

async fn run_in<F, Fut>(name: &str, configure: impl FnOnce(&mut Config), test: F)
where
    F: FnOnce(&Browser, String) -> Fut,
    Fut: std::future::Future<Output = TestResult>,
{
    let portal = start_portal(configure).await;
    let browser = browser().await;
    let outcome = test(&browser, portal.url.clone()).await;
    // Whatever the test looked at, a panic or an uncaught error of any page
    // it went through fails it.
    let outcome = match (outcome, page_errors(&browser.client).await) {
        (Ok(()), Ok(errors)) if !errors.is_empty() => Err(format!("the portal failed: {errors:#?}").into()),
        (Ok(()), Err(e)) => Err(format!("the browser's log could not be read: {e}").into()),
        (outcome, _) => outcome,
    };
    if let Err(e) = outcome {
        let dir = workspace_root().join("target/e2e-screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        if let Ok(png) = browser.client.screenshot().await {
            let _ = std::fs::write(&path, png);
        }
        let _ = browser.client.clone().close().await;
        panic!("{name} failed: {e} (screenshot: {})", path.display());
    }
    let _ = browser.client.clone().close().await;
}

/// chromedriver's log of the page's console (`goog:loggingPrefs`); each
/// reading takes what came since the last.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

/// A Chrome DevTools command, through chromedriver.
#[derive(Debug)]
struct DevTools {
    command: &'static str,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// The page as a phone of `width` CSS pixels shows it (a window cannot be
/// made narrower than 500 px).
pub async fn phone_width(client: &Client, width: u32) -> Result<(), CmdError> {
    let params = serde_json::json!({ "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": true });
    client.issue_cmd(DevTools { command: "Emulation.setDeviceMetricsOverride", params }).await.map(drop)
}

/// Every request of the page from now on answered `latency_ms` later (the
/// browser's network emulation): a page's module still loading while the
/// person acts.
pub async fn slow_network(client: &Client, latency_ms: u32) -> Result<(), CmdError> {
    client.issue_cmd(DevTools { command: "Network.enable", params: serde_json::json!({}) }).await?;
    let params = serde_json::json!({
        "offline": false, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1
    });
    client.issue_cmd(DevTools { command: "Network.emulateNetworkConditions", params }).await.map(drop)
}

/// A W3C WebAuthn automation command (`/session/{id}/webauthn/…`).
#[derive(Debug)]
struct WebAuthn {
    path: String,
    method: http::Method,
    body: Option<serde_json::Value>,
}

impl WebDriverCompatibleCommand for WebAuthn {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/webauthn/{}", session.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (self.method.clone(), self.body.as_ref().map(ToString::to_string))
    }
}

/// A virtual authenticator in the browser, as a phone or laptop's own
/// (internal, CTAP2, resident keys, user verification that always
/// succeeds): the passkeys it makes and uses stay in it. Its id.
pub async fn virtual_authenticator(client: &Client) -> Result<String, CmdError> {
    let options = serde_json::json!({
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": true,
        "hasUserVerification": true, "isUserConsenting": true, "isUserVerified": true,
    });
    let command = WebAuthn { path: "authenticator".into(), method: http::Method::POST, body: Some(options) };
    let answer = client.issue_cmd(command).await?;
    Ok(answer
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| answer["authenticatorId"].as_str().unwrap_or_default().to_owned()))
}

/// The credentials the virtual authenticator holds.
pub async fn virtual_credentials(client: &Client, authenticator: &str) -> Result<Vec<serde_json::Value>, CmdError> {
    let path = format!("authenticator/{authenticator}/credentials");
    let answer = client.issue_cmd(WebAuthn { path, method: http::Method::GET, body: None }).await?;
    Ok(answer.as_array().cloned().unwrap_or_default())
}

/// Whether a console line is a failure of the portal: a Rust panic (the
/// panic hook writes `panicked at`), a trap (`RuntimeError: unreachable`) or
/// any uncaught exception or rejected promise. Failed requests (a 401 on a
/// wrong password) are the server's answers, not failures of the page.
pub fn is_page_failure(line: &str) -> bool {
    ["panicked at", "RuntimeError", "Uncaught"].iter().any(|sign| line.contains(sign))
}

/// The panics and uncaught errors of every page the browser showed since
/// the last call.
pub async fn page_errors(client: &Client) -> Result<Vec<String>, CmdError> {
    let log = client.issue_cmd(BrowserLog).await?;
    let lines = log.as_array().into_iter().flatten().filter_map(|entry| entry["message"].as_str());
    Ok(lines.filter(|line| is_page_failure(line)).map(str::to_owned).collect())
}

fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("concat('{}')", s.replace('\'', "', \"'\", '"))
    }
}

async fn wait_for(client: &Client, xpath: &str) -> Result<Element, fantoccini::error::CmdError> {
    client.wait().at_most(WAIT).for_element(Locator::XPath(xpath)).await
}

/// The form control whose label (or aria-label) is `label`.
pub async fn field(client: &Client, label: &str) -> Result<Element, fantoccini::error::CmdError> {
    let l = xpath_literal(label);
    let xpath = format!(
        "//*[self::input or self::select or self::textarea][@aria-label={l} or @id=//label[normalize-space(.)={l}]/@for]"
    );
    wait_for(client, &xpath).await
}

/// The button whose accessible name is `name`.
pub async fn button(client: &Client, name: &str) -> Result<Element, fantoccini::error::CmdError> {
    let n = xpath_literal(name);
    wait_for(client, &format!("//button[normalize-space(.)={n} or @aria-label={n}]")).await
}

/// A table cell whose whole text is `text`.
pub async fn cell(client: &Client, text: &str) -> Result<Element, fantoccini::error::CmdError> {
    wait_for(client, &format!("//table//td[normalize-space(.)={}]", xpath_literal(text))).await
}

/// A message (status, alert or paragraph) that contains `text`.
pub async fn message(client: &Client, text: &str) -> Result<Element, fantoccini::error::CmdError> {
    let t = xpath_literal(text);
    wait_for(
        client,
        &format!("//*[@role='status' or @role='alert' or self::p or self::li][contains(normalize-space(.), {t})]"),
    )
    .await
}

/// The link whose text is `name`.
pub async fn link(client: &Client, name: &str) -> Result<Element, fantoccini::error::CmdError> {
    wait_for(client, &format!("//a[normalize-space(.)={}]", xpath_literal(name))).await
}

/// Polls `check` every 100 ms until it holds (true) or the harness's wait
/// runs out (false): for conditions no single element expresses.
pub async fn eventually<F, Fut>(mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + WAIT;
    while tokio::time::Instant::now() < deadline {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// On the Outbox page: the activation link of the mail to `to` whose subject is `subject`.
pub async fn outbox_activation_link(
    client: &Client,
    to: &str,
    subject: &str,
) -> Result<String, fantoccini::error::CmdError> {
    link(client, "Outbox").await?.click().await?;
    field(client, "Recipient").await?.send_keys(to).await?;
    button(client, "Show").await?.click().await?;
    let summary =
        format!("//details[contains(., {})]/summary[contains(., {})]", xpath_literal(to), xpath_literal(subject));
    wait_for(client, &summary).await?.click().await?;
    let anchor = wait_for(client, "//details//a[contains(@href, '/activate?token=')]").await?;
    Ok(anchor.attr("href").await?.unwrap_or_default())
}

/// Signs in through the API, as an integration would: the access token and
/// the caller's own tenant.
pub async fn api_sign_in(
    http: &reqwest::Client,
    url: &str,
    email: &str,
) -> Result<(String, String), Box<dyn Error + Send + Sync>> {
    let login: serde_json::Value = http
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": DEMO_PASSWORD }))
        .send()
        .await?
        .json()
        .await?;
    let field = |key: &str| login["user"][key].as_str().map(str::to_owned);
    let token = login["accessToken"].as_str().map(str::to_owned);
    Ok((token.ok_or("no access token")?, field("primaryTenant").ok_or("no tenant")?))
}

/// The person's sessions last authenticated long ago, in the portal's
/// SQLite database: the next sensitive change asks who they are.
pub async fn age_sessions(database_url: &str, email: &str) -> TestResult {
    let db = sqlx::SqlitePool::connect(database_url).await?;
    sqlx::query(
        "UPDATE sessions SET authenticated_at = '2026-01-01T00:00:00.000Z' \
         WHERE user_id = (SELECT id FROM users WHERE email_key = $1)",
    )
    .bind(email)
    .execute(&db)
    .await?;
    db.close().await;
    Ok(())
}

/// Signs in through the login form.
pub async fn sign_in(client: &Client, url: &str, email: &str, password: &str) -> TestResult {
    client.goto(&format!("{url}/login")).await?;
    field(client, "Email").await?.send_keys(email).await?;
    field(client, "Password").await?.send_keys(password).await?;
    button(client, "Sign in").await?.click().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn xpath_literals_quote_apostrophes() {
        assert_eq!(super::xpath_literal("Email"), "'Email'");
        assert_eq!(super::xpath_literal("O'Brien"), "concat('O', \"'\", 'Brien')");
    }

    #[test]
    fn panics_traps_and_uncaught_errors_are_failures_and_refused_requests_are_not() {
        for line in [
            "http://127.0.0.1:1/switchboard.js 0:0 \"panicked at frontend/src/pages/users.rs:103:1:\\nboom\"",
            "http://127.0.0.1:1/switchboard_bg.wasm 0 Uncaught RuntimeError: unreachable",
            "http://127.0.0.1:1/ 12:3 Uncaught TypeError: x is not a function",
            "http://127.0.0.1:1/ 0 Uncaught (in promise) Error: gone",
        ] {
            assert!(super::is_page_failure(line), "{line}");
        }
        let refused = "http://127.0.0.1:1/api/v1/auth/login - Failed to load resource: the server responded with a status of 401 (Unauthorized)";
        assert!(!super::is_page_failure(refused));
    }
}
