//! Multi-factor sign-in: the second step of a sign-in, and a person's own
//! factors (authenticator codes and recovery codes).

use serde::{Deserialize, Serialize};

/// A second factor that completes a sign-in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MfaMethod {
    /// A code from an authenticator app (RFC 6238).
    Totp,
    /// One of the single-use recovery codes.
    RecoveryCode,
}

/// `POST /auth/login` for someone with a second factor: no tokens yet, a
/// token for the second step (`POST /auth/mfa`) instead.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MfaChallenge {
    /// Always true: tells this answer from a completed sign-in.
    pub mfa_required: bool,
    /// Single-use, for five minutes.
    pub mfa_token: String,
    pub methods: Vec<MfaMethod>,
}

/// `POST /auth/mfa`: the second step, with one of `code` or `recoveryCode`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MfaRequest {
    pub mfa_token: String,
    /// Six digits from the authenticator app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_code: Option<String>,
    /// As in `LoginRequest`: the refresh token as an HttpOnly cookie.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub session_cookie: bool,
}

/// `GET /me/mfa`: the caller's factors.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MfaStatus {
    /// Authenticator codes are enabled (confirmed).
    pub totp: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u32,
}

/// `POST /me/mfa/totp`: a new secret to put in the authenticator app; it
/// works once confirmed with a code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TotpEnrolment {
    /// Base32, for typing in.
    pub secret: String,
    /// `otpauth://totp/…`, for the QR code.
    pub otpauth_uri: String,
}

/// `POST /me/mfa/totp/confirm`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TotpCode {
    pub code: String,
}

/// Recovery codes, shown this once: after the first factor is enrolled, or
/// regenerated (the earlier ones then stop working). Empty when confirming
/// a factor beside one that already had codes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCodes {
    pub recovery_codes: Vec<String>,
}
