//! Typed calls to `/api/v1`. Errors arrive as problem+json and leave as
//! `ApiError`, whose `message` is ready to show next to what caused it.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;
use switchboard_shared::{
    fields::FieldError, roles::Violation, ActivateRequest, AuditEvent, ChangePassword, CreateCustomer, CreateDevice,
    CreateUser, Customer, Device, DeviceId, DeviceList, ImportReport, LicenceUsage, LoginRequest, LoginResponse, Me,
    OutboxMessage, Page, PasswordResetConfirm, PasswordResetRequest, PatchProfile, PatchUser, Problem, Profile,
    RefreshRequest, RowError, SessionId, SessionList, TenantId, TenantSummary, TokenPair, User, UserDevices, UserId,
};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// Boxed: most errors have none, and results stay small.
    pub details: Box<Details>,
}

/// What a problem says about the parts of a request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Details {
    /// Broken role rules, each shown next to its role.
    pub violations: Vec<Violation>,
    /// Invalid fields, each shown next to its input.
    pub fields: Vec<FieldError>,
    /// With `user_exists`: the user who has the e-mail, when visible.
    pub existing_user_id: Option<UserId>,
    /// With `customer_exists`: the reseller's customer with that reference.
    pub existing_customer_id: Option<TenantId>,
    /// With `invalid_rows`: every row of an import that cannot be imported.
    pub rows: Vec<RowError>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// So that `ErrorBoundary` can hold it (the view shows it translated, by its code).
impl std::error::Error for ApiError {}

impl ApiError {
    pub fn local(code: &str, message: String) -> Self {
        Self { code: code.into(), message, ..Self::default() }
    }
}

fn unreachable() -> ApiError {
    ApiError::local("network", "The server cannot be reached. Check your connection and try again.".into())
}

async fn read<T: DeserializeOwned>(response: Result<Response, ApiError>) -> Result<T, ApiError> {
    let response = response?;
    if response.ok() {
        return response.json::<T>().await.map_err(|e| ApiError {
            status: response.status(),
            ..ApiError::local("bad_response", format!("The server sent an answer this page does not understand ({e})."))
        });
    }
    Err(problem(response).await)
}

async fn problem(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<Problem>().await {
        Ok(p) => {
            // Field errors read best as their own sentences.
            let message = if p.fields.is_empty() {
                p.detail.unwrap_or(p.title)
            } else {
                p.fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(". ")
            };
            ApiError {
                status,
                code: p.code,
                message,
                details: Box::new(Details {
                    violations: p.violations,
                    fields: p.fields,
                    existing_user_id: p.existing_user_id,
                    existing_customer_id: p.existing_customer_id,
                    rows: p.rows,
                }),
            }
        }
        Err(_) => ApiError { status, ..ApiError::local("http", format!("The server answered {status}.")) },
    }
}

/// For answers without a body (204).
async fn read_empty(response: Result<Response, ApiError>) -> Result<(), ApiError> {
    let response = response?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem(response).await)
    }
}

fn done(builder: RequestBuilder) -> Result<Request, ApiError> {
    builder.build().map_err(|e| ApiError::local("encode", e.to_string()))
}

fn json_body<T: serde::Serialize>(builder: RequestBuilder, body: &T) -> Result<Request, ApiError> {
    builder.json(body).map_err(|e| ApiError::local("encode", e.to_string()))
}

