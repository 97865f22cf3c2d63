//! The users CSV: the columns an import reads (SPEC 5: display name, e-mail,
//! extension, external id, agent flag) and an export writes, plus `roles` on
//! export, so an export can be edited and imported back.

use switchboard_shared::{roles::keys, User};

use crate::error::ApiError;

pub const COLUMNS: [&str; 6] = ["displayName", "email", "extension", "externalId", "agent", "roles"];

pub struct Writer(csv::Writer<Vec<u8>>);

impl Writer {
    /// A CSV with its header row.
    pub fn new() -> Self {
        let mut w = csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail.
        w.write_record(COLUMNS).expect("in-memory write");
        Self(w)
    }

    pub fn write(&mut self, u: &User) -> Result<(), ApiError> {
        let agent = if u.roles.iter().any(|r| r == keys::ACD) { "true" } else { "false" };
        let record = [
            sheet_safe(&u.display_name),
            sheet_safe(&u.email),
            u.extension.as_deref().unwrap_or_default().into(),
            sheet_safe(u.external_id.as_deref().unwrap_or_default()),
            agent.into(),
            u.roles.join(" ").into(),
        ];
        self.0.write_record(record.iter().map(|f| f.as_ref())).map_err(|e| ApiError::Internal(e.to_string()))
    }

    pub fn finish(self) -> Result<Vec<u8>, ApiError> {
        self.0.into_inner().map_err(|e| ApiError::Internal(e.to_string()))
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

/// A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or
/// carriage return first: OWASP's CSV injection list) gets a leading `'`,
/// which spreadsheets show as text. Names and ids come from people and PBXs.
fn sheet_safe(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, roles: &[&str]) -> User {
        User {
            id: "u1".into(),
            display_name: name.into(),
            email: "ann@example.com".into(),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            primary_tenant: "t".into(),
            is_parent: false,
            status: switchboard_shared::UserStatus::Active,
            time_zone: "UTC".into(),
            external_id: Some("pbx-7".into()),
            substitute_id: None,
            extension: Some("120".into()),
            service_user: false,
            devices: vec![],
            created_at: String::new(),
            updated_at: String::new(),
            version: 1,
        }
    }

    fn written(users: &[User]) -> String {
        let mut w = Writer::new();
        users.iter().for_each(|u| w.write(u).unwrap());
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn rows_hold_the_import_columns_and_the_roles() {
        let csv =
            written(&[user("Ann, \"Annie\" Lee", &["customer.user", keys::ACD]), user("Bob", &["customer.user"])]);
        assert_eq!(
            csv,
            "displayName,email,extension,externalId,agent,roles\n\
             \"Ann, \"\"Annie\"\" Lee\",ann@example.com,120,pbx-7,true,customer.user customer.user.acd\n\
             Bob,ann@example.com,120,pbx-7,false,customer.user\n"
        );
    }

    #[test]
    fn formulas_are_written_as_text() {
        let csv = written(&[user("=HYPERLINK(\"http://x\")", &[])]);
        assert!(csv.lines().nth(1).unwrap().starts_with("\"'=HYPERLINK"), "{csv}");
        assert_eq!(sheet_safe("-5"), "'-5");
        assert_eq!(sheet_safe("Anne"), "Anne");
    }
}
