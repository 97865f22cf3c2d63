//! The pages of the e-mailed links that set a password: `/activate` (a new
//! person's first) and `/reset-password` (a forgotten one's).

use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_query_map};

use crate::{
    api,
    components::language_picker::LanguagePicker,
    i18n::{tr, use_i18n},
};

/// Which link the page is for: its words and its call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Activation,
    Reset,
}

impl Link {
    /// (title, hint, done title, done text) message ids.
    fn words(self) -> [&'static str; 4] {
        match self {
            Link::Activation => ["activate-title", "activate-hint", "activated-title", "activated-text"],
            Link::Reset => ["reset-title", "reset-hint", "reset-done-title", "reset-done-text"],
        }
    }
}

/// `/activate?token=…`: a new user chooses their password.
#[component]
pub fn Activate() -> impl IntoView {
    view! { <SetPassword link=Link::Activation /> }
}

/// `/reset-password?token=…`: someone who forgot their password chooses a new one.
#[component]
pub fn ResetPassword() -> impl IntoView {
    view! { <SetPassword link=Link::Reset /> }
}

#[component]
fn SetPassword(link: Link) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let set_password = Action::new_local(move |(token, password): &(String, String)| {
        let (token, password) = (token.clone(), password.clone());
        async move {
            match link {
                Link::Activation => api::activate(token, password).await,
                Link::Reset => api::confirm_password_reset(token, password).await,
            }
        }
    });
    let error = move || {
        if mismatch.get() {
            return Some(i18n.tr("passwords-differ"));
        }
        set_password.value().get().and_then(Result::err).map(|e| i18n.error(&e))
    };
    let done = move || matches!(set_password.value().get(), Some(Ok(())));
    let [title, hint, done_title, done_text] = link.words();

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
            <div class="card">
                <LanguagePicker />
                {move || if done() {
                    view! {
                        <div role="status">
                            <h1>{tr(done_title)}</h1>
                            <p>{tr(done_text)}</p>
                            <A href="/login">{tr("sign-in")}</A>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <form on:submit=submit>
                            <h1>{tr(title)}</h1>
                            <p class="muted">{tr(hint)}</p>
                            <label for="new-password">{tr("new-password")}</label>
                            <input id="new-password" type="password" autocomplete="new-password" required minlength="8" maxlength="128" bind:value=password />
                            <label for="repeat-password">{tr("repeat-password")}</label>
                            <input id="repeat-password" type="password" autocomplete="new-password" required bind:value=confirm />
                            <p class="error" role="alert">{error}</p>
                            <button type="submit" class="primary" disabled=move || set_password.pending().get()>{tr("set-password")}</button>
                        </form>
                    }.into_any()
                }}
            </div>
        </main>
    }
}