// The access token lives in this tab's memory only; the refresh token is an
// HttpOnly cookie the server sets at sign-in, which no script can read
// (docs/SECURITY.md). The app is single-threaded, so thread-locals are its
// globals.
thread_local! {
    static ACCESS_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<Shared<LocalBoxFuture<'static, bool>>>> = const { RefCell::new(None) };
    static ON_SESSION_LOST: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// What to do when the server no longer honours this tab's session (ended
/// from another device, by an administrator, by a password change): the
/// session, which signs the tab out, registers it once.
pub fn on_session_lost(f: impl Fn() + 'static) {
    ON_SESSION_LOST.with(|h| *h.borrow_mut() = Some(Box::new(f)));
}

fn session_lost() {
    ON_SESSION_LOST.with(|h| {
        if let Some(f) = h.borrow().as_ref() {
            f();
        }
    });
}

fn set_access_token(token: Option<String>) {
    ACCESS_TOKEN.with(|t| *t.borrow_mut() = token);
}

/// Sends what `build` makes with the access token; if that has expired,
/// refreshes it once and sends again, so callers never see an expiry. A 401
/// that refreshing cannot cure means the session is over: the tab is
/// signed out, here and only here.
async fn send_authed(build: impl Fn(&str) -> Result<Request, ApiError>) -> Result<Response, ApiError> {
    let token = ACCESS_TOKEN.with(|t| t.borrow().clone()).unwrap_or_default();
    let first = build(&token)?.send().await.map_err(|_| unreachable())?;
    if first.status() != 401 {
        return Ok(first);
    }
    if !refresh().await {
        session_lost();
        return Ok(first);
    }
    let token = ACCESS_TOKEN.with(|t| t.borrow().clone()).unwrap_or_default();
    let second = build(&token)?.send().await.map_err(|_| unreachable())?;
    if second.status() == 401 {
        session_lost();
    }
    Ok(second)
}

fn bearer(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

/// A new access token from the refresh cookie. Requests that find their
/// token expired at the same moment share one refresh: the cookie rotates
/// on use, so a second refresh with the same cookie would be a replay.
pub async fn refresh() -> bool {
    let shared =
        REFRESHING.with(|r| r.borrow_mut().get_or_insert_with(|| refresh_by_cookie().boxed_local().shared()).clone());
    let ok = shared.await;
    REFRESHING.with(|r| *r.borrow_mut() = None);
    ok
}

async fn refresh_by_cookie() -> bool {
    for _ in 0..2 {
        let sent = match json_body(Request::post("/api/v1/auth/refresh"), &RefreshRequest::default()) {
            Ok(request) => request.send().await,
            Err(_) => return false,
        };
        let Ok(response) = sent else { return false };
        match response.status() {
            200 => {
                let token = response.json::<TokenPair>().await.ok().map(|p| p.access_token);
                let ok = token.is_some();
                set_access_token(token);
                return ok;
            }
            // Another tab refreshed with this cookie a moment ago: its
            // answer has replaced the cookie, so try again with the new one.
            409 => TimeoutFuture::new(300).await,
            _ => break,
        }
    }
    set_access_token(None);
    false
}

/// Signs in; the refresh token arrives as the cookie, the access token stays here.
pub async fn login(email: String, password: String) -> Result<LoginResponse, ApiError> {
    let body = LoginRequest { email, password, session_cookie: true };
    let request = json_body(Request::post("/api/v1/auth/login"), &body)?;
    let response: LoginResponse = read(request.send().await.map_err(|_| unreachable())).await?;
    set_access_token(Some(response.access_token.clone()));
    Ok(response)
}

/// Ends the session on the server (which clears the cookie) and here.
pub async fn logout() {
    set_access_token(None);
    if let Ok(request) = json_body(Request::post("/api/v1/auth/logout"), &RefreshRequest::default()) {
        let _ = request.send().await;
    }
}

/// Sets a new user's password from their activation link.
pub async fn activate(token: String, password: String) -> Result<(), ApiError> {
    let request = json_body(Request::post("/api/v1/auth/activate"), &ActivateRequest { token, password })?;
    read_empty(request.send().await.map_err(|_| unreachable())).await
}

/// Asks for a link to choose a new password (answered alike for every address).
pub async fn request_password_reset(email: String) -> Result<(), ApiError> {
    let request = json_body(Request::post("/api/v1/auth/password-reset"), &PasswordResetRequest { email })?;
    read_empty(request.send().await.map_err(|_| unreachable())).await
}

/// Sets a new password from a reset link.
pub async fn confirm_password_reset(token: String, password: String) -> Result<(), ApiError> {
    let body = PasswordResetConfirm { token, password };
    let request = json_body(Request::post("/api/v1/auth/password-reset/confirm"), &body)?;
    read_empty(request.send().await.map_err(|_| unreachable())).await
}

pub async fn profile() -> Result<Profile, ApiError> {
    read(send_authed(|t| done(bearer(Request::get("/api/v1/me/profile"), t))).await).await
}

pub async fn patch_profile(body: PatchProfile) -> Result<Profile, ApiError> {
    read(send_authed(|t| json_body(bearer(Request::patch("/api/v1/me/profile"), t), &body)).await).await
}

/// A new password, given the current one; every other session ends.
pub async fn change_password(body: ChangePassword) -> Result<(), ApiError> {
    read_empty(send_authed(|t| json_body(bearer(Request::post("/api/v1/me/password"), t), &body)).await).await
}

pub async fn my_sessions() -> Result<SessionList, ApiError> {
    read(send_authed(|t| done(bearer(Request::get("/api/v1/me/sessions"), t))).await).await
}

/// Ends one of one's sessions; without an id, every one but this.
pub async fn end_my_sessions(id: Option<SessionId>) -> Result<(), ApiError> {
    let url = match id {
        Some(id) => format!("/api/v1/me/sessions/{}", encode(&id)),
        None => "/api/v1/me/sessions".to_owned(),
    };
    read_empty(send_authed(|t| done(bearer(Request::delete(&url), t))).await).await
}

pub async fn me() -> Result<Me, ApiError> {
    read(send_authed(|t| done(bearer(Request::get("/api/v1/me"), t))).await).await
}

/// What the users list shows: a search, a role, a status and an order
/// (`name`, `email`, `createdAt`, `-` first for descending); empty is any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListFilter {
    pub q: String,
    pub role: String,
    pub status: String,
    pub sort: String,
}

impl ListFilter {
    /// The query parameters of the filters that are set.
    fn params(self) -> Vec<(&'static str, String)> {
        let ListFilter { q, role, status, sort } = self;
        let given = [("q", q.trim().to_owned()), ("role", role), ("status", status), ("sort", sort)];
        given.into_iter().filter(|(_, v)| !v.is_empty()).collect()
    }
}

pub async fn users(tenant: TenantId, filter: ListFilter, cursor: Option<String>) -> Result<Page<User>, ApiError> {
    let mut params = vec![("limit", "50".to_owned())];
    params.extend(filter.params());
    if let Some(c) = cursor {
        params.push(("cursor", c));
    }
    let url = format!("/api/v1/customers/{}/users", encode(&tenant));
    read(send_authed(|t| done(bearer(Request::get(&url).query(params.clone()), t))).await).await
}

/// Every user of the tenant the filter matches, as CSV.
pub async fn export_users(tenant: TenantId, filter: ListFilter) -> Result<String, ApiError> {
    let url = format!("/api/v1/customers/{}/users/export", encode(&tenant));
    let params = filter.params();
    let response = send_authed(|t| done(bearer(Request::get(&url).query(params.clone()), t))).await?;
    if !response.ok() {
        return Err(problem(response).await);
    }
    response.text().await.map_err(|e| ApiError::local("bad_response", e.to_string()))
}

/// The newest mail the portal sent within the caller's reach; to one
/// address when `to` is not empty.
pub async fn outbox(to: String) -> Result<Vec<OutboxMessage>, ApiError> {
    let mut params = vec![("limit", "100".to_owned())];
    if !to.is_empty() {
        params.push(("to", to));
    }
    read(send_authed(|t| done(bearer(Request::get("/api/v1/outbox").query(params.clone()), t))).await).await
}

/// The tenants the caller may switch to that match `q` (name or reference).
pub async fn tenants(q: String) -> Result<Page<TenantSummary>, ApiError> {
    let params = [("q", q), ("limit", "20".to_owned())];
    read(send_authed(|t| done(bearer(Request::get("/api/v1/tenants").query(params.clone()), t))).await).await
}

/// One tenant the caller acts in (for one `/me` does not list).
pub async fn tenant(id: TenantId) -> Result<TenantSummary, ApiError> {
    let url = format!("/api/v1/tenants/{}", encode(&id));
    read(send_authed(|t| done(bearer(Request::get(&url), t))).await).await
}

fn user_url(tenant: &TenantId, user: &UserId) -> String {
    format!("/api/v1/customers/{}/users/{}", encode(tenant), encode(user))
}

pub async fn user(tenant: TenantId, id: UserId) -> Result<User, ApiError> {
    let url = user_url(&tenant, &id);
    read(send_authed(|t| done(bearer(Request::get(&url), t))).await).await
}

pub async fn create_user(tenant: TenantId, body: CreateUser) -> Result<User, ApiError> {
    let url = format!("/api/v1/customers/{}/users", encode(&tenant));
    read(send_authed(|t| json_body(bearer(Request::post(&url), t), &body)).await).await
}

/// A change to the user as last read (`version`): a change made meanwhile by
/// someone else is refused (412) rather than overwritten.
pub async fn patch_user(tenant: TenantId, id: UserId, version: i64, body: PatchUser) -> Result<User, ApiError> {
    let url = user_url(&tenant, &id);
    let if_match = format!("\"{version}\"");
    read(send_authed(|t| json_body(bearer(Request::patch(&url), t).header("If-Match", &if_match), &body)).await).await
}

pub async fn delete_user(tenant: TenantId, id: UserId, version: i64) -> Result<(), ApiError> {
    let url = user_url(&tenant, &id);
    let if_match = format!("\"{version}\"");
    read_empty(send_authed(|t| done(bearer(Request::delete(&url), t).header("If-Match", &if_match))).await).await
}

/// Creates a customer of the reseller (onboarding step 1).
pub async fn create_customer(reseller: TenantId, body: CreateCustomer) -> Result<Customer, ApiError> {
    let url = format!("/api/v1/resellers/{}/customers", encode(&reseller));
    read(send_authed(|t| json_body(bearer(Request::post(&url), t), &body)).await).await
}

pub async fn customer(id: TenantId) -> Result<Customer, ApiError> {
    let url = format!("/api/v1/customers/{}", encode(&id));
    read(send_authed(|t| done(bearer(Request::get(&url), t))).await).await
}

/// Imports users from a CSV text; with `dry_run`, only says what it would do.
pub async fn import_users(tenant: TenantId, csv: String, dry_run: bool) -> Result<ImportReport, ApiError> {
    let url = format!("/api/v1/customers/{}/users/import", encode(&tenant));
    let query = [("dryRun", dry_run.to_string())];
    let build = |t: &str| {
        bearer(Request::post(&url).query(query.clone()), t)
            .header("Content-Type", "text/csv; charset=utf-8")
            .body(csv.clone())
            .map_err(|e| ApiError::local("encode", e.to_string()))
    };
    read(send_authed(build).await).await
}

/// Imports users from the customer's PBX directory; with `dry_run`, only says what it would do.
pub async fn sync_pbx(tenant: TenantId, dry_run: bool) -> Result<ImportReport, ApiError> {
    let url = format!("/api/v1/customers/{}/pbx/sync", encode(&tenant));
    let query = [("dryRun", dry_run.to_string())];
    read(send_authed(|t| done(bearer(Request::post(&url).query(query.clone()), t))).await).await
}

/// The tenant's devices.
pub async fn devices(tenant: TenantId) -> Result<DeviceList, ApiError> {
    let url = format!("/api/v1/customers/{}/devices", encode(&tenant));
    read(send_authed(|t| done(bearer(Request::get(&url), t))).await).await
}

/// Adds a device to the tenant.
pub async fn create_device(tenant: TenantId, device: CreateDevice) -> Result<Device, ApiError> {
    let url = format!("/api/v1/customers/{}/devices", encode(&tenant));
    read(send_authed(|t| json_body(bearer(Request::post(&url), t), &device)).await).await
}

/// Removes a device (whoever had it loses it).
pub async fn delete_device(tenant: TenantId, id: DeviceId) -> Result<(), ApiError> {
    let url = format!("/api/v1/customers/{}/devices/{}", encode(&tenant), encode(&id));
    read_empty(send_authed(|t| done(bearer(Request::delete(&url), t))).await).await
}

/// Gives the user exactly these softphones; answers the user as now saved.
pub async fn set_user_devices(tenant: TenantId, id: UserId, device_ids: Vec<DeviceId>) -> Result<User, ApiError> {
    let url = format!("{}/devices", user_url(&tenant, &id));
    let body = UserDevices { device_ids };
    read(send_authed(|t| json_body(bearer(Request::put(&url), t), &body)).await).await
}

/// Where a user of the tenant is signed in.
pub async fn user_sessions(tenant: TenantId, id: UserId) -> Result<SessionList, ApiError> {
    let url = format!("{}/sessions", user_url(&tenant, &id));
    read(send_authed(|t| done(bearer(Request::get(&url), t))).await).await
}

/// Ends every session of a user of the tenant.
pub async fn end_user_sessions(tenant: TenantId, id: UserId) -> Result<(), ApiError> {
    let url = format!("{}/sessions", user_url(&tenant, &id));
    read_empty(send_authed(|t| done(bearer(Request::delete(&url), t))).await).await
}

/// The e-mail the portal sends a user on an administrator's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserMail {
    /// A new activation link, for someone who never activated.
    Activation,
    /// Where to download the UC clients.
    UcWelcome,
}

