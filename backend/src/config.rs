//! Configuration from the environment (documented in README.md).

use std::{net::SocketAddr, path::PathBuf, time::Duration};

pub use axum_client_ip::ClientIpSource;

use crate::auth::tokens::ACCESS_TOKEN_TTL_SECS;
pub use crate::{auth::password::HashLimits, domain::seed::Seed, http::serve::Connections};

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/switchboard.db?mode=rwc";
pub const DEFAULT_RATE_LIMIT: u32 = 50;

#[derive(Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// What an empty database is seeded with: the demo
    /// (`SWITCHBOARD_DEMO=true`, `cargo xtask run`) or the platform and its
    /// first administrator (`SWITCHBOARD_ADMIN_EMAIL`).
    pub seed: Seed,
    /// The access-token signing secret; generated and stored in the database when unset.
    pub jwt_secret: Option<String>,
    /// While rotating a configured secret: the previous one, still accepted.
    pub jwt_previous_secret: Option<String>,
    /// The portal's address as people reach it: links in e-mail and the
    /// passkeys' relying party (`SWITCHBOARD_PUBLIC_URL`; when unset, the
    /// listening address, named `localhost` when it is a loopback one).
    pub public_url: Option<String>,
    /// Where people download the UC clients, linked from the UC welcome
    /// e-mail (`SWITCHBOARD_UC_DOWNLOADS_URL`; the public URL's
    /// `/downloads/uc` when unset).
    pub uc_downloads_url: Option<String>,
    /// Where the built SPA lives (Trunk's `dist/`).
    pub dist_dir: PathBuf,
    /// Where a client's address comes from, for the sign-in throttle
    /// (`SWITCHBOARD_CLIENT_IP_SOURCE`): the socket (`ConnectInfo`, the
    /// default) or, behind a proxy, the header it sets (`RightmostXForwardedFor`,
    /// `XRealIp`, …). A header is trusted only when configured, since a
    /// client reaching the server directly could send any value.
    pub client_ip_source: ClientIpSource,
    /// How long access tokens live (`SWITCHBOARD_ACCESS_TOKEN_TTL_SECS`,
    /// 1 to 900 seconds; 900 when unset). Clients refresh them with their
    /// refresh token, so a shorter life costs only refreshes.
    pub access_token_ttl_secs: u64,
    /// The SMTP server e-mail is sent through (`SMTP_URL`, e.g.
    /// `smtp://user:pass@mail.example.com:587?tls=required`); unset: e-mail
    /// stays in the outbox, which the portal shows.
    pub smtp_url: Option<String>,
    /// The sender of that e-mail (`SMTP_FROM`; `Switchboard <noreply@localhost>` when unset).
    pub smtp_from: Option<String>,
    /// Whether the server's outbound connections (PBXs, webhooks) may reach
    /// private networks: loopback, RFC 1918, link-local…
    /// (`SWITCHBOARD_ALLOW_PRIVATE_EGRESS=true`, or its older name
    /// `SWITCHBOARD_PBX_ALLOW_PRIVATE`); public addresses only when unset, so
    /// staff cannot point the server at its own network.
    pub allow_private_egress: bool,
    /// How many password hashes run at once (`SWITCHBOARD_HASH_CONCURRENCY`,
    /// one per core when unset) and how long a sign-in or activation waits
    /// for a turn before it is answered 503.
    pub password_hashing: HashLimits,
    /// Requests per second per signed-in caller, and per address for the
    /// routes without credentials (`SWITCHBOARD_RATE_LIMIT`, 50 when unset;
    /// bursts of twice that; 0 turns the limit off, for load benchmarks).
    pub rate_limit: u32,
    /// How many client connections are open at once, and how long a client
    /// has to send a request's headers.
    pub connections: Connections,
}

// Hand-written so that secrets never reach a log line through `{:?}`.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("database", &redact_url(&self.database_url))
            .field("dist_dir", &self.dist_dir)
            .field("client_ip_source", &self.client_ip_source)
            .field("smtp", &self.smtp_url.as_deref().map(redact_url))
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{name} is not valid: {reason}")]
pub struct ConfigError {
    name: &'static str,
    reason: String,
}

