use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_query_map};

use crate::{
    api,
    i18n::{tr, use_i18n},
    pages::language_picker::LanguagePicker,
};

/// `/activate?token=…`: the page of the e-mailed link, where a new user
/// chooses their password.
#[component]
pub fn Activate() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let set_password =
        Action::new_local(move |(token, password): &(String, String)| api::activate(token.clone(), password.clone()));
    let error = move || {
        if mismatch.get() {
            return Some(i18n.tr("passwords-differ"));
        }
        set_password.value().get().and_then(Result::err).map(|e| i18n.error(&e))
    };
    let done = move || matches!(set_password.value().get(), Some(Ok(())));

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (p, c) = (password.get_untracked(), confirm.get_untracked());
        mismatch.set(p != c);
        if p == c {
            set_password.dispatch((token(), p));
        }
    };

    view! {
        <main class="login">
            <LanguagePicker />
            {move || if done() {
                view! {
                    <div class="card" role="status">
                        <h1>{tr("activated-title")}</h1>
                        <p>{tr("activated-text")}</p>
                        <A href="/login">{tr("sign-in")}</A>
                    </div>
                }.into_any()
            } else {
                view! {
                    <form class="card" on:submit=submit>
                        <h1>{tr("activate-title")}</h1>
                        <p class="muted">{tr("activate-hint")}</p>
                        <label for="activate-password">{tr("new-password")}</label>
                        <input id="activate-password" type="password" autocomplete="new-password" required minlength="8" maxlength="128" bind:value=password />
                        <label for="activate-confirm">{tr("repeat-password")}</label>
                        <input id="activate-confirm" type="password" autocomplete="new-password" required bind:value=confirm />
                        <p class="error" role="alert">{error}</p>
                        <button type="submit" class="primary" disabled=move || set_password.pending().get()>{tr("set-password")}</button>
                    </form>
                }.into_any()
            }}
        </main>
    }
}
