use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang};

/// The language picker. Its accessible name stays "Language" in every
/// language, and each language is listed in itself, so someone who cannot
/// read the current one still finds their own.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    let change = move |ev| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            i18n.set(lang);
        }
    };
    view! {
        <label class="language">
            // A globe drawn here: an emoji needs a font many systems lack.
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6">
                <circle cx="12" cy="12" r="9" />
                <ellipse cx="12" cy="12" rx="4" ry="9" />
                <path d="M3 12h18M5 7h14M5 17h14" />
            </svg>
            <select aria-label="Language" title=move || i18n.tr("language") on:change=change>
                {Lang::ALL.into_iter().map(|lang| view! {
                    <option value=lang.code() lang=lang.code() selected=move || i18n.lang() == lang>{lang.native_name()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
