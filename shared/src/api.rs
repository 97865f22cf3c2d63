//! The JSON bodies of `/api/v1`, in camelCase, as both sides see them.

use serde::{Deserialize, Serialize};

use crate::ids::{ApiKeyId, DeviceId, TenantId, UserId};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TenantKind {
    Platform,
    Reseller,
    Customer,
}

impl TenantKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Platform => "platform",
            Self::Reseller => "reseller",
            Self::Customer => "customer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "platform" => Some(Self::Platform),
            "reseller" => Some(Self::Reseller),
            "customer" => Some(Self::Customer),
            _ => None,
        }
    }
}

/// The languages the portal and its e-mail are written in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
    Es,
    Ru,
}

impl Language {
    pub const ALL: [Self; 4] = [Self::En, Self::Fr, Self::Es, Self::Ru];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::Ru => "ru",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    /// Created, has not set a password yet.
    Invited,
    Active,
    /// Cannot log in; live tokens stop working.
    Blocked,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Active => "active",
            Self::Blocked => "blocked",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "invited" => Some(Self::Invited),
            "active" => Some(Self::Active),
            "blocked" => Some(Self::Blocked),
            _ => None,
        }
    }
}

/// A tenant as the tenant switcher shows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantSummary {
    pub id: TenantId,
    pub name: String,
    pub kind: TenantKind,
}

/// A user as the API returns it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: UserId,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub primary_tenant: TenantId,
    pub is_parent: bool,
    pub status: UserStatus,
    pub time_zone: String,
    /// The language of their e-mail.
    pub language: Language,
    pub external_id: Option<String>,
    pub substitute_id: Option<UserId>,
    pub extension: Option<String>,
    pub service_user: bool,
    pub devices: Vec<DeviceId>,
    /// A second factor is set up (authenticator codes).
    #[serde(default)]
    pub mfa: bool,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The portal's sign-in: the refresh token is set as an HttpOnly cookie
    /// (`switchboard_refresh`, sent only to `/api/v1/auth`) instead of being
    /// returned, so that no script can read it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub session_cookie: bool,
}

/// `POST /auth/refresh` and `POST /auth/logout`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshRequest {
    /// Absent: the `switchboard_refresh` cookie of a portal sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

/// `POST /auth/refresh`: a new access token and the refresh token that
/// replaces the one presented (which is now spent).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    pub access_token: String,
    /// Absent when the refresh token travels in the cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub expires_in: u64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    pub access_token: String,
    /// Absent when `sessionCookie` asked for the cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    pub user: User,
    /// The MFA policy requires a second factor the person does not have:
    /// the tokens reach only `GET /me`, `GET /me/mfa` and the routes that
    /// set one up, until one is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub enrolment_required: bool,
}

/// `POST /auth/login`: signed in, or (for someone with a second factor) a
/// second step to take first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LoginAnswer {
    SecondFactor(crate::MfaChallenge),
    /// Boxed: the user's record makes it the larger by far.
    SignedIn(Box<LoginResponse>),
}

/// `GET /api/v1/me`: the caller, their tenant, and where they may switch to.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub user: User,
    pub tenant: TenantSummary,
    pub tenants: Vec<TenantSummary>,
    /// The MFA policy in force requires a second factor the caller does not
    /// have: nothing but setting one up is open to them until they do.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mfa_enrolment_required: bool,
}

impl Me {
    /// Whether the caller may do this where they act (`roles::Capability`).
    pub fn may(&self, capability: crate::roles::Capability) -> bool {
        let (roles, _) = crate::roles::RoleSet::parse(self.user.roles.iter().map(String::as_str));
        capability.allowed(self.tenant.kind, &roles)
    }
}

