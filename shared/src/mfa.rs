//! Multi-factor sign-in: the second step of a sign-in, and a person's own
//! factors (passkeys, authenticator codes and recovery codes).

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
    /// A passkey (WebAuthn): `POST /auth/passkey/start` with the `mfaToken`.
    Passkey,
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

/// `POST /auth/reauthenticate`: one of the caller's passkeys, or the
/// password again and, for someone with a second factor, one of `code` or
/// `recoveryCode`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reauthenticate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_code: Option<String>,
    /// An assertion for a ceremony from `POST /me/passkeys/challenge`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey: Option<PasskeyAssertion>,
}

/// The start of a WebAuthn ceremony: what the browser's
/// `navigator.credentials.create()` or `.get()` needs (`options`, the JSON
/// form of its options: `{publicKey: …}`), and the id that finishes it, once,
/// within five minutes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasskeyCeremony {
    pub ceremony_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: serde_json::Value,
}

/// A credential the browser made or used (`PublicKeyCredential.toJSON()`),
/// for the ceremony it answers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasskeyAssertion {
    pub ceremony_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
}

/// `POST /me/passkeys/register/finish`: the new credential and the name the
/// person gives it (1 to 60 characters).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FinishPasskeyRegistration {
    pub ceremony_id: String,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
}

/// One of a person's passkeys.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Passkey {
    pub id: crate::ids::PasskeyId,
    pub name: String,
    pub created_at: String,
    /// The last sign-in or confirmation with it.
    pub last_used_at: Option<String>,
}

/// `POST /me/passkeys/register/finish`: the passkey, and the recovery codes
/// if it is the person's first factor (shown this once; else empty).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasskeyRegistered {
    pub passkey: Passkey,
    pub recovery_codes: Vec<String>,
}

/// `POST /auth/passkey/start`: with the `mfaToken` of a sign-in whose
/// password was right, the passkey is its second step (the person's own
/// passkeys are offered); without, a sign-in with a passkey alone (any
/// passkey the browser holds for this site).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartPasskeySignIn {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_token: Option<String>,
}

/// `POST /auth/passkey/finish`: the browser's assertion for the ceremony
/// (and the same `mfaToken` as at its start, for a second step).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasskeySignIn {
    pub ceremony_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_token: Option<String>,
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
    /// Passkeys registered.
    pub passkeys: u32,
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

/// A tenant's multi-factor policy. The policy in force for a person is the
/// strictest of their tenant's and every ancestor's (`in_force`): a reseller
/// sets a minimum for all its customers, and a customer may only tighten it.
/// Ordered from the loosest to the strictest.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MfaPolicy {
    /// No new factors may be set up (those already set up still work).
    Off,
    /// Each person chooses.
    #[default]
    Optional,
    /// Administrators (see `roles::administers`) must have a factor.
    RequiredForAdmins,
    /// Every person must have a factor.
    Required,
}

impl MfaPolicy {
    pub const ALL: [Self; 4] = [Self::Off, Self::Optional, Self::RequiredForAdmins, Self::Required];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Optional => "optional",
            Self::RequiredForAdmins => "requiredForAdmins",
            Self::Required => "required",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The policy in force under these tenants' own policies (a tenant and
    /// its ancestors): the strictest of them.
    pub fn in_force(policies: impl IntoIterator<Item = Self>) -> Self {
        policies.into_iter().max().unwrap_or(Self::Off)
    }

    /// Whether a person holding `roles` must have a second factor.
    pub fn requires(self, roles: &crate::roles::RoleSet) -> bool {
        match self {
            Self::Required => true,
            Self::RequiredForAdmins => crate::roles::administers(roles),
            Self::Off | Self::Optional => false,
        }
    }
}

/// `GET`/`PUT /tenants/{tenantId}/mfa-policy`: a tenant's own policy, and
/// what its ancestors impose.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MfaPolicySettings {
    /// The tenant's own setting.
    pub policy: MfaPolicy,
    /// The strictest of the ancestors' policies: the tenant's own may not be
    /// looser (read-only).
    pub minimum: MfaPolicy,
    /// The policy in force for the tenant's people (read-only).
    pub in_force: MfaPolicy,
}

/// `PUT /tenants/{tenantId}/mfa-policy`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetMfaPolicy {
    pub policy: MfaPolicy,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::{keys, RoleSet};

    #[test]
    fn the_strictest_policy_of_the_tree_is_in_force() {
        use MfaPolicy::*;
        assert_eq!(MfaPolicy::in_force([Optional, RequiredForAdmins, Off]), RequiredForAdmins);
        assert_eq!(MfaPolicy::in_force([Required, Optional]), Required);
        assert_eq!(MfaPolicy::in_force([]), Off, "no tenant above imposes anything");
        for p in MfaPolicy::ALL {
            assert_eq!(MfaPolicy::parse(p.as_str()), Some(p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
    }

    #[test]
    fn required_for_admins_reaches_administrators_only() {
        let set = |keys: &[&str]| RoleSet::parse(keys.iter().copied()).0;
        let agent = set(&[keys::CUSTOMER_USER, keys::UC]);
        for admin in [keys::USER_ADMIN, keys::DEVICE_ADMIN, keys::ONBOARDING_ADMIN, keys::SETTINGS] {
            assert!(MfaPolicy::RequiredForAdmins.requires(&set(&[keys::CUSTOMER_USER, admin])), "{admin}");
        }
        assert!(MfaPolicy::RequiredForAdmins.requires(&set(&[keys::RESELLER_ADMIN])));
        assert!(MfaPolicy::RequiredForAdmins.requires(&set(&[keys::PLATFORM_ADMIN])));
        assert!(!MfaPolicy::RequiredForAdmins.requires(&agent));
        assert!(MfaPolicy::Required.requires(&agent));
        assert!(!MfaPolicy::Optional.requires(&set(&[keys::CUSTOMER_USER, keys::USER_ADMIN])));
    }
}
