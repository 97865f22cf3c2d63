//! RFC 9457 problem details, the body of every API error.

use serde::{Deserialize, Serialize};

use crate::{
    customers::RowError,
    fields::FieldError,
    ids::{TenantId, UserId},
    roles::Violation,
};

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An API error. `code` is stable and what clients (and the SPA's
/// translations) key on; `title` and `detail` are English prose.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Every broken role rule (`code: role_rules` or the single rule's code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<Violation>,
    /// Every invalid field (`code: invalid_fields`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// With `user_exists`: the existing user, when the caller may see them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_user_id: Option<UserId>,
    /// With `customer_exists`: the reseller's customer holding that reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_customer_id: Option<TenantId>,
    /// With `invalid_rows`: every row of an import that cannot be imported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowError>,
}

impl Problem {
    pub fn new(status: u16, code: &str, title: &str) -> Self {
        Self {
            type_: format!("https://switchboard.example/problems/{code}"),
            title: title.to_owned(),
            status,
            code: code.to_owned(),
            detail: None,
            violations: Vec::new(),
            fields: Vec::new(),
            existing_user_id: None,
            existing_customer_id: None,
            rows: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}
