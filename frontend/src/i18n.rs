//! The portal's four languages. Every visible string is a Fluent message in
//! `frontend/locales/{lang}/main.ftl`, looked up by id at run time, so role
//! keys, rule codes and problem codes map to messages without generated code
//! (`messages` holds the bundles: English compiled in, the others fetched
//! when chosen). The chosen language is one signal in the context; text in
//! views reads it, so switching repaints in place.

use fluent_bundle::{FluentArgs, FluentValue};
use leptos::{prelude::*, task::spawn_local};
use switchboard_shared::roles::Violation;

use crate::api::ApiError;

mod dates;
mod messages;
mod problems;
pub use dates::date_time;
pub use messages::load;
pub use problems::{error_text, field_text, violation_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Es,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ru => "ru",
        }
    }

    /// The language's name in itself, as the picker lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Ru => "Русский",
        }
    }

    /// `fr`, `fr-CA`, `FR`… → French; anything else → none.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language chosen earlier in this browser, else the browser's own
    /// if the portal has it, else English.
    pub fn preferred() -> Lang {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let browser = web_sys::window().and_then(|w| w.navigator().language());
        stored.or(browser).as_deref().and_then(Lang::from_code).unwrap_or(Lang::En)
    }
}

/// The message `id` in `lang` (English where `lang` lacks it; the id itself
/// where English lacks it too, which a test forbids).
pub fn text(lang: Lang, id: &str) -> String {
    messages::format(lang, id, None).unwrap_or_else(|| id.to_owned())
}

/// A message with arguments: names are text, counts are numbers (which pick
/// the plural form, e.g. Russian's one/few/many).
pub fn text_with(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let args: FluentArgs = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            (*k, value)
        })
        .collect();
    messages::format(lang, id, Some(&args)).unwrap_or_else(|| id.to_owned())
}

#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Count(u64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Count(n)
    }
}

/// The Fluent id of a role's name (`customer.user.admin` → `role-customer-user-admin`).
fn role_id(key: &str) -> String {
    format!("role-{}", key.replace('.', "-"))
}

/// A role's name; a key outside the catalogue is shown as is.
pub fn role_name(lang: Lang, key: &str) -> String {
    messages::format(lang, &role_id(key), None).unwrap_or_else(|| key.to_owned())
}

pub fn role_description(lang: Lang, key: &str) -> String {
    messages::format(lang, &format!("{}.about", role_id(key)), None).unwrap_or_default()
}

/// Role names joined for a sentence.
pub fn role_list<'a>(lang: Lang, keys: impl IntoIterator<Item = &'a str>) -> String {
    keys.into_iter().map(|k| role_name(lang, k)).collect::<Vec<_>>().join(", ")
}

/// The message id of a user's status.
pub fn status_id(status: switchboard_shared::UserStatus) -> &'static str {
    use switchboard_shared::UserStatus;
    match status {
        UserStatus::Active => "status-active",
        UserStatus::Invited => "status-invited",
        UserStatus::Blocked => "status-blocked",
    }
}

const STORAGE_KEY: &str = "switchboard.language";

/// The language in use, in the context of the whole app.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The preferred language if its messages are here (`main` fetches
    /// them before the app starts), else English.
    pub fn provide() -> Self {
        let lang = Some(Lang::preferred()).filter(|l| messages::ready(*l)).unwrap_or(Lang::En);
        mark_document(lang);
        let i18n = Self { lang: RwSignal::new(lang) };
        provide_context(i18n);
        i18n
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// Switches once the language's messages are here; if they cannot be
    /// fetched, the page stays in the language it is in.
    pub fn set(&self, lang: Lang) {
        let chosen = self.lang;
        spawn_local(async move {
            if messages::load(lang).await && chosen.try_set(lang).is_none() {
                if let Some(s) = storage() {
                    let _ = s.set_item(STORAGE_KEY, lang.code());
                }
                mark_document(lang);
            }
        });
    }

    pub fn tr(&self, id: &str) -> String {
        text(self.lang(), id)
    }

    pub fn tr_with(&self, id: &str, args: &[(&'static str, Arg)]) -> String {
        text_with(self.lang(), id, args)
    }

    pub fn error(&self, e: &ApiError) -> String {
        error_text(self.lang(), e)
    }

    pub fn violation(&self, v: &Violation) -> String {
        violation_text(self.lang(), v)
    }

    /// What the server said about one field, if anything.
    pub fn field_error(&self, e: &ApiError, field: &str) -> Option<String> {
        e.details.fields.iter().find(|f| f.field == field).map(|f| field_text(self.lang(), f))
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The message `id`, kept in the current language: for text and attributes in views.
pub fn tr(id: &'static str) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.tr(id)
}

/// `<html lang>` follows the language, for screen readers and hyphenation.
fn mark_document(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[cfg(test)]
mod tests;
