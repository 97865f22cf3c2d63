//! RFC 9457 problem details, the body of every API error.

use serde::{Deserialize, Serialize};

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An API error. `code` is stable and what clients (and the SPA's
/// translations) key on; `title` and `detail` are English prose.
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
}

impl Problem {
    pub fn new(status: u16, code: &str, title: &str) -> Self {
        Self {
            type_: format!("https://switchboard.example/problems/{code}"),
            title: title.to_owned(),
            status,
            code: code.to_owned(),
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}