impl Config {
    /// Every setting at its default, on this database and a free port of
    /// loopback (for tests, benchmarks and tools that start a server).
    pub fn local(database_url: impl Into<String>) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: database_url.into(),
            seed: Seed::Demo { password: None },
            jwt_secret: None,
            jwt_previous_secret: None,
            public_url: None,
            uc_downloads_url: None,
            dist_dir: PathBuf::from("dist"),
            client_ip_source: ClientIpSource::ConnectInfo,
            access_token_ttl_secs: ACCESS_TOKEN_TTL_SECS,
            smtp_url: None,
            smtp_from: None,
            allow_private_egress: false,
            password_hashing: HashLimits::sized_to_cores(),
            rate_limit: DEFAULT_RATE_LIMIT,
            connections: Connections::default(),
        }
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let addr = var("SWITCHBOARD_ADDR").unwrap_or_else(|| DEFAULT_ADDR.into());
        Ok(Self {
            addr: addr.parse().map_err(|e: std::net::AddrParseError| ConfigError {
                name: "SWITCHBOARD_ADDR",
                reason: e.to_string(),
            })?,
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            seed: seed(flag("SWITCHBOARD_DEMO")?, var("SWITCHBOARD_DEMO_PASSWORD"), var("SWITCHBOARD_ADMIN_EMAIL"))?,
            jwt_secret: jwt_secret(var("SWITCHBOARD_JWT_SECRET"))?,
            jwt_previous_secret: var("SWITCHBOARD_JWT_PREVIOUS_SECRET"),
            public_url: var("SWITCHBOARD_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_owned()),
            uc_downloads_url: var("SWITCHBOARD_UC_DOWNLOADS_URL"),
            dist_dir: var("SWITCHBOARD_DIST").map_or_else(|| PathBuf::from("dist"), PathBuf::from),
            client_ip_source: match var("SWITCHBOARD_CLIENT_IP_SOURCE") {
                None => ClientIpSource::ConnectInfo,
                Some(v) => v.parse().map_err(|_| ConfigError {
                    name: "SWITCHBOARD_CLIENT_IP_SOURCE",
                    reason: format!("{v:?} is none of ConnectInfo, RightmostXForwardedFor, RightmostForwarded, XRealIp, CfConnectingIp, TrueClientIp, FlyClientIp, CloudFrontViewerAddress"),
                })?,
            },
            smtp_url: var("SMTP_URL"),
            smtp_from: var("SMTP_FROM"),
            allow_private_egress: flag("SWITCHBOARD_ALLOW_PRIVATE_EGRESS")? || flag("SWITCHBOARD_PBX_ALLOW_PRIVATE")?,
            password_hashing: match var("SWITCHBOARD_HASH_CONCURRENCY") {
                None => HashLimits::sized_to_cores(),
                Some(v) => HashLimits {
                    concurrency: v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| ConfigError {
                        name: "SWITCHBOARD_HASH_CONCURRENCY",
                        reason: format!("{v:?} is not a number of at least 1"),
                    })?,
                    ..HashLimits::sized_to_cores()
                },
            },
            rate_limit: match var("SWITCHBOARD_RATE_LIMIT") {
                None => DEFAULT_RATE_LIMIT,
                Some(v) => v.parse().map_err(|_| ConfigError {
                    name: "SWITCHBOARD_RATE_LIMIT",
                    reason: format!("{v:?} is not a number of requests per second (0 for no limit)"),
                })?,
            },
            connections: Connections {
                max: match var("SWITCHBOARD_MAX_CONNECTIONS") {
                    None => Connections::default().max,
                    Some(v) => v.parse().ok().filter(|n| *n >= 1).ok_or_else(|| ConfigError {
                        name: "SWITCHBOARD_MAX_CONNECTIONS",
                        reason: format!("{v:?} is not a number of at least 1"),
                    })?,
                },
                header_read_timeout: match var("SWITCHBOARD_HEADER_READ_TIMEOUT_SECS") {
                    None => Connections::default().header_read_timeout,
                    Some(v) => v.parse().ok().filter(|n| *n >= 1).map(Duration::from_secs).ok_or_else(|| ConfigError {
                        name: "SWITCHBOARD_HEADER_READ_TIMEOUT_SECS",
                        reason: format!("{v:?} is not a number of seconds of at least 1"),
                    })?,
                },
            },
            access_token_ttl_secs: match var("SWITCHBOARD_ACCESS_TOKEN_TTL_SECS") {
                None => ACCESS_TOKEN_TTL_SECS,
                Some(v) => v.parse().ok().filter(|s| (1..=ACCESS_TOKEN_TTL_SECS).contains(s)).ok_or_else(|| ConfigError {
                    name: "SWITCHBOARD_ACCESS_TOKEN_TTL_SECS",
                    reason: format!("{v:?} is not a number of seconds from 1 to {ACCESS_TOKEN_TTL_SECS}"),
                })?,
            },
        })
    }
}