/// One page of a listing; `next_cursor` is opaque and absent on the last page.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many match: exact, unless `moreThanTotal` is true.
    pub total: u64,
    /// More than `total` match: a users search is counted no further than
    /// 1,000 users (filters without a search are always counted exactly).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub more_than_total: bool,
    pub next_cursor: Option<String>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self { items: Vec::new(), total: 0, more_than_total: false, next_cursor: None }
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test(unsupported = test)]
    fn status_round_trips_through_its_wire_name() {
        for s in [UserStatus::Invited, UserStatus::Active, UserStatus::Blocked] {
            assert_eq!(UserStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        assert_eq!(UserStatus::parse("deleted"), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn login_request_rejects_unknown_fields() {
        let err = serde_json::from_str::<LoginRequest>(r#"{"email":"a@b.c","password":"x","admin":true}"#);
        assert!(err.is_err());
    }
}

/// `POST /customers/{tenantId}/users`. Unknown fields (`id` among them) are refused.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateUser {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub display_name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 200))]
    pub email: String,
    #[serde(default)]
    pub roles: Vec<String>,
    /// IANA name; the tenant's default when absent, else `UTC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 64, pattern = r"^\s*[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*\s*$"))]
    pub time_zone: Option<String>,
    /// `en`, `fr`, `es` or `ru` (any case); when absent, the language of the tenant's region, else `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*([Ee][Nn]|[Ff][Rr]|[Ee][Ss]|[Rr][Uu])\s*$"))]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute_id: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*[0-9]{2,8}\s*$"))]
    pub extension: Option<String>,
    #[serde(default)]
    pub service_user: bool,
}

/// `PATCH /customers/{tenantId}/users/{userId}`: any subset of fields. For the
/// optional fields, `null` clears and absence keeps. Roles come either as the
/// full new set (`roles`) or as `addRoles`/`removeRoles`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatchUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 200))]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove_roles: Vec<String>,
    /// `blocked` blocks; `active` unblocks (a user who never activated goes
    /// back to `invited`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 64, pattern = r"^\s*[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*\s*$"))]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*([Ee][Nn]|[Ff][Rr]|[Ee][Ss]|[Rr][Uu])\s*$"))]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub external_id: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub substitute_id: Option<Option<UserId>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*[0-9]{2,8}\s*$"))]
    pub extension: Option<Option<String>>,
}

/// A field that is present, possibly `null` (absent fields take the default `None`).
pub(crate) fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A nested object, only as a JSON object: serde would also read a struct
/// from an array of its fields in order (`[null, null]`), which no client
/// means. Wraps the type for the field helpers below.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Only<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Only<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Only(std::marker::PhantomData)).map(Object)
    }
}

/// An optional nested object (`null` or absent is `None`).
pub(crate) fn object<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<Object<T>>::deserialize(d).map(|o| o.map(|Object(t)| t))
}

/// A nested object that is present, possibly `null` (see `present`).
pub(crate) fn present_object<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    object(d).map(Some)
}

/// `GET /customers/{tenantId}/users/check?email=`
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailCheck {
    pub exists: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
}

/// `GET /customers/{tenantId}/licences`: licences in use, per licensed role.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceUsage {
    pub licences: Vec<LicenceCount>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceCount {
    pub role: String,
    pub count: u64,
}

/// Declares the audit actions once: the enum, every value, and the name each
/// is stored and sent as, so a new action cannot miss its list.
macro_rules! audit_actions {
    ($($variant:ident = $name:tt,)*) => {
        /// What an audit event records, sent as its name.
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditAction {
            $(#[serde(rename = $name)] $variant,)*
            /// An action this version does not know (recorded by a newer one).
            #[serde(rename = "other", other)]
            Other,
        }

        impl AuditAction {
            /// Every action the server records (not `Other`).
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name,)* Self::Other => "other" }
            }

            /// The action of this name; `Other` for a name this version does not know.
            pub fn parse(name: &str) -> Self {
                Self::ALL.iter().copied().find(|a| a.as_str() == name).unwrap_or(Self::Other)
            }
        }
    };
}

