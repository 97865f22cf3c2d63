//! The translations are complete: every language has exactly English's
//! messages, every id the code names exists, and every role, rule and
//! problem code the server can send has words in every language.

use std::{collections::BTreeSet, fs, path::Path};

use fluent_syntax::{ast, parser};
use switchboard_shared::roles::CATALOGUE;

use super::*;

fn locale_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
}

/// Every message id of one language, with its attributes as `id.attr`.
fn ids(lang: Lang) -> BTreeSet<String> {
    let path = locale_dir().join(lang.code()).join("main.ftl");
    let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource =
        parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    let mut ids = BTreeSet::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            ids.insert(m.id.name.to_owned());
            ids.extend(m.attributes.iter().map(|a| format!("{}.{}", m.id.name, a.id.name)));
        }
    }
    ids
}

#[test]
fn every_language_has_exactly_the_messages_of_english() {
    let english = ids(Lang::En);
    assert!(english.len() > 100, "English has {} messages", english.len());
    for lang in [Lang::Fr, Lang::Es, Lang::Ru] {
        let other = ids(lang);
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, unknown {extra:?}", lang.code());
    }
}

/// The literal ids in `tr("…")` and `tr_with("…"` calls of the sources.
fn ids_in_code(dir: &Path, found: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            ids_in_code(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
            let source = fs::read_to_string(&path).expect("source file");
            for call in ["tr(\"", "tr_with(\""] {
                for (at, _) in source.match_indices(call) {
                    let rest = &source[at + call.len()..];
                    found.insert(rest[..rest.find('"').expect("closing quote")].to_owned());
                }
            }
        }
    }
}

#[test]
fn every_message_the_code_names_exists() {
    let mut used = BTreeSet::new();
    ids_in_code(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut used);
    assert!(used.len() > 50, "only {} ids found: is the scan broken?", used.len());
    let english = ids(Lang::En);
    let unknown: Vec<_> = used.difference(&english).collect();
    assert!(unknown.is_empty(), "ids without a message: {unknown:?}");
}

#[test]
fn every_role_has_a_name_and_description_in_every_language() {
    for lang in Lang::ALL {
        for role in &CATALOGUE {
            assert_ne!(role_name(lang, role.key), role.key, "{} has no name in {}", role.key, lang.code());
            assert!(!role_description(lang, role.key).is_empty(), "{} has no description", role.key);
        }
    }
    assert_eq!(role_name(Lang::En, "user.admin"), "Manage users");
    assert_eq!(role_name(Lang::Fr, "user.admin"), "Gérer les utilisateurs");
    // The English names are the catalogue's, which the API and the tests use.
    for role in &CATALOGUE {
        assert_eq!(role_name(Lang::En, role.key), role.name);
    }
}

#[test]
fn counts_take_each_languages_plural_forms() {
    let count = |lang, n: u64| text_with(lang, "users-count", &[("count", n.into())]);
    assert_eq!(count(Lang::En, 1), "1 user");
    assert_eq!(count(Lang::En, 10_000), "10000 users");
    assert_eq!(count(Lang::Ru, 1), "1 пользователь");
    assert_eq!(count(Lang::Ru, 3), "3 пользователя");
    assert_eq!(count(Lang::Ru, 5), "5 пользователей");
    assert_eq!(count(Lang::Ru, 21), "21 пользователь");
    assert_eq!(count(Lang::Fr, 2), "2 utilisateurs");
    // A search counted no further than its cap.
    assert_eq!(text_with(Lang::En, "users-count-more", &[("count", 1000u64.into())]), "More than 1000 users");
    assert_eq!(text_with(Lang::Ru, "users-count-more", &[("count", 1000u64.into())]), "Более 1000 пользователей");
}

#[test]
fn languages_are_recognised_from_browser_codes() {
    assert_eq!(Lang::from_code("fr-CA"), Some(Lang::Fr));
    assert_eq!(Lang::from_code("ES"), Some(Lang::Es));
    assert_eq!(Lang::from_code("ru_RU"), Some(Lang::Ru));
    assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
    assert_eq!(Lang::from_code("de-DE"), None);
    assert_eq!(Lang::from_code(""), None);
}

#[test]
fn every_status_has_words_in_every_language() {
    use switchboard_shared::UserStatus;
    for lang in Lang::ALL {
        for status in [UserStatus::Active, UserStatus::Invited, UserStatus::Blocked] {
            let id = status_id(status);
            assert_ne!(text(lang, id), id);
        }
    }
    assert_eq!(text(Lang::Es, status_id(UserStatus::Blocked)), "Bloqueado");
}