/// A true/false setting; false when unset.
fn flag(name: &'static str) -> Result<bool, ConfigError> {
    match std::env::var(name).ok().as_deref() {
        None | Some("" | "false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(v) => Err(ConfigError { name, reason: format!("{v:?} is neither true nor false") }),
    }
}

fn seed(demo: bool, demo_password: Option<String>, admin_email: Option<String>) -> Result<Seed, ConfigError> {
    match (demo, demo_password, admin_email) {
        (true, password, None) => Ok(Seed::Demo { password }),
        (true, _, Some(_)) => Err(ConfigError {
            name: "SWITCHBOARD_ADMIN_EMAIL",
            reason: "it names a real administrator, and SWITCHBOARD_DEMO=true asks for demo accounts: choose one"
                .into(),
        }),
        (false, Some(_), _) => Err(ConfigError {
            name: "SWITCHBOARD_DEMO_PASSWORD",
            reason: "it is the demo accounts' password, and SWITCHBOARD_DEMO=true is not set".into(),
        }),
        (false, None, Some(email)) => {
            switchboard_shared::fields::email(&email)
                .map_err(|e| ConfigError { name: "SWITCHBOARD_ADMIN_EMAIL", reason: e.message })?;
            Ok(Seed::Admin { email: Some(email) })
        }
        (false, None, None) => Ok(Seed::Admin { email: None }),
    }
}

/// The shortest signing secret taken: HS256's key size. A shorter one could
/// be found offline from a single token.
pub const JWT_SECRET_MIN_BYTES: usize = 32;

fn jwt_secret(secret: Option<String>) -> Result<Option<String>, ConfigError> {
    match secret {
        Some(s) if s.len() < JWT_SECRET_MIN_BYTES => Err(ConfigError {
            name: "SWITCHBOARD_JWT_SECRET",
            reason: format!(
                "it has {} bytes; use at least {JWT_SECRET_MIN_BYTES} random ones (e.g. `openssl rand -base64 32`)",
                s.len()
            ),
        }),
        s => Ok(s),
    }
}

/// The URL without its password, for log lines.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***@{}", &url[..scheme_end], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_signing_secret_is_refused_with_the_reason() {
        let err = jwt_secret(Some("too short".into())).unwrap_err().to_string();
        assert!(err.contains("SWITCHBOARD_JWT_SECRET") && err.contains("at least 32"), "{err}");
        assert!(jwt_secret(Some("x".repeat(32))).unwrap().is_some());
        assert!(jwt_secret(None).unwrap().is_none());
    }

    #[test]
    fn the_demo_is_seeded_only_when_asked() {
        assert!(matches!(seed(false, None, None), Ok(Seed::Admin { email: None })));
        assert!(matches!(seed(true, None, None), Ok(Seed::Demo { password: None })));
        let Ok(Seed::Admin { email: Some(email) }) = seed(false, None, Some("ops@example.com".into())) else {
            panic!("an administrator")
        };
        assert_eq!(email, "ops@example.com");
        assert!(seed(false, None, Some("not an address".into())).unwrap_err().to_string().contains("ADMIN_EMAIL"));
        assert!(seed(false, Some("pw".into()), None).unwrap_err().to_string().contains("SWITCHBOARD_DEMO=true"));
        assert!(seed(true, None, Some("ops@example.com".into())).is_err());
    }

    #[test]
    fn redacts_database_passwords() {
        assert_eq!(redact_url("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
