//! The server's refusals in the reader's language: problems, invalid fields
//! and broken role rules carry stable codes, which pick the words; a code the
//! portal has no words for shows the server's own (English) sentence.

use switchboard_shared::{fields::FieldError, roles::Violation};

use super::{messages, role_list, role_name, text_with, Arg, Lang};
use crate::api::ApiError;

fn known(lang: Lang, id: &str) -> Option<String> {
    messages::format(lang, id, None)
}

pub fn field_text(lang: Lang, f: &FieldError) -> String {
    // Fluent ids have no dots: `pbx.baseUrl` is looked up as `pbx-baseUrl`.
    known(lang, &format!("field-{}-{}", f.field.replace('.', "-"), f.code))
        .or_else(|| known(lang, &format!("field-{}", f.code)))
        .unwrap_or_else(|| f.message.clone())
}

pub fn violation_text(lang: Lang, v: &Violation) -> String {
    let role = v.role.as_deref().map(|k| role_name(lang, k)).unwrap_or_default();
    let related = role_list(lang, v.related.iter().map(String::as_str));
    text_with(lang, &format!("violation-{}", v.code.as_str()), &[("role", role.into()), ("related", related.into())])
}

/// What went wrong, in a sentence or a few.
pub fn error_text(lang: Lang, e: &ApiError) -> String {
    let d = &e.details;
    if !d.fields.is_empty() {
        return d.fields.iter().map(|f| field_text(lang, f)).collect::<Vec<_>>().join(" ");
    }
    if !d.violations.is_empty() {
        return d.violations.iter().map(|v| violation_text(lang, v)).collect::<Vec<_>>().join(" ");
    }
    let id = format!("error-{}", e.code);
    let text = text_with(lang, &id, &[("status", Arg::Count(e.status.into()))]);
    if text == id {
        e.message.clone()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use switchboard_shared::roles::{keys, ViolationCode};

    use super::*;
    use crate::api::Details;

    fn violation(code: ViolationCode, role: Option<&str>, related: &[&str]) -> Violation {
        Violation {
            code,
            role: role.map(str::to_owned),
            related: related.iter().map(|s| (*s).to_owned()).collect(),
            message: "server words".into(),
        }
    }

    #[test]
    fn violations_are_said_with_translated_role_names() {
        let v = violation(ViolationCode::MissingPrerequisite, Some(keys::USER_ADMIN), &[keys::CUSTOMER_USER]);
        assert_eq!(violation_text(Lang::En, &v), "Manage users requires Website access.");
        assert_eq!(violation_text(Lang::Fr, &v), "Gérer les utilisateurs exige Accès au site.");
    }

    #[test]
    fn every_rule_code_has_words_in_every_language() {
        for lang in Lang::ALL {
            for &code in ViolationCode::ALL {
                let v = violation(code, Some(keys::USER_ADMIN), &[]);
                let text = violation_text(lang, &v);
                assert!(!text.starts_with("violation-") && text != "server words", "{code:?} in {}", lang.code());
            }
        }
    }

    #[test]
    fn fields_use_their_own_words_then_the_codes_then_the_servers() {
        let f = |field: &str, code: &str| FieldError::new(field, code, "server words");
        assert_eq!(field_text(Lang::Es, &f("email", "taken")), "Otro usuario tiene este correo electrónico.");
        assert_eq!(field_text(Lang::En, &f("displayName", "too_long")), "This is too long.");
        assert_eq!(field_text(Lang::En, &f("deviceIds", "assigned")), "server words");
    }

    #[test]
    fn problems_are_said_by_code_and_unknown_codes_keep_the_servers_words() {
        let e = |status, code: &str| ApiError {
            status,
            code: code.into(),
            message: "server words".into(),
            ..Default::default()
        };
        assert_eq!(error_text(Lang::En, &e(403, "forbidden")), "You do not have the role needed for this.");
        assert_eq!(error_text(Lang::Ru, &e(502, "http")), "Сервер ответил 502.");
        assert_eq!(error_text(Lang::Fr, &e(400, "invalid_query")), "server words");
        let mut rules = e(422, "last_user_admin");
        *rules.details =
            Details { violations: vec![violation(ViolationCode::LastUserAdmin, None, &[])], ..Default::default() };
        assert_eq!(error_text(Lang::Es, &rules), "Debe haber al menos un administrador de usuarios.");
    }
}