/// Sends `mail` to a user (202).
pub async fn send_mail(tenant: TenantId, id: UserId, mail: UserMail) -> Result<(), ApiError> {
    let path = match mail {
        UserMail::Activation => "activation-email",
        UserMail::UcWelcome => "uc-welcome-email",
    };
    let url = format!("{}/{path}", user_url(&tenant, &id));
    read_empty(send_authed(|t| done(bearer(Request::post(&url), t))).await).await
}

/// How many users hold each licensed role.
pub async fn licences(tenant: TenantId) -> Result<LicenceUsage, ApiError> {
    let url = format!("/api/v1/customers/{}/licences", encode(&tenant));
    read(send_authed(|t| done(bearer(Request::get(&url), t))).await).await
}

/// The audit trail, newest first; of one user when `user` is given.
pub async fn audit(
    tenant: TenantId,
    user: Option<UserId>,
    cursor: Option<String>,
) -> Result<Page<AuditEvent>, ApiError> {
    let url = format!("/api/v1/customers/{}/audit", encode(&tenant));
    let mut params = vec![("limit", "50".to_owned())];
    params.extend(user.map(|u| ("userId", u.into())));
    params.extend(cursor.map(|c| ("cursor", c)));
    read(send_authed(|t| done(bearer(Request::get(&url).query(params.clone()), t))).await).await
}

/// Percent-encodes a path segment.
fn encode(segment: impl AsRef<str>) -> String {
    js_sys::encode_uri_component(segment.as_ref()).into()
}
