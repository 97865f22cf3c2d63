use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};

use crate::{
    api,
    components::language_picker::LanguagePicker,
    i18n::{tr, use_i18n},
    session::use_session,
};

#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in =
        Action::new_local(move |(email, password): &(String, String)| api::login(email.clone(), password.clone()));
    let error = move || sign_in.value().get().and_then(Result::err).map(|e| i18n.error(&e));

    Effect::new(move || {
        if let Some(Ok(_)) = sign_in.value().get() {
            session.signed_in();
            // Home picks the first section this person may use.
            navigate("/", Default::default());
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        sign_in.dispatch((email.get_untracked().trim().to_owned(), password.get_untracked()));
    };

    view! {
        <main class="login">
            <form class="card" on:submit=submit>
                <LanguagePicker />
                <h1>{tr("brand")}</h1>
                <p class="muted">{tr("login-intro")}</p>
                {move || session.ended().then(|| view! { <p class="notice" role="status">{tr("session-ended")}</p> })}
                <label for="login-email">{tr("email")}</label>
                <input id="login-email" type="email" autocomplete="username" required bind:value=email />
                <label for="login-password">{tr("password")}</label>
                <input id="login-password" type="password" autocomplete="current-password" required bind:value=password />
                <p class="error" role="alert">{error}</p>
                <button type="submit" class="primary" disabled=move || sign_in.pending().get()>
                    {move || i18n.tr(if sign_in.pending().get() { "signing-in" } else { "sign-in" })}
                </button>
                <A href="/forgot-password">{tr("forgot-password-link")}</A>
            </form>
        </main>
    }
}
