//! The users CSV: the columns an import reads (display name, e-mail,
//! extension, external id, agent flag) and an export writes, plus `roles` on
//! export, so an export can be edited and imported back.

use switchboard_shared::{roles::keys, RowError, User};

use super::ImportRow;
use crate::domain::Error;

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

    pub fn write(&mut self, u: &User) -> Result<(), Error> {
        let agent = if u.roles.iter().any(|r| r == keys::ACD) { "true" } else { "false" };
        let record = [
            sheet_safe(&u.display_name),
            sheet_safe(&u.email),
            u.extension.as_deref().unwrap_or_default().into(),
            sheet_safe(u.external_id.as_deref().unwrap_or_default()),
            agent.into(),
            u.roles.join(" ").into(),
        ];
        self.0.write_record(record.iter().map(|f| f.as_ref())).map_err(|e| Error::Internal(e.to_string()))
    }

    pub fn finish(self) -> Result<Vec<u8>, Error> {
        self.0.into_inner().map_err(|e| Error::Internal(e.to_string()))
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

/// The columns an import reads; `roles` (in an export) is left alone, since
/// roles are given in the portal, where their rules are explained.
const IMPORTED: [&str; 5] = ["displayName", "email", "extension", "externalId", "agent"];

/// Reads an import: a header naming at least `displayName` and `email`, in
/// any order, then one user per line. Returns the rows and the rows that
/// cannot be read (a bad `agent` flag); a file that is not such a CSV is
/// refused whole.
pub fn read(bytes: &[u8]) -> Result<(Vec<ImportRow>, Vec<RowError>), Error> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes); // spreadsheets' byte-order mark
    let invalid = |detail: String| Error::invalid("invalid_csv", detail);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header = reader.headers().map_err(|e| invalid(csv_error(&e)))?.clone();
    let mut at = [None; 5];
    for (i, name) in header.iter().enumerate() {
        match IMPORTED.iter().position(|c| *c == name.trim()) {
            Some(c) => at[c] = Some(i),
            None if name.trim() == "roles" => {}
            None => return Err(invalid(format!("unknown column \"{name}\"; the columns are {}", IMPORTED.join(",")))),
        }
    }
    let [Some(name_at), Some(email_at), extension_at, external_at, agent_at] = at else {
        return Err(invalid("the header must name the columns displayName and email".into()));
    };
    let (mut rows, mut rejected) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let record = record.map_err(|e| invalid(csv_error(&e)))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |at: Option<usize>| at.and_then(|i| record.get(i)).map(|v| unsheet(v.trim())).unwrap_or_default();
        let optional = |at: Option<usize>| Some(field(at)).filter(|v| !v.is_empty());
        let agent = match field(agent_at).to_ascii_lowercase().as_str() {
            "" | "false" | "no" | "0" => false,
            "true" | "yes" | "1" => true,
            _ => {
                rejected.push(RowError::new(line, Some("agent"), "invalid", "The agent flag is true or false"));
                continue;
            }
        };
        rows.push(ImportRow {
            row: line,
            display_name: field(Some(name_at)),
            email: field(Some(email_at)),
            extension: optional(extension_at),
            external_id: optional(external_at),
            agent,
        });
    }
    Ok((rows, rejected))
}

fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text: save it as CSV UTF-8".into(),
        _ => format!("not a CSV this import reads: {e}"),
    }
}

/// Undoes `sheet_safe`, so an export imports back as it was.
fn unsheet(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => field.to_owned(),
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
            language: switchboard_shared::Language::En,
            external_id: Some("pbx-7".into()),
            substitute_id: None,
            extension: Some("120".into()),
            service_user: false,
            devices: vec![],
            mfa: false,
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
    fn an_export_reads_back_as_import_rows() {
        let agent = user("=SUM(A1)", &["customer.user", keys::ACD]);
        let csv = written(&[agent, user("Bob", &[])]);
        let (rows, rejected) = read(format!("\u{feff}{csv}").as_bytes()).unwrap();
        assert!(rejected.is_empty());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].row, 2);
        assert_eq!(rows[0].display_name, "=SUM(A1)", "the formula guard is undone");
        assert_eq!(rows[0].extension.as_deref(), Some("120"));
        assert_eq!(rows[0].external_id.as_deref(), Some("pbx-7"));
        assert!(rows[0].agent && !rows[1].agent);
    }

    #[test]
    fn columns_come_in_any_order_and_the_optional_ones_may_be_missing() {
        let (rows, rejected) = read(b"email,displayName\nann@example.com,Ann\n").unwrap();
        assert!(rejected.is_empty());
        assert_eq!((rows[0].display_name.as_str(), rows[0].extension.clone(), rows[0].agent), ("Ann", None, false));
    }

    #[test]
    fn bad_files_are_refused_and_bad_flags_reported_by_line() {
        for bad in [
            &b"name,email\nAnn,a@b.c\n"[..],
            b"email\na@b.c\n",
            b"displayName,email\nAnn\n",
            b"displayName,email\n\xff,a@b.c\n",
        ] {
            assert!(matches!(read(bad), Err(Error::Invalid { code: "invalid_csv", .. })), "{bad:?}");
        }
        let (rows, rejected) = read(b"displayName,email,agent\nAnn,a@b.c,maybe\nBob,b@b.c,YES\n").unwrap();
        assert_eq!((rejected[0].row, rejected[0].field.as_deref()), (2, Some("agent")));
        assert!(rows[0].agent && rows[0].row == 3);
    }

    #[test]
    fn formulas_are_written_as_text() {
        let csv = written(&[user("=HYPERLINK(\"http://x\")", &[])]);
        assert!(csv.lines().nth(1).unwrap().starts_with("\"'=HYPERLINK"), "{csv}");
        assert_eq!(sheet_safe("-5"), "'-5");
        assert_eq!(sheet_safe("Anne"), "Anne");
    }
}
