//! The one error type of the API; every error leaves as problem+json.

use axum::{
    extract::rejection::{JsonRejection, QueryRejection},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use switchboard_shared::{fields::FieldError, problem::PROBLEM_CONTENT_TYPE, roles::Violation, Problem, RowError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Wrong e-mail or password, or an account that may not log in: one
    /// answer for all, so that nothing is disclosed.
    #[error("invalid e-mail or password")]
    InvalidCredentials,
    #[error("missing, invalid or expired access token")]
    Unauthenticated,
    #[error("you do not have the role needed for this")]
    Forbidden,
    /// A parent user (staff of a tenant above) is changed in their own tenant only.
    #[error("this user is configured at a higher level")]
    ParentUser,
    /// Also the answer for what exists but is out of the caller's reach.
    #[error("not found")]
    NotFound,
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    /// The change breaks role rules; every violation is listed.
    #[error("the change breaks role rules")]
    Rules(Vec<Violation>),
    #[error("invalid fields")]
    Fields(Vec<FieldError>),
    #[error("a user with this e-mail exists")]
    UserExists { existing_user_id: Option<String> },
    #[error("a customer with this reference exists")]
    CustomerExists { existing_customer_id: String },
    /// Fields only reseller or platform staff may change.
    #[error("only reseller or platform staff may change {0:?}")]
    StaffOnly(Vec<&'static str>),
    /// An import with rows that cannot be imported: none is.
    #[error("some rows cannot be imported")]
    ImportRows(Vec<RowError>),
    /// The customer's PBX could not be read; `code` says why.
    #[error("{detail}")]
    Pbx { code: &'static str, detail: String },
    /// The PBX address is on a private network, which the server does not reach.
    #[error("the PBX address is not a public one")]
    PbxAddressRefused,
    #[error("the body must be {0}")]
    UnsupportedMediaType(&'static str),
    #[error("the customer has no PBX connection")]
    NoPbxConnection,
    #[error("the request body is too large")]
    TooLarge,
    /// Too many failed sign-ins from this address or for this account.
    #[error("too many failed sign-ins")]
    TooManyAttempts { retry_after_secs: u64 },
    /// The refresh token was rotated a moment ago by another request of the
    /// same client (two tabs at once): the newer token is the one to use.
    #[error("the session was refreshed a moment ago")]
    RefreshRaced,
    /// `If-Match` names a version that is no longer current.
    #[error("the resource changed since it was read")]
    Stale,
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::BadRequest { code, detail: detail.into() }
    }

    fn problem(&self) -> Problem {
        match self {
            Self::InvalidCredentials => Problem::new(401, "invalid_credentials", "Invalid e-mail or password"),
            Self::Unauthenticated => Problem::new(401, "unauthenticated", "Sign in to continue"),
            Self::Forbidden => Problem::new(403, "forbidden", "You do not have the role needed for this"),
            Self::ParentUser => Problem::new(403, "parent_user", "This user is configured at a higher level")
                .with_detail("Parent users are changed in their own (reseller or platform) tenant."),
            Self::NotFound => Problem::new(404, "not_found", "Not found"),
            Self::BadRequest { code, detail } => Problem::new(400, code, "Invalid request").with_detail(detail),
            Self::Rules(violations) => {
                // One rule broken: its own code; several: `role_rules`.
                let mut codes: Vec<&str> = violations.iter().map(|v| v.code.as_str()).collect();
                codes.dedup();
                let code = if codes.len() == 1 { codes[0] } else { "role_rules" };
                let title = violations.first().map_or("The change breaks role rules", |v| v.message.as_str());
                let mut p = Problem::new(422, code, title);
                p.violations = violations.clone();
                p
            }
            Self::Fields(fields) => {
                let mut p = Problem::new(422, "invalid_fields", "Some fields are not valid");
                p.detail =
                    Some(fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; "));
                p.fields = fields.clone();
                p
            }
            Self::UserExists { existing_user_id } => {
                let mut p = Problem::new(409, "user_exists", "A user with this e-mail already exists");
                p.existing_user_id = existing_user_id.clone();
                p
            }
            Self::CustomerExists { existing_customer_id } => {
                let mut p = Problem::new(409, "customer_exists", "This reseller has a customer with this reference");
                p.existing_customer_id = Some(existing_customer_id.clone());
                p
            }
            Self::StaffOnly(fields) => {
                Problem::new(403, "staff_only", "Only reseller or platform staff may change these settings")
                    .with_detail(fields.join(", "))
            }
            Self::ImportRows(rows) => {
                let mut p = Problem::new(422, "invalid_rows", "Some rows cannot be imported: nothing was imported");
                p.detail = Some(format!("{} rows cannot be imported", rows.len()));
                p.rows = rows.clone();
                p
            }
            Self::Pbx { code, detail } => {
                Problem::new(502, code, "The PBX directory could not be read").with_detail(detail.clone())
            }
            Self::UnsupportedMediaType(expected) => {
                Problem::new(415, "unsupported_media_type", "Unsupported content type")
                    .with_detail(format!("send the body as {expected}"))
            }
            Self::PbxAddressRefused => Problem::new(422, "pbx_address_refused", "The PBX address is not a public one")
                .with_detail(
                    "This server reaches PBXs on public addresses only; its operator may allow private networks.",
                ),
            Self::NoPbxConnection => Problem::new(422, "no_pbx_connection", "This customer has no PBX connection")
                .with_detail("Set one with PATCH /api/v1/customers/{tenantId}, or import a CSV."),
            Self::TooLarge => Problem::new(413, "payload_too_large", "The request body is too large"),
            Self::TooManyAttempts { .. } => {
                Problem::new(429, "too_many_attempts", "Too many failed sign-ins: wait a while, then try again")
            }
            Self::RefreshRaced => Problem::new(409, "refresh_in_progress", "This session was refreshed a moment ago")
                .with_detail(
                    "Present the refresh token that the other refresh returned (a browser does so by itself).",
                ),
            Self::Stale => {
                Problem::new(412, "precondition_failed", "The user changed since you loaded it: reload and try again")
            }
            Self::Database(_) | Self::Internal(_) => Problem::new(500, "internal", "Something went wrong on our side"),
        }
    }
}

/// Collects field errors instead of stopping at the first.
#[derive(Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Fields(self.0))
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if matches!(self, Self::Database(_) | Self::Internal(_)) {
            tracing::error!(error = ?self, "request failed");
        }
        let problem = self.problem();
        let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(problem)).into_response();
        if let Self::TooManyAttempts { retry_after_secs } = self {
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after_secs.max(1)));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::TooLarge;
        }
        Self::bad_request("invalid_body", rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::bad_request("invalid_query", rejection.body_text())
    }
}

/// `Json` whose rejections are problem+json too.
#[derive(Debug, axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `Query` whose rejections are problem+json too.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);