audit_actions! {
    UserCreated = "user.created",
    UserUpdated = "user.updated",
    UserDeleted = "user.deleted",
    UserActivated = "user.activated",
    ActivationSent = "user.activation_sent",
    UcWelcomeSent = "user.uc_welcome_sent",
    UserDevices = "user.devices",
    RolesAutoAssigned = "roles.auto_assigned",
    DeviceCreated = "device.created",
    DeviceDeleted = "device.deleted",
    ApiKeyCreated = "api_key.created",
    ApiKeyRevoked = "api_key.revoked",
    UserImported = "user.imported",
    CustomerCreated = "customer.created",
    CustomerUpdated = "customer.updated",
    PasswordReset = "user.password_reset",
    PasswordChanged = "user.password_changed",
    SessionsRevoked = "user.sessions_revoked",
    MfaEnrolled = "user.mfa_enrolled",
    MfaRemoved = "user.mfa_removed",
    RecoveryCodesRegenerated = "user.recovery_codes_regenerated",
    RecoveryCodeUsed = "user.recovery_code_used",
    MfaReset = "user.mfa_reset",
    MfaPolicyChanged = "tenant.mfa_policy_changed",
}

/// One audit record: who changed what, when, where.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    pub id: String,
    pub at: String,
    pub tenant_id: TenantId,
    /// The person (or integration) who made the change; `None` for the system.
    pub actor_id: Option<UserId>,
    pub actor_email: Option<String>,
    pub user_id: Option<UserId>,
    pub action: AuditAction,
    /// `{fields: {name: {before, after}}, rolesAdded: [...], rolesRemoved: [...]}`
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub changes: serde_json::Value,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceKind {
    Softphone,
    Deskphone,
}

impl DeviceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Softphone => "softphone",
            Self::Deskphone => "deskphone",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "softphone" => Some(Self::Softphone),
            "deskphone" => Some(Self::Deskphone),
            _ => None,
        }
    }
}

/// A device of a tenant, assigned to at most one user.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub id: DeviceId,
    pub name: String,
    pub kind: DeviceKind,
    /// A MAC address or SIP user name.
    pub identifier: String,
    pub user_id: Option<UserId>,
    /// The assigned user's display name, in listings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    pub created_at: String,
}

/// `POST /customers/{tenantId}/devices`
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateDevice {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    pub kind: DeviceKind,
    /// A MAC address or SIP user name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub identifier: String,
}

/// `PUT /customers/{tenantId}/users/{userId}/devices`: the user's softphones.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserDevices {
    pub device_ids: Vec<DeviceId>,
}

/// `GET /customers/{tenantId}/devices`
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceList {
    pub items: Vec<Device>,
}

/// An API key of a service user, as listed (the secret is never shown again).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// `POST /customers/{tenantId}/users/{userId}/api-keys`
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewApiKey {
    /// What the key is for.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
}

/// A new API key: `key` is shown this once; send it as `Authorization: Bearer {key}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApiKey {
    pub id: ApiKeyId,
    pub name: String,
    pub created_at: String,
    pub key: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyList {
    pub items: Vec<ApiKey>,
}

/// `POST /auth/activate`: the token from the activation link and the new password.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivateRequest {
    pub token: String,
    /// Not one of the 1,000 most common passwords.
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
}

/// Where an e-mail is: kept here only (no mail server), waiting for or in
/// the middle of SMTP delivery, delivered, or given up on.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    Stored,
    Pending,
    Sending,
    Sent,
    Failed,
}

impl Delivery {
    pub const ALL: [Self; 5] = [Self::Stored, Self::Pending, Self::Sending, Self::Sent, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stored => "stored",
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// An e-mail the portal sent (kept in the outbox when no SMTP server is set).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxMessage {
    pub id: String,
    pub tenant_id: TenantId,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// `activation`, …
    pub kind: String,
    pub delivery: Delivery,
    pub created_at: String,
}
