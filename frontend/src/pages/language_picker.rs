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
            <span aria-hidden="true">"🌐"</span>
            <select aria-label="Language" title=move || i18n.tr("language") on:change=change>
                {Lang::ALL.into_iter().map(|lang| view! {
                    <option value=lang.code() lang=lang.code() selected=move || i18n.lang() == lang>{lang.native_name()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
