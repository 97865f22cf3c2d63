//! Typed calls to `/api/v1`. Errors arrive as problem+json and leave as
//! `ApiError`, whose `message` is ready to show next to what caused it.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use switchboard_shared::{ActivateRequest, LoginRequest, LoginResponse, Me, Page, Problem, User};

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401
    }
}

async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let response = response.map_err(|_| ApiError {
        status: 0,
        code: "network".into(),
        message: "The server cannot be reached. Check your connection and try again.".into(),
    })?;
    if response.ok() {
        return response.json::<T>().await.map_err(|e| ApiError {
            status: response.status(),
            code: "bad_response".into(),
            message: format!("The server sent an answer this page does not understand ({e})."),
        });
    }
    let status = response.status();
    Err(match response.json::<Problem>().await {
        // Field errors read best as their own sentences.
        Ok(p) if !p.fields.is_empty() => {
            let message = p.fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(". ");
            ApiError { status, code: p.code, message }
        }
        Ok(p) => ApiError { status, code: p.code, message: p.detail.unwrap_or(p.title) },
        Err(_) => ApiError { status, code: "http".into(), message: format!("The server answered {status}.") },
    })
}

fn authed(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {token}"))
}

pub async fn login(email: String, password: String) -> Result<LoginResponse, ApiError> {
    let body = LoginRequest { email, password };
    let request = Request::post("/api/v1/auth/login").json(&body).map_err(|e| ApiError {
        status: 0,
        code: "encode".into(),
        message: e.to_string(),
    })?;
    read(request.send().await).await
}

/// Sets a new user's password from their activation link.
pub async fn activate(token: String, password: String) -> Result<(), ApiError> {
    let body = ActivateRequest { token, password };
    let request = Request::post("/api/v1/auth/activate").json(&body).map_err(|e| ApiError {
        status: 0,
        code: "encode".into(),
        message: e.to_string(),
    })?;
    let response = request.send().await;
    match response {
        Ok(r) if r.status() == 204 => Ok(()),
        other => read::<serde_json::Value>(other).await.map(|_| ()),
    }
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

/// Percent-encodes a path segment.
fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}
