use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{api, session::use_session};

#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in =
        Action::new_local(move |(email, password): &(String, String)| api::login(email.clone(), password.clone()));
    let error = move || sign_in.value().get().and_then(Result::err).map(|e| e.message);

    Effect::new(move || {
        if let Some(Ok(response)) = sign_in.value().get() {
            session.sign_in(response.access_token);
            navigate(&format!("/t/{}/users", response.user.primary_tenant), Default::default());
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        sign_in.dispatch((email.get_untracked().trim().to_owned(), password.get_untracked()));
    };

    view! {
        <main class="login">
            <form class="card" on:submit=submit>
                <h1>"Switchboard"</h1>
                <p class="muted">"Sign in to manage your organisation's users and roles."</p>
                <label for="login-email">"Email"</label>
                <input id="login-email" type="email" autocomplete="username" required bind:value=email />
                <label for="login-password">"Password"</label>
                <input id="login-password" type="password" autocomplete="current-password" required bind:value=password />
                <p class="error" role="alert">{error}</p>
                <button type="submit" class="primary" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}
