//! The Switchboard server: the JSON API under `/api/v1` and the built SPA, on
//! one address, in three layers: `http` → `domain` → `store` (see
//! docs/ARCHITECTURE.md). `auth` holds passwords, tokens and the sign-in
//! throttle.

pub mod auth;
pub mod config;
pub mod domain;
pub mod http;
pub mod store;
pub mod time;

use std::{net::SocketAddr, sync::Arc};

use crate::{
    auth::{password::Hasher, throttle::Throttle, tokens::JwtKeys},
    config::Config,
    domain::{mail, Domain, Links},
    http::AppState,
};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database {url}: {source}")]
    Database { url: String, source: sqlx::Error },
    #[error("cannot prepare the server: {0}")]
    Setup(#[from] domain::Error),
    #[error(transparent)]
    Mail(#[from] mail::MailConfigError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

pub struct Started {
    /// Where it listens (the real port when the configured one was 0).
    pub addr: SocketAddr,
    /// Set when this start seeded a new database.
    pub seeded: Option<domain::seed::Seeded>,
    /// The portal as people reach it (`SWITCHBOARD_PUBLIC_URL`, else this
    /// address, named `localhost` when it is a loopback one: browsers offer
    /// passkeys at a host name only).
    pub public_url: String,
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Opens and migrates the database, seeds it if new (see `Config::seed`),
/// and starts serving.
pub async fn start(config: &Config) -> Result<Started, StartError> {
    let db = store::connect(&config.database_url)
        .await
        .map_err(|source| StartError::Database { url: config::redact_url(&config.database_url), source })?;
    let hasher = Arc::new(Hasher::new(config.password_hashing));
    let seeded = domain::seed::if_empty(&db, &hasher, &config.seed).await?;
    store::search::index_missing(&db).await.map_err(domain::Error::from)?;
    let keys = Arc::new(
        JwtKeys::load_or_create(&db, config.jwt_secret.as_deref(), config.jwt_previous_secret.as_deref())
            .await
            .map_err(domain::Error::from)?
            .with_access_ttl(config.access_token_ttl_secs),
    );
    let mail = Arc::new(mail::Sender::new(config.smtp_url.as_deref(), config.smtp_from.as_deref())?);
    let dialect = store::Dialect::of(&config.database_url);
    let listener = http::serve::listen(config.addr).map_err(|source| StartError::Bind { addr: config.addr, source })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: config.addr, source })?;
    let public_url = config.public_url.clone().unwrap_or_else(|| match addr.ip().is_loopback() {
        true => format!("http://localhost:{}", addr.port()),
        false => format!("http://{addr}"),
    });
    let webauthn = domain::passkeys::relying_party(&public_url).map(Arc::new);
    if webauthn.is_none() {
        tracing::warn!(%public_url, "passkeys are off: browsers offer them at a host name only (SWITCHBOARD_PUBLIC_URL)");
    }
    let uc_downloads_url = config.uc_downloads_url.clone().unwrap_or_else(|| format!("{public_url}/downloads/uc"));
    let (resets, reset_requests) = domain::account::ResetQueue::new();
    let domain = Domain {
        store: store::Store::new(db.clone(), dialect),
        keys,
        // One instance serves a SQLite file; PostgreSQL's are counted together.
        throttle: Arc::new(match dialect {
            store::Dialect::Sqlite => Throttle::default(),
            store::Dialect::Postgres => Throttle::shared(db.clone()),
        }),
        hasher,
        mail: mail.clone(),
        egress: domain::egress::Egress::new(config.allow_private_egress),
        links: Arc::new(Links { public_url: public_url.clone(), uc_downloads_url }),
        resets,
        webauthn,
    };
    domain::account::spawn_reset_mailer(domain.clone(), reset_requests);
    spawn_sweeping_sessions(db.clone());
    mail::sender::spawn(db, mail);
    let rate_limits = Arc::new(http::rate_limit::RateLimits::new(config.rate_limit));
    spawn_forgetting_idle(rate_limits.clone());
    let state = AppState { domain, pages: Arc::default(), rate_limits };
    // The client's address feeds the sign-in throttle.
    let app = http::app(state, &config.dist_dir).layer(config.client_ip_source.clone().into_extension());
    let server = tokio::spawn(http::serve::serve(listener, app, config.connections));
    Ok(Started { addr, seeded, public_url, server })
}

/// Every hour (and at start) the sessions that ended or expired are
/// forgotten with their refresh tokens (and the second steps of sign-ins
/// and passkey ceremonies that expired or were used), so that integrations signing in on a
/// loop do not grow the tables without end.
fn spawn_sweeping_sessions(db: store::Db) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match store::sessions::sweep(&db).await {
                Ok(0) => {}
                Ok(gone) => tracing::info!(gone, "forgot ended and expired sessions"),
                Err(e) => tracing::warn!(error = %e, "could not sweep the sessions"),
            }
            if let Err(e) = store::mfa::sweep_challenges(&db).await {
                tracing::warn!(error = %e, "could not sweep the sign-ins' second steps");
            }
            if let Err(e) = store::passkeys::sweep_ceremonies(&db).await {
                tracing::warn!(error = %e, "could not sweep the passkey ceremonies");
            }
        }
    });
}

/// Every ten seconds the rate limits forget the callers gone quiet, so their
/// memory follows the callers of the last seconds, not every one ever seen
/// (a flood from made-up addresses makes tens of thousands a second).
fn spawn_forgetting_idle(rate_limits: Arc<http::rate_limit::RateLimits>) {
    let rate_limits = Arc::downgrade(&rate_limits);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(10));
        loop {
            every.tick().await;
            // The server that owned them has stopped (a test's instance).
            let Some(rate_limits) = rate_limits.upgrade() else { return };
            rate_limits.forget_idle();
        }
    });
}
