//! Typed calls to `/api/v1`. Errors arrive as problem+json and leave as
//! `ApiError`, whose `message` is ready to show next to what caused it.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, Request, RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;
use switchboard_shared::{
    fields::FieldError, roles::Violation, ActivateRequest, AuditEvent, ChangePassword, CreateCustomer, CreateDevice,
    CreateUser, Customer, Device, DeviceId, DeviceList, FinishPasskeyRegistration, ImportReport, LicenceUsage,
    LoginRequest, Me, MfaMethod, MfaPolicy, MfaPolicySettings, MfaRequest, MfaStatus, OutboxMessage, Page, Passkey,
    PasskeyAssertion, PasskeyCeremony, PasskeyId, PasskeyRegistered, PasskeySignIn, PasswordResetConfirm,
    PasswordResetRequest, PatchProfile, PatchUser, Problem, Profile, Reauthenticate, RecoveryCodes, RefreshRequest,
    RowError, SessionId, SessionList, SetMfaPolicy, StartPasskeySignIn, TenantId, TenantSummary, TokenPair, TotpCode,
    TotpEnrolment, User, UserDevices, UserId,
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

fn not_understood() -> ApiError {
    ApiError::local("bad_response", "The server sent an answer this page does not understand.".into())
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
            if p.code == "mfa_enrolment_required" {
                call(&ON_ENROLMENT_REQUIRED);
            }
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

/// One request to `/api/v1`: its method, path, query, headers and body,
/// built anew for each sending (a retry after a refresh sends it again).
/// Every call below is one of these: `send` as the signed-in person (the
/// bearer, the refresh and the sign-out on a lost session in one place),
/// `send_public` without credentials; `json` or `empty` decode the answer.
struct Call {
    method: Method,
    url: String,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
}

impl Call {
    fn new(method: Method, url: impl Into<String>) -> Self {
        Self { method, url: url.into(), query: Vec::new(), headers: Vec::new(), body: None }
    }

    fn get(url: impl Into<String>) -> Self {
        Self::new(Method::GET, url)
    }

    fn post(url: impl Into<String>) -> Self {
        Self::new(Method::POST, url)
    }

    fn query(mut self, params: impl IntoIterator<Item = (&'static str, String)>) -> Self {
        self.query.extend(params);
        self
    }

    fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Only if the resource is still at `version` (412 otherwise).
    fn if_match(self, version: i64) -> Self {
        self.header("If-Match", format!("\"{version}\""))
    }

    fn body(mut self, content_type: &'static str, body: String) -> Self {
        self.body = Some(body);
        self.header("Content-Type", content_type.to_owned())
    }

    fn json<B: serde::Serialize>(self, body: &B) -> Result<Self, ApiError> {
        let body = serde_json::to_string(body).map_err(|e| ApiError::local("encode", e.to_string()))?;
        Ok(self.body("application/json", body))
    }

    fn build(&self, token: Option<&str>) -> Result<Request, ApiError> {
        let mut builder = RequestBuilder::new(&self.url)
            .method(self.method.clone())
            .query(self.query.iter().map(|(k, v)| (*k, v.as_str())));
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if let Some(token) = token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        match &self.body {
            Some(body) => builder.body(body.clone()),
            None => builder.build(),
        }
        .map_err(|e| ApiError::local("encode", e.to_string()))
    }

    async fn send(self) -> Result<Response, ApiError> {
        send_authed(|token| self.build(Some(token))).await
    }

    async fn send_public(self) -> Result<Response, ApiError> {
        self.build(None)?.send().await.map_err(|_| unreachable())
    }

    /// Sent as the signed-in person; the answer's JSON.
    async fn json_answer<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        read(self.send().await).await
    }

    /// Sent as the signed-in person; an answer without a body.
    async fn empty_answer(self) -> Result<(), ApiError> {
        read_empty(self.send().await).await
    }
}

// The access token lives in this tab's memory only; the refresh token is an
// HttpOnly cookie the server sets at sign-in, which no script can read
// (docs/SECURITY.md). The app is single-threaded, so thread-locals are its
// globals.
thread_local! {
    static ACCESS_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<Shared<LocalBoxFuture<'static, bool>>>> = const { RefCell::new(None) };
    static ON_SESSION_LOST: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    static ON_ENROLMENT_REQUIRED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    static ON_REAUTHENTICATION: RefCell<Option<AskIdentity>> = const { RefCell::new(None) };
}

type Hook = std::thread::LocalKey<RefCell<Option<Box<dyn Fn()>>>>;

/// Asks the person to confirm who they are; answers whether they did.
type AskIdentity = Box<dyn Fn() -> LocalBoxFuture<'static, bool>>;

fn call(hook: &'static Hook) {
    hook.with(|h| {
        if let Some(f) = h.borrow().as_ref() {
            f();
        }
    });
}

/// What to do when the server no longer honours this tab's session (ended
/// from another device, by an administrator, by a password change): the
/// session, which signs the tab out, registers it once.
pub fn on_session_lost(f: impl Fn() + 'static) {
    ON_SESSION_LOST.with(|h| *h.borrow_mut() = Some(Box::new(f)));
}

fn session_lost() {
    call(&ON_SESSION_LOST);
}

/// What to do when the server holds this person to setting up a second
/// factor (their organisation's policy changed while they were signed in):
/// the session registers it once, and the frame asks `/me` again.
pub fn on_enrolment_required(f: impl Fn() + 'static) {
    ON_ENROLMENT_REQUIRED.with(|h| *h.borrow_mut() = Some(Box::new(f)));
}

fn set_access_token(token: Option<String>) {
    ACCESS_TOKEN.with(|t| *t.borrow_mut() = token);
}

/// How the person confirms who they are when a sensitive change needs it
/// (`reauthentication_required`): the session registers it once; it answers
/// whether they did (the change is then sent again) or gave up.
pub fn on_reauthentication_required(f: impl Fn() -> LocalBoxFuture<'static, bool> + 'static) {
    ON_REAUTHENTICATION.with(|h| *h.borrow_mut() = Some(Box::new(f)));
}

async fn reauthenticated() -> bool {
    let asked = ON_REAUTHENTICATION.with(|h| h.borrow().as_ref().map(|f| f()));
    match asked {
        Some(answer) => answer.await,
        None => false,
    }
}

/// The problem code of a response, read from a copy of it: the response
/// keeps its body for whoever reads it next.
async fn problem_code(response: Response) -> (Response, Option<String>) {
    let raw = web_sys::Response::from(response);
    let code = match raw.clone() {
        Ok(copy) => code_of(copy).await,
        Err(_) => None,
    };
    (Response::from(raw), code)
}

async fn code_of(copy: web_sys::Response) -> Option<String> {
    let text = wasm_bindgen_futures::JsFuture::from(copy.text().ok()?).await.ok()?.as_string()?;
    serde_json::from_str::<Problem>(&text).ok().map(|p| p.code)
}

/// Sends what `build` makes with the access token; if that has expired,
/// refreshes it once and sends again, so callers never see an expiry. A 401
/// that refreshing cannot cure means the session is over: the tab is
/// signed out, here and only here. A sensitive change that needs the person
/// to confirm who they are waits for them to, then is sent again.
async fn send_authed(build: impl Fn(&str) -> Result<Request, ApiError>) -> Result<Response, ApiError> {
    let token = ACCESS_TOKEN.with(|t| t.borrow().clone()).unwrap_or_default();
    let first = build(&token)?.send().await.map_err(|_| unreachable())?;
    if first.status() != 401 {
        return Ok(first);
    }
    let (first, code) = problem_code(first).await;
    if code.as_deref() == Some("reauthentication_required") {
        if !reauthenticated().await {
            return Ok(first);
        }
        let token = ACCESS_TOKEN.with(|t| t.borrow().clone()).unwrap_or_default();
        return build(&token)?.send().await.map_err(|_| unreachable());
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
        let Ok(call) = Call::post("/api/v1/auth/refresh").json(&RefreshRequest::default()) else { return false };
        let Ok(response) = call.send_public().await else { return false };
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

/// Signs in; the refresh token arrives as the cookie, the access token stays
/// here. For someone with a second factor, the second step.
pub async fn login(email: String, password: String) -> Result<Option<SecondStep>, ApiError> {
    let body = LoginRequest { email, password, session_cookie: true };
    let reply: LoginReply = read(Call::post("/api/v1/auth/login").json(&body)?.send_public().await).await?;
    match reply {
        LoginReply { access_token: Some(token), .. } => {
            set_access_token(Some(token));
            Ok(None)
        }
        LoginReply { mfa_token: Some(mfa_token), methods, .. } => Ok(Some(SecondStep { mfa_token, methods })),
        _ => Err(not_understood()),
    }
}

/// The second step a right password leads to, and what completes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondStep {
    pub mfa_token: String,
    pub methods: Vec<MfaMethod>,
}

/// A passkey ceremony's refusal in the browser, as an error to show.
fn refused(refusal: crate::webauthn::Refusal) -> ApiError {
    match refusal {
        crate::webauthn::Refusal::Unsupported => {
            ApiError::local("passkey_unsupported", "This browser cannot use passkeys.".into())
        }
        crate::webauthn::Refusal::Cancelled => {
            ApiError::local("passkey_cancelled", "No passkey was used. Try again when you are ready.".into())
        }
    }
}

/// Signs in with a passkey: alone, or (with the second step's token) as
/// the second step.
pub async fn passkey_sign_in(mfa_token: Option<String>) -> Result<(), ApiError> {
    let start = StartPasskeySignIn { mfa_token: mfa_token.clone() };
    let ceremony: PasskeyCeremony =
        read(Call::post("/api/v1/auth/passkey/start").json(&start)?.send_public().await).await?;
    let credential = crate::webauthn::assert(&ceremony.options).await.map_err(refused)?;
    let body = PasskeySignIn { ceremony_id: ceremony.ceremony_id, credential, mfa_token, session_cookie: true };
    let reply: LoginReply = read(Call::post("/api/v1/auth/passkey/finish").json(&body)?.send_public().await).await?;
    set_access_token(Some(reply.access_token.ok_or_else(not_understood)?));
    Ok(())
}

pub async fn passkeys() -> Result<Vec<Passkey>, ApiError> {
    Call::get("/api/v1/me/passkeys").json_answer().await
}

/// Makes a passkey in the browser and registers it under `name`.
pub async fn add_passkey(name: String) -> Result<PasskeyRegistered, ApiError> {
    let ceremony: PasskeyCeremony = Call::post("/api/v1/me/passkeys/register/start").json_answer().await?;
    let credential = crate::webauthn::create(&ceremony.options).await.map_err(refused)?;
    let body = FinishPasskeyRegistration { ceremony_id: ceremony.ceremony_id, name, credential };
    Call::post("/api/v1/me/passkeys/register/finish").json(&body)?.json_answer().await
}

pub async fn remove_passkey(id: PasskeyId) -> Result<(), ApiError> {
    Call::new(Method::DELETE, format!("/api/v1/me/passkeys/{}", encode(&id))).empty_answer().await
}

/// Confirms who the caller is with one of their passkeys.
pub async fn reauthenticate_with_passkey() -> Result<(), ApiError> {
    let ceremony: PasskeyCeremony = Call::post("/api/v1/me/passkeys/challenge").json_answer().await?;
    let credential = crate::webauthn::assert(&ceremony.options).await.map_err(refused)?;
    let passkey = Some(PasskeyAssertion { ceremony_id: ceremony.ceremony_id, credential });
    let body = Reauthenticate { passkey, ..Reauthenticate::default() };
    Call::post("/api/v1/auth/reauthenticate").json(&body)?.empty_answer().await
}

/// What the portal reads of `LoginAnswer`: the access token, or the second
/// step's token. (Decoding the untagged enum itself would bring serde's
/// buffering of untagged content into the first module the browser loads.)
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoginReply {
    access_token: Option<String>,
    mfa_token: Option<String>,
    #[serde(default)]
    methods: Vec<MfaMethod>,
}

/// The second step of a sign-in: a code, or a recovery code.
pub async fn second_factor(mfa_token: String, answer: SecondFactor) -> Result<(), ApiError> {
    let (code, recovery_code) = match answer {
        SecondFactor::Code(code) => (Some(code), None),
        SecondFactor::RecoveryCode(code) => (None, Some(code)),
    };
    let body = MfaRequest { mfa_token, code, recovery_code, session_cookie: true };
    let reply: LoginReply = read(Call::post("/api/v1/auth/mfa").json(&body)?.send_public().await).await?;
    set_access_token(Some(reply.access_token.ok_or_else(not_understood)?));
    Ok(())
}

/// What completes a sign-in's second step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    Code(String),
    RecoveryCode(String),
}

/// Ends the session on the server (which clears the cookie) and here.
pub async fn logout() {
    set_access_token(None);
    if let Ok(call) = Call::post("/api/v1/auth/logout").json(&RefreshRequest::default()) {
        let _ = call.send_public().await;
    }
}

/// Sets a new user's password from their activation link.
pub async fn activate(token: String, password: String) -> Result<(), ApiError> {
    let call = Call::post("/api/v1/auth/activate").json(&ActivateRequest { token, password })?;
    read_empty(call.send_public().await).await
}

/// Asks for a link to choose a new password (answered alike for every address).
pub async fn request_password_reset(email: String) -> Result<(), ApiError> {
    let call = Call::post("/api/v1/auth/password-reset").json(&PasswordResetRequest { email })?;
    read_empty(call.send_public().await).await
}

/// Sets a new password from a reset link.
pub async fn confirm_password_reset(token: String, password: String) -> Result<(), ApiError> {
    let body = PasswordResetConfirm { token, password };
    read_empty(Call::post("/api/v1/auth/password-reset/confirm").json(&body)?.send_public().await).await
}

pub async fn profile() -> Result<Profile, ApiError> {
    Call::get("/api/v1/me/profile").json_answer().await
}

pub async fn patch_profile(body: PatchProfile) -> Result<Profile, ApiError> {
    Call::new(Method::PATCH, "/api/v1/me/profile").json(&body)?.json_answer().await
}

/// A new password, given the current one; every other session ends.
/// The password again (and a code, for someone with a second factor), for
/// the sensitive change waiting on it.
pub async fn reauthenticate(password: String, code: Option<String>) -> Result<(), ApiError> {
    let body = Reauthenticate { password: Some(password), code, ..Reauthenticate::default() };
    Call::post("/api/v1/auth/reauthenticate").json(&body)?.empty_answer().await
}

pub async fn change_password(body: ChangePassword) -> Result<(), ApiError> {
    Call::post("/api/v1/me/password").json(&body)?.empty_answer().await
}

pub async fn mfa_status() -> Result<MfaStatus, ApiError> {
    Call::get("/api/v1/me/mfa").json_answer().await
}

/// A new authenticator secret, on once a code from it confirms it.
pub async fn start_totp() -> Result<TotpEnrolment, ApiError> {
    Call::post("/api/v1/me/mfa/totp").json_answer().await
}

pub async fn confirm_totp(code: String) -> Result<RecoveryCodes, ApiError> {
    Call::post("/api/v1/me/mfa/totp/confirm").json(&TotpCode { code })?.json_answer().await
}

pub async fn remove_totp() -> Result<(), ApiError> {
    Call::new(Method::DELETE, "/api/v1/me/mfa/totp").empty_answer().await
}

pub async fn new_recovery_codes() -> Result<RecoveryCodes, ApiError> {
    Call::post("/api/v1/me/mfa/recovery-codes").json_answer().await
}

pub async fn my_sessions() -> Result<SessionList, ApiError> {
    Call::get("/api/v1/me/sessions").json_answer().await
}

/// Ends one of one's sessions; without an id, every one but this.
pub async fn end_my_sessions(id: Option<SessionId>) -> Result<(), ApiError> {
    let url = match id {
        Some(id) => format!("/api/v1/me/sessions/{}", encode(&id)),
        None => "/api/v1/me/sessions".to_owned(),
    };
    Call::new(Method::DELETE, url).empty_answer().await
}

pub async fn me() -> Result<Me, ApiError> {
    Call::get("/api/v1/me").json_answer().await
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
    Call::get(in_customer(&tenant, "/users")).query(params).json_answer().await
}

/// Every user of the tenant the filter matches, as CSV.
pub async fn export_users(tenant: TenantId, filter: ListFilter) -> Result<String, ApiError> {
    let response = Call::get(in_customer(&tenant, "/users/export")).query(filter.params()).send().await?;
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
    Call::get("/api/v1/outbox").query(params).json_answer().await
}

/// The tenants the caller may switch to that match `q` (name or reference).
pub async fn tenants(q: String) -> Result<Page<TenantSummary>, ApiError> {
    let params = [("q", q), ("limit", "20".to_owned())];
    Call::get("/api/v1/tenants").query(params).json_answer().await
}

/// One tenant the caller acts in (for one `/me` does not list).
/// A tenant's own MFA policy, and what the tenants above impose.
pub async fn mfa_policy(id: TenantId) -> Result<MfaPolicySettings, ApiError> {
    Call::get(format!("/api/v1/tenants/{}/mfa-policy", encode(&id))).json_answer().await
}

pub async fn set_mfa_policy(id: TenantId, policy: MfaPolicy) -> Result<MfaPolicySettings, ApiError> {
    let url = format!("/api/v1/tenants/{}/mfa-policy", encode(&id));
    Call::new(Method::PUT, url).json(&SetMfaPolicy { policy })?.json_answer().await
}

pub async fn tenant(id: TenantId) -> Result<TenantSummary, ApiError> {
    Call::get(format!("/api/v1/tenants/{}", encode(&id))).json_answer().await
}

/// A path under one customer (or any tenant acted in): `/api/v1/customers/{tenant}{rest}`.
fn in_customer(tenant: &TenantId, rest: &str) -> String {
    format!("/api/v1/customers/{}{rest}", encode(tenant))
}

/// A path under one user of the tenant.
fn of_user(tenant: &TenantId, user: &UserId, rest: &str) -> String {
    in_customer(tenant, &format!("/users/{}{rest}", encode(user)))
}

pub async fn user(tenant: TenantId, id: UserId) -> Result<User, ApiError> {
    Call::get(of_user(&tenant, &id, "")).json_answer().await
}

pub async fn create_user(tenant: TenantId, body: CreateUser) -> Result<User, ApiError> {
    Call::post(in_customer(&tenant, "/users")).json(&body)?.json_answer().await
}

/// A change to the user as last read (`version`): a change made meanwhile by
/// someone else is refused (412) rather than overwritten.
pub async fn patch_user(tenant: TenantId, id: UserId, version: i64, body: PatchUser) -> Result<User, ApiError> {
    Call::new(Method::PATCH, of_user(&tenant, &id, "")).if_match(version).json(&body)?.json_answer().await
}

pub async fn delete_user(tenant: TenantId, id: UserId, version: i64) -> Result<(), ApiError> {
    Call::new(Method::DELETE, of_user(&tenant, &id, "")).if_match(version).empty_answer().await
}

/// Creates a customer of the reseller (onboarding step 1).
pub async fn create_customer(reseller: TenantId, body: CreateCustomer) -> Result<Customer, ApiError> {
    let url = format!("/api/v1/resellers/{}/customers", encode(&reseller));
    Call::post(url).json(&body)?.json_answer().await
}

pub async fn customer(id: TenantId) -> Result<Customer, ApiError> {
    Call::get(in_customer(&id, "")).json_answer().await
}

/// Imports users from a CSV text; with `dry_run`, only says what it would do.
pub async fn import_users(tenant: TenantId, csv: String, dry_run: bool) -> Result<ImportReport, ApiError> {
    let call = Call::post(in_customer(&tenant, "/users/import")).query([("dryRun", dry_run.to_string())]);
    call.body("text/csv; charset=utf-8", csv).json_answer().await
}

/// Imports users from the customer's PBX directory; with `dry_run`, only says what it would do.
pub async fn sync_pbx(tenant: TenantId, dry_run: bool) -> Result<ImportReport, ApiError> {
    Call::post(in_customer(&tenant, "/pbx/sync")).query([("dryRun", dry_run.to_string())]).json_answer().await
}

/// The tenant's devices.
pub async fn devices(tenant: TenantId) -> Result<DeviceList, ApiError> {
    Call::get(in_customer(&tenant, "/devices")).json_answer().await
}

/// Adds a device to the tenant.
pub async fn create_device(tenant: TenantId, device: CreateDevice) -> Result<Device, ApiError> {
    Call::post(in_customer(&tenant, "/devices")).json(&device)?.json_answer().await
}

/// Removes a device (whoever had it loses it).
pub async fn delete_device(tenant: TenantId, id: DeviceId) -> Result<(), ApiError> {
    Call::new(Method::DELETE, in_customer(&tenant, &format!("/devices/{}", encode(&id)))).empty_answer().await
}

/// Gives the user exactly these softphones; answers the user as now saved.
pub async fn set_user_devices(tenant: TenantId, id: UserId, device_ids: Vec<DeviceId>) -> Result<User, ApiError> {
    let body = UserDevices { device_ids };
    Call::new(Method::PUT, of_user(&tenant, &id, "/devices")).json(&body)?.json_answer().await
}

/// Where a user of the tenant is signed in.
pub async fn user_sessions(tenant: TenantId, id: UserId) -> Result<SessionList, ApiError> {
    Call::get(of_user(&tenant, &id, "/sessions")).json_answer().await
}

/// Ends every session of a user of the tenant.
pub async fn end_user_sessions(tenant: TenantId, id: UserId) -> Result<(), ApiError> {
    Call::new(Method::DELETE, of_user(&tenant, &id, "/sessions")).empty_answer().await
}

/// Removes a user's second factors (and so ends their sessions).
pub async fn reset_user_factors(tenant: TenantId, id: UserId) -> Result<(), ApiError> {
    Call::new(Method::DELETE, of_user(&tenant, &id, "/mfa")).empty_answer().await
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
    Call::post(of_user(&tenant, &id, &format!("/{path}"))).empty_answer().await
}

/// How many users hold each licensed role.
pub async fn licences(tenant: TenantId) -> Result<LicenceUsage, ApiError> {
    Call::get(in_customer(&tenant, "/licences")).json_answer().await
}

/// The audit trail, newest first; of one user when `user` is given.
pub async fn audit(
    tenant: TenantId,
    user: Option<UserId>,
    cursor: Option<String>,
) -> Result<Page<AuditEvent>, ApiError> {
    let mut params = vec![("limit", "50".to_owned())];
    params.extend(user.map(|u| ("userId", u.into())));
    params.extend(cursor.map(|c| ("cursor", c)));
    Call::get(in_customer(&tenant, "/audit")).query(params).json_answer().await
}

/// Percent-encodes a path segment.
fn encode(segment: impl AsRef<str>) -> String {
    js_sys::encode_uri_component(segment.as_ref()).into()
}
