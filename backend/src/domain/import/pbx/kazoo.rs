//! A Kazoo-style REST directory: the API key is exchanged for an auth token
//! (`PUT {base}/v2/api_auth`), then `GET {base}/v2/accounts/{account}/users`
//! is read page by page (`next_start_key`).
//!
//! Each user becomes a row: `first_name last_name` the display name, `email`
//! (else a `username` that is an address) the e-mail, the digits of
//! `presence_id` the extension, `id` the external id, and a non-empty
//! `queues` list (ACDc call-centre queues) marks an agent.

use std::time::Duration;

use serde::{de::DeserializeOwned, Deserialize};
use serde_json::{json, Value};

use super::super::ImportRow;
use super::{Directory, Listing};
use crate::{
    domain::{
        egress::{self, ReadError, MAX_ANSWER_BYTES},
        Error,
    },
    store::customers::PbxTarget,
};

/// Directories larger than this many pages are refused rather than read forever.
const MAX_PAGES: usize = 1_000;
const TIMEOUT: Duration = Duration::from_secs(15);

pub struct Kazoo {
    target: PbxTarget,
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct AuthReply {
    auth_token: Option<String>,
}

#[derive(Deserialize)]
struct UsersPage {
    #[serde(default)]
    data: Vec<User>,
    #[serde(default)]
    next_start_key: Option<Value>,
}

#[derive(Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    presence_id: Option<String>,
    #[serde(default)]
    queues: Vec<Value>,
}

impl Kazoo {
    pub fn new(target: PbxTarget, http: reqwest::Client) -> Self {
        Self { target, http }
    }

    async fn auth_token(&self, budget: &mut usize) -> Result<String, Error> {
        let key = self.target.secret.as_deref().ok_or_else(|| failed("pbx_auth_failed", "no API key is configured"))?;
        let reply = self
            .http
            .put(format!("{}/v2/api_auth", self.target.base_url))
            .json(&json!({ "data": { "api_key": key } }))
            .timeout(TIMEOUT)
            .send()
            .await
            .map_err(unreachable)?;
        let reply: AuthReply = read(reply, budget).await?;
        reply.auth_token.ok_or_else(|| failed("pbx_bad_response", "the PBX answered without an auth token"))
    }
}

impl Directory for Kazoo {
    async fn users(&self) -> Result<Listing, Error> {
        // What every answer of the listing may hold, together.
        let mut budget = MAX_ANSWER_BYTES;
        let token = self.auth_token(&mut budget).await?;
        let url = format!("{}/v2/accounts/{}/users", self.target.base_url, self.target.account_id);
        let mut rows = Vec::new();
        let mut start_key: Option<Value> = None;
        for _ in 0..MAX_PAGES {
            let mut request = self.http.get(&url).header("X-Auth-Token", &token).timeout(TIMEOUT);
            if let Some(key) = &start_key {
                let key = key.as_str().map_or_else(|| key.to_string(), str::to_owned);
                request = request.query(&[("start_key", key)]);
            }
            let page: UsersPage = read(request.send().await.map_err(unreachable)?, &mut budget).await?;
            rows.extend(page.data);
            match page.next_start_key {
                Some(key) if !key.is_null() => start_key = Some(key),
                _ => {
                    let rows = rows.into_iter().enumerate().map(|(i, u)| row(i + 1, u)).collect();
                    return Ok(Listing { rows, rejected: Vec::new() });
                }
            }
        }
        Err(failed("pbx_bad_response", "the directory did not end after 1,000 pages"))
    }
}

fn row(position: usize, u: User) -> ImportRow {
    let name = [u.first_name, u.last_name].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let email = u.email.or(u.username.filter(|n| n.contains('@'))).unwrap_or_default();
    // `presence_id` may be `1001` or `1001@realm`: the digits are the extension.
    let extension = u
        .presence_id
        .and_then(|p| p.split('@').next().map(str::to_owned))
        .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ImportRow {
        row: position,
        display_name: name,
        email,
        extension,
        external_id: Some(u.id),
        agent: !u.queues.is_empty(),
    }
}

/// The PBX's answer, if it is a success, read within `budget` bytes.
async fn read<T: DeserializeOwned>(reply: reqwest::Response, budget: &mut usize) -> Result<T, Error> {
    let body = egress::read_bounded(checked(reply).await?, budget).await.map_err(|e| match e {
        ReadError::Failed(e) => unreachable(e),
        ReadError::TooLarge => failed("pbx_bad_response", "the PBX's answer is larger than this server reads"),
    })?;
    serde_json::from_slice(&body).map_err(|_| failed("pbx_bad_response", "the PBX's answer is not a Kazoo user list"))
}

/// The PBX's answer, if it is a success.
async fn checked(reply: reqwest::Response) -> Result<reqwest::Response, Error> {
    match reply.status() {
        s if s.is_success() => Ok(reply),
        s if s == 401 || s == 403 => Err(failed("pbx_auth_failed", "the PBX refused the API key")),
        s if s == 404 => Err(failed("pbx_error", "the PBX has no such account")),
        s => Err(failed("pbx_error", &format!("the PBX answered {s}"))),
    }
}

fn failed(code: &'static str, detail: &str) -> Error {
    Error::Pbx { code, detail: detail.to_owned() }
}

// Only the kind of failure is told: reqwest's message names the URL, which is
// the customer's configuration, not the caller's business beyond "unreachable".
fn unreachable(e: reqwest::Error) -> Error {
    let detail = if e.is_timeout() { "the PBX did not answer in time" } else { "the PBX could not be reached" };
    failed("pbx_unreachable", detail)
}
