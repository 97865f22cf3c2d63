//! What a handler asks of a request, stated in its signature: the caller and
//! the tenant scope that `policy::authorize` decided, a JSON object body, a
//! query, `If-Match`, the client's address. Every rejection is problem+json.

use std::net::IpAddr;

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use axum_client_ip::ClientIp;
use serde::de::DeserializeOwned;

use super::problem::ApiError;
use crate::domain::{self, Caller, Error, TenantScope};

/// A JSON object body. axum's `Json` would also take `[]` or `[null, null]`
/// for a struct (serde reads a sequence positionally); the API's bodies are
/// objects, so anything else is refused before it is read.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(req.headers()) {
            return Err(ApiError::bad_request("invalid_body", "send the body as application/json"));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge
            } else {
                ApiError::bad_request("invalid_body", e.body_text())
            }
        })?;
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(ApiError::bad_request("invalid_body", "the body must be a JSON object"));
        }
        Ok(Self(axum::Json::<T>::from_bytes(&bytes)?.0))
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(mime) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return false };
    let essence = mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `Query` whose rejections are problem+json too. No search, filter or
/// address holds a control character (and PostgreSQL could not look one up).
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(parts.uri.query().unwrap_or_default())
            .map_err(|e| ApiError::bad_request("invalid_query", e.to_string()))?;
        if pairs.iter().any(|(k, v)| k.chars().chain(v.chars()).any(char::is_control)) {
            return Err(ApiError::bad_request("invalid_query", "the query holds a control character"));
        }
        Ok(Self(axum::extract::Query::<T>::try_from_uri(&parts.uri)?.0))
    }
}

/// What `policy::authorize` put on the request. A handler asking for what its
/// route's policy does not provide is a bug, answered 500 and logged.
fn decided<T: Clone + Send + Sync + 'static>(parts: &Parts) -> Result<T, ApiError> {
    parts
        .extensions
        .get::<T>()
        .cloned()
        .ok_or_else(|| Error::Internal(format!("the route's policy provides no {}", std::any::type_name::<T>())).into())
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        decided(parts)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for TenantScope {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        decided(parts)
    }
}

/// The version `If-Match` names: `None` when absent or `*`. A value that is
/// no version this API gives can match nothing, so it is stale (412).
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i64>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else { return Ok(Self(None)) };
        let value = value.to_str().map_err(|_| Error::Stale)?.trim();
        if value == "*" {
            return Ok(Self(None));
        }
        let version = value.trim_start_matches("W/").trim_matches('"').parse().map_err(|_| Error::Stale)?;
        Ok(Self(Some(version)))
    }
}

/// The client's address, for the throttles: the socket's, or the header the
/// deployment names (`SWITCHBOARD_CLIENT_IP_SOURCE`). A configured header
/// that is missing means a misconfigured deployment (500).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match ClientIp::from_request_parts(parts, state).await {
            Ok(ClientIp(ip)) => Ok(Self(ip)),
            Err(e) => Err(Error::Internal(format!("client address: {e}")).into()),
        }
    }
}

/// Where a sign-in or refresh comes from: its address (as `ClientAddress`)
/// and its `User-Agent`, kept with the session so its owner can tell it.
impl<S: Send + Sync> FromRequestParts<S> for domain::sessions::Client {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let ClientAddress(address) = ClientAddress::from_request_parts(parts, state).await?;
        let user_agent = parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Self { address, user_agent })
    }
}
