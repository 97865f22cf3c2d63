//! Customers: what onboarding creates and staff change, and the
//! report of a users import, as both sides see them.

use serde::{Deserialize, Serialize};

use crate::{fields::FieldError, ids::TenantId};

/// The PBX platforms a customer's directory can be read from. A customer
/// without a connection is onboarded by CSV.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PbxKind {
    /// A Kazoo-style REST directory: `GET {baseUrl}/v2/accounts/{accountId}/users`.
    Kazoo,
}

impl PbxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kazoo => "kazoo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "kazoo" => Some(Self::Kazoo),
            _ => None,
        }
    }
}

/// A customer's PBX connection as the API returns it: never the secret.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PbxConnection {
    pub kind: PbxKind,
    pub base_url: String,
    pub account_id: String,
    /// Whether a secret is stored (it is write-only).
    pub has_secret: bool,
}

/// A PBX connection as a client sends it. On a change the secret may be
/// left out to keep the stored one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PbxConnectionInput {
    pub kind: PbxKind,
    /// `http://` or `https://`, no credentials.
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"^\s*https?://[^@/?#\s]+"))]
    pub base_url: String,
    /// No slash, `?`, `#` or space (a path segment of the directory URL).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500, pattern = r"^\s*[^/?#\s]+\s*$"))]
    pub account_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub secret: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSettings {
    /// Agents reported by the PBX get `customer.user.acd` on import (rule 7c).
    pub auto_assign_acd: bool,
    /// The time zone new users get when none is given; `null`: UTC.
    pub default_time_zone: Option<String>,
    /// The customer's own MFA policy; its reseller's may be stricter (see
    /// `GET /tenants/{tenantId}/mfa-policy` for the one in force).
    pub mfa: crate::MfaPolicy,
}

/// A customer tenant.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: TenantId,
    /// The reseller the customer belongs to.
    pub reseller_id: TenantId,
    pub name: String,
    pub description: String,
    pub reference: Option<String>,
    pub region: Option<String>,
    pub pbx: Option<PbxConnection>,
    pub settings: CustomerSettings,
    pub created_at: String,
}

/// `POST /resellers/{resellerId}/customers`
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateCustomer {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub description: String,
    /// The customer's id in the reseller's own systems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub reference: Option<String>,
    /// An ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*[A-Za-z]{2}\s*$"))]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::api::object")]
    pub pbx: Option<PbxConnectionInput>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::api::object")]
    pub settings: Option<PatchSettings>,
}

/// `PATCH /customers/{tenantId}`: any subset; for optional fields `null` clears.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatchCustomer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::api::present")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub reference: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::api::present")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*[A-Za-z]{2}\s*$"))]
    pub region: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::api::present_object")]
    pub pbx: Option<Option<PbxConnectionInput>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::api::object")]
    pub settings: Option<PatchSettings>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatchSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_assign_acd: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::api::present")]
    #[cfg_attr(feature = "openapi", schema(max_length = 64, pattern = r"^\s*[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*\s*$"))]
    pub default_time_zone: Option<Option<String>>,
    /// Never looser than the reseller's policy (422 `below_minimum`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<crate::MfaPolicy>,
}

impl PatchCustomer {
    /// Whether the change sets a PBX connection or the MFA policy: those
    /// need a recent authentication of whoever makes it (step-up).
    pub fn step_up_fields(&self) -> bool {
        matches!(self.pbx, Some(Some(_))) || self.settings.as_ref().is_some_and(|s| s.mfa.is_some())
    }

    /// The fields only reseller or platform staff may change (the
    /// settings that cost or route money and the PBX connection). A
    /// customer's own settings administrators change the rest.
    pub fn staff_fields(&self) -> Vec<&'static str> {
        let s = self.settings.as_ref();
        [
            ("name", self.name.is_some()),
            ("reference", self.reference.is_some()),
            ("region", self.region.is_some()),
            ("pbx", self.pbx.is_some()),
            ("settings.autoAssignAcd", s.is_some_and(|s| s.auto_assign_acd.is_some())),
        ]
        .into_iter()
        .filter_map(|(field, present)| present.then_some(field))
        .collect()
    }
}

/// One row of an import that cannot be imported, and why. `row` is the CSV
/// line (the header is line 1) or the position in the PBX directory (from 1).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    pub row: usize,
    /// The column, when one is at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub code: String,
    pub message: String,
}

impl RowError {
    pub fn new(row: usize, field: Option<&str>, code: &str, message: impl Into<String>) -> Self {
        Self { row, field: field.map(Into::into), code: code.into(), message: message.into() }
    }

    pub fn of_field(row: usize, e: FieldError) -> Self {
        Self { row, field: Some(e.field), code: e.code, message: e.message }
    }
}

/// What an import did, or (`dryRun`) would do.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub dry_run: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_settings_and_pbx_are_objects_only() {
        let patch: PatchCustomer =
            serde_json::from_str(r#"{"settings": {"autoAssignAcd": true}, "pbx": null}"#).unwrap();
        assert_eq!(patch.settings.and_then(|s| s.auto_assign_acd), Some(true));
        assert_eq!(patch.pbx, Some(None));
        for body in [r#"{"settings": [null, null]}"#, r#"{"pbx": ["kazoo", "https://pbx.example", "a", "k"]}"#] {
            assert!(serde_json::from_str::<PatchCustomer>(body).is_err(), "{body}");
        }
        assert!(serde_json::from_str::<CreateCustomer>(r#"{"name": "A", "settings": [true, null]}"#).is_err());
        let create: CreateCustomer = serde_json::from_str(r#"{"name": "A", "settings": null}"#).unwrap();
        assert!(create.settings.is_none());
    }
}
