//! The API's errors: a domain refusal, or a request the HTTP edge could not
//! read. This is the one place that turns them into problem+json with their
//! stable codes.

use axum::{
    extract::rejection::{JsonRejection, QueryRejection},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use switchboard_shared::{problem::PROBLEM_CONTENT_TYPE, Problem};

use crate::domain::Error;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Domain(#[from] Error),
    /// The request could not be read (body, query, parameters); `code` is stable.
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("the body must be {0}")]
    UnsupportedMediaType(&'static str),
    #[error("the request body is too large")]
    TooLarge,
    /// The path exists, not with this method; `Allow` lists the ones it has.
    #[error("method not allowed")]
    MethodNotAllowed { allow: HeaderValue },
    /// The caller's (or address's) bucket of requests is empty for now.
    #[error("too many requests")]
    RateLimited { retry_after_secs: u64 },
}

impl ApiError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::BadRequest { code, detail: detail.into() }
    }

    /// Told to wait `wait` (rounded up to whole seconds, at least one).
    pub fn rate_limited(wait: std::time::Duration) -> Self {
        Self::RateLimited { retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0) }
    }

    fn problem(&self) -> Problem {
        match self {
            Self::Domain(e) => domain_problem(e),
            Self::BadRequest { code, detail } => Problem::new(400, code, "Invalid request").with_detail(detail),
            Self::UnsupportedMediaType(expected) => {
                Problem::new(415, "unsupported_media_type", "Unsupported content type")
                    .with_detail(format!("send the body as {expected}"))
            }
            Self::TooLarge => Problem::new(413, "payload_too_large", "The request body is too large"),
            Self::MethodNotAllowed { allow } => {
                Problem::new(405, "method_not_allowed", "This method is not allowed here")
                    .with_detail(format!("allowed: {}", allow.to_str().unwrap_or_default()))
            }
            Self::RateLimited { .. } => Problem::new(429, "rate_limited", "Too many requests: slow down").with_detail(
                "Each caller may send a limited number of requests per second; Retry-After says when to go on.",
            ),
        }
    }
}

fn domain_problem(e: &Error) -> Problem {
    match e {
        Error::InvalidCredentials => Problem::new(401, "invalid_credentials", "Invalid e-mail or password"),
        Error::Unauthenticated => Problem::new(401, "unauthenticated", "Sign in to continue"),
        Error::Forbidden => Problem::new(403, "forbidden", "You do not have the role needed for this"),
        Error::ParentUser => Problem::new(403, "parent_user", "This user is configured at a higher level")
            .with_detail("Parent users are changed in their own (reseller or platform) tenant."),
        Error::NotFound => Problem::new(404, "not_found", "Not found"),
        Error::Invalid { code, detail } => Problem::new(400, code, "Invalid request").with_detail(detail),
        Error::Rules(violations) => {
            // One rule broken: its own code; several: `role_rules`.
            let mut codes: Vec<&str> = violations.iter().map(|v| v.code.as_str()).collect();
            codes.dedup();
            let code = if codes.len() == 1 { codes[0] } else { "role_rules" };
            let title = violations.first().map_or("The change breaks role rules", |v| v.message.as_str());
            let mut p = Problem::new(422, code, title);
            p.violations = violations.clone();
            p
        }
        Error::Fields(fields) => {
            let mut p = Problem::new(422, "invalid_fields", "Some fields are not valid");
            p.detail =
                Some(fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; "));
            p.fields = fields.clone();
            p
        }
        Error::UserExists { existing_user_id } => {
            let mut p = Problem::new(409, "user_exists", "A user with this e-mail already exists");
            p.existing_user_id = existing_user_id.clone();
            p
        }
        Error::CustomerExists { existing_customer_id } => {
            let mut p = Problem::new(409, "customer_exists", "This reseller has a customer with this reference");
            p.existing_customer_id = Some(existing_customer_id.clone());
            p
        }
        Error::StaffOnly(fields) => {
            Problem::new(403, "staff_only", "Only reseller or platform staff may change these settings")
                .with_detail(fields.join(", "))
        }
        Error::ImportRows(rows) => {
            let mut p = Problem::new(422, "invalid_rows", "Some rows cannot be imported: nothing was imported");
            p.detail = Some(format!("{} rows cannot be imported", rows.len()));
            p.rows = rows.clone();
            p
        }
        Error::Pbx { code, detail } => {
            Problem::new(502, code, "The PBX directory could not be read").with_detail(detail.clone())
        }
        Error::PbxAddressRefused => Problem::new(422, "pbx_address_refused", "The PBX address is not a public one")
            .with_detail("This server reaches PBXs on public addresses only; its operator may allow private networks."),
        Error::PbxInsecure => Problem::new(422, "pbx_insecure", "The PBX address must use https")
            .with_detail("Its API key would cross the internet in clear over http://; plain http reaches only a PBX on a private network the operator allowed."),
        Error::NoPbxConnection => Problem::new(422, "no_pbx_connection", "This customer has no PBX connection")
            .with_detail("Set one with PATCH /api/v1/customers/{tenantId}, or import a CSV."),
        Error::TooManyAttempts { .. } => {
            Problem::new(429, "too_many_attempts", "Too many failed attempts: wait a while, then try again")
        }
        Error::WrongPassword => Problem::new(403, "wrong_password", "The current password is wrong"),
        Error::InvalidCode => Problem::new(401, "invalid_code", "The code is wrong or was used already"),
        Error::PasskeyRefused => {
            Problem::new(401, "passkey_refused", "The passkey was not accepted: try again, or sign in another way")
        }
        Error::MfaTokenInvalid => Problem::new(401, "mfa_token_invalid", "This sign-in has expired: sign in again")
            .with_detail("The second step works once, for five minutes and five codes."),
        Error::ReauthenticationRequired => Problem::new(401, "reauthentication_required", "Confirm it is you")
            .with_detail("This change needs your password (and second factor) within the last five minutes: POST /api/v1/auth/reauthenticate, then send it again."),
        Error::MfaEnrolmentRequired => Problem::new(403, "mfa_enrolment_required", "Set up a second factor first")
            .with_detail("Your organisation requires a second factor: set one up with POST /api/v1/me/passkeys/register/start or POST /api/v1/me/mfa/totp."),
        Error::MfaRequired => Problem::new(422, "mfa_required", "Your organisation requires a second factor")
            .with_detail("Set up another factor before removing this one, or ask for the policy to change."),
        Error::Conflict { code, detail } => Problem::new(409, code, "Not possible now").with_detail(detail),
        Error::Busy { .. } => Problem::new(503, "busy", "The server is busy: try again in a moment"),
        Error::RefreshRaced => Problem::new(409, "refresh_in_progress", "This session was refreshed a moment ago")
            .with_detail("Present the refresh token that the other refresh returned (a browser does so by itself)."),
        Error::Stale => {
            Problem::new(412, "precondition_failed", "The user changed since you loaded it: reload and try again")
        }
        Error::Database(_) | Error::Internal(_) => Problem::new(500, "internal", "Something went wrong on our side"),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Domain(e @ (Error::Database(_) | Error::Internal(_))) = &self {
            tracing::error!(error = ?e, "request failed");
        }
        let problem = self.problem();
        let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(problem)).into_response();
        let headers = response.headers_mut();
        match self {
            Self::Domain(Error::TooManyAttempts { retry_after_secs } | Error::Busy { retry_after_secs })
            | Self::RateLimited { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs.max(1)));
            }
            Self::MethodNotAllowed { allow } => {
                headers.insert(header::ALLOW, allow);
            }
            _ => {}
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_CONTENT_TYPE));
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
