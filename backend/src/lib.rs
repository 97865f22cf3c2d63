//! The Switchboard server: the JSON API under `/api/v1` and the built SPA, on
//! one address. See docs/ARCHITECTURE.md for how a request flows.

pub mod auth;
pub mod authz;
pub mod config;
pub mod customer_changes;
pub mod db;
pub mod device_changes;
pub mod error;
pub mod mail;
pub mod mail_sender;
pub mod page_cache;
pub mod pbx;
pub mod routes;
pub mod seed;
mod spa;
pub mod store;
pub mod time;
pub mod user_changes;
pub mod user_import;
pub mod users_csv;

use std::{net::SocketAddr, path::Path, sync::Arc};

use axum::{
    extract::State,
    http::{header, HeaderValue, Request, StatusCode},
    routing::get,
    Router,
};
use tower_http::{set_header::SetResponseHeaderLayer, timeout::TimeoutLayer, trace::TraceLayer};

use crate::{auth::tokens::JwtKeys, config::Config, db::Db, error::ApiError};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub writes: Arc<db::Writes>,
    pub keys: Arc<JwtKeys>,
    pub throttle: Arc<auth::throttle::Throttle>,
    /// The base of links in e-mail, without a trailing slash.
    pub public_url: Arc<str>,
    /// Where the UC clients are downloaded, for the UC welcome e-mail.
    pub uc_downloads_url: Arc<str>,
    pub pages: Arc<page_cache::PageCache>,
    /// How e-mail leaves (outbox only, or SMTP too).
    pub mail: Arc<mail_sender::Mail>,
    /// Outgoing HTTP (PBX directories).
    /// How the server reaches PBXs (public addresses only, unless allowed).
    pub pbx: pbx::Egress,
}

/// Only our own files; wasm may be compiled; no inline script or style, no
/// framing. (`cargo xtask` moves Trunk's inline loader into a file.)
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A request still running after this is answered 408 and dropped.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The whole HTTP application.
pub fn app(state: AppState, dist: &Path) -> Router {
    Router::new()
        .merge(routes::api(state.clone()))
        .route("/healthz", get(healthz))
        .merge(spa::service(dist))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        // Spans name the method and path only: query strings can carry tokens.
        .layer(TraceLayer::new_for_http().make_span_with(
            |req: &Request<_>| tracing::info_span!("request", method = %req.method(), path = %req.uri().path()),
        ))
        .with_state(state)
}

/// 200 once the database is migrated and answering.
async fn healthz(State(state): State<AppState>) -> Result<&'static str, StatusCode> {
    sqlx::query("SELECT 1").execute(&state.db).await.map(|_| "ok").map_err(|_| StatusCode::SERVICE_UNAVAILABLE)
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database {url}: {source}")]
    Database { url: String, source: sqlx::Error },
    #[error("cannot prepare the server: {0}")]
    Setup(#[from] ApiError),
    #[error(transparent)]
    Mail(#[from] mail_sender::MailConfigError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

pub struct Started {
    /// Where it listens (the real port when the configured one was 0).
    pub addr: SocketAddr,
    /// Set when this start seeded a new database.
    pub demo: Option<seed::DemoSeed>,
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Opens and migrates the database, seeds it if new, and starts serving.
pub async fn start(config: &Config) -> Result<Started, StartError> {
    let db = db::connect(&config.database_url)
        .await
        .map_err(|source| StartError::Database { url: config::redact_url(&config.database_url), source })?;
    let demo = seed::seed_if_empty(&db, config.demo_password.clone()).await?;
    store::search::index_missing(&db).await?;
    let keys = Arc::new(
        JwtKeys::load_or_create(&db, config.jwt_secret.as_deref(), config.jwt_previous_secret.as_deref())
            .await?
            .with_access_ttl(config.access_token_ttl_secs),
    );
    let mail = Arc::new(mail_sender::Mail::new(config.smtp_url.as_deref(), config.smtp_from.as_deref())?);
    let dialect = db::Dialect::of(&config.database_url);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| StartError::Bind { addr: config.addr, source })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: config.addr, source })?;
    let public_url: Arc<str> = config.public_url.clone().unwrap_or_else(|| format!("http://{addr}")).into();
    let uc_downloads_url =
        config.uc_downloads_url.clone().unwrap_or_else(|| format!("{public_url}/downloads/uc")).into();
    let state = AppState {
        db,
        writes: Arc::new(db::Writes::new(dialect)),
        keys,
        throttle: Arc::default(),
        public_url,
        uc_downloads_url,
        pages: Arc::default(),
        pbx: pbx::Egress::new(config.pbx_allow_private),
        mail: mail.clone(),
    };
    mail_sender::spawn(state.db.clone(), mail);
    // The client's address feeds the sign-in throttle.
    let app = app(state, &config.dist_dir).layer(config.client_ip_source.clone().into_extension());
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(Started { addr, demo, server })
}
