//! Typed calls to `/api/v1`. Errors arrive as problem+json and leave as
//! `ApiError`, whose `message` is ready to show next to what caused it.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use switchboard_shared::{
    fields::FieldError, roles::Violation, ActivateRequest, CreateUser, LoginRequest, LoginResponse, Me, Page,
    PatchUser, Problem, TenantSummary, User,
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
    pub existing_user_id: Option<String>,
}

impl ApiError {
    fn local(code: &str, message: String) -> Self {
        Self { code: code.into(), message, ..Self::default() }
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401
    }

    /// The message about one field, if the server named it.
    pub fn field(&self, name: &str) -> Option<String> {
        self.details.fields.iter().find(|f| f.field == name).map(|f| f.message.clone())
    }
}

async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let response = response.map_err(|_| {
        ApiError::local("network", "The server cannot be reached. Check your connection and try again.".into())
    })?;
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
                }),
            }
        }
        Err(_) => ApiError { status, ..ApiError::local("http", format!("The server answered {status}.")) },
    }
}

/// For answers without a body (204).
async fn read_empty(response: Result<Response, gloo_net::Error>) -> Result<(), ApiError> {
    match response {
        Ok(r) if r.ok() => Ok(()),
        Ok(r) => Err(problem(r).await),
        Err(_) => {
            Err(ApiError::local("network", "The server cannot be reached. Check your connection and try again.".into()))
        }
    }
}

fn json_body<T: serde::Serialize>(builder: RequestBuilder, body: &T) -> Result<Request, ApiError> {
    builder.json(body).map_err(|e| ApiError::local("encode", e.to_string()))
}

fn authed(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

pub async fn login(email: String, password: String) -> Result<LoginResponse, ApiError> {
    let request = json_body(Request::post("/api/v1/auth/login"), &LoginRequest { email, password })?;
    read(request.send().await).await
}

/// Sets a new user's password from their activation link.
pub async fn activate(token: String, password: String) -> Result<(), ApiError> {
    let request = json_body(Request::post("/api/v1/auth/activate"), &ActivateRequest { token, password })?;
    read_empty(request.send().await).await
}

pub async fn me(token: String) -> Result<Me, ApiError> {
    read(authed(Request::get("/api/v1/me"), &token).send().await).await
}

pub async fn users(token: String, tenant: String, q: String, cursor: Option<String>) -> Result<Page<User>, ApiError> {
    let mut params = vec![("limit", "50".to_owned())];
    if !q.trim().is_empty() {
        params.push(("q", q));
    }
    if let Some(c) = cursor {
        params.push(("cursor", c));
    }
    let url = format!("/api/v1/customers/{}/users", encode(&tenant));
    read(authed(Request::get(&url).query(params), &token).send().await).await
}

/// The tenants the caller may switch to that match `q` (name or reference).
pub async fn tenants(token: String, q: String) -> Result<Page<TenantSummary>, ApiError> {
    let params = [("q", q), ("limit", "20".to_owned())];
    read(authed(Request::get("/api/v1/tenants").query(params), &token).send().await).await
}

fn user_url(tenant: &str, user: &str) -> String {
    format!("/api/v1/customers/{}/users/{}", encode(tenant), encode(user))
}

pub async fn user(token: String, tenant: String, id: String) -> Result<User, ApiError> {
    read(authed(Request::get(&user_url(&tenant, &id)), &token).send().await).await
}

pub async fn create_user(token: String, tenant: String, body: CreateUser) -> Result<User, ApiError> {
    let url = format!("/api/v1/customers/{}/users", encode(&tenant));
    read(json_body(authed(Request::post(&url), &token), &body)?.send().await).await
}

/// A change to the user as last read (`version`): a change made meanwhile by
/// someone else is refused (412) rather than overwritten.
pub async fn patch_user(
    token: String,
    tenant: String,
    id: String,
    version: i64,
    body: PatchUser,
) -> Result<User, ApiError> {
    let builder = authed(Request::patch(&user_url(&tenant, &id)), &token).header("If-Match", &format!("\"{version}\""));
    read(json_body(builder, &body)?.send().await).await
}

pub async fn delete_user(token: String, tenant: String, id: String, version: i64) -> Result<(), ApiError> {
    let builder =
        authed(Request::delete(&user_url(&tenant, &id)), &token).header("If-Match", &format!("\"{version}\""));
    read_empty(builder.send().await).await
}

/// Percent-encodes a path segment.
fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}
