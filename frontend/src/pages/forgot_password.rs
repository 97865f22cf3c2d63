use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::components::A;

use crate::{
    api,
    components::language_picker::LanguagePicker,
    i18n::{tr, use_i18n},
};

/// `/forgot-password`: asks for a link to choose a new password. The answer
/// is the same whether or not the address is anyone's.
#[component]
pub fn ForgotPassword() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let send = Action::new_local(move |email: &String| api::request_password_reset(email.clone()));
    let error = move || send.value().get().and_then(Result::err).map(|e| i18n.error(&e));
    let sent = move || matches!(send.value().get(), Some(Ok(())));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send.dispatch(email.get_untracked().trim().to_owned());
    };
    view! {
        <main class="login">
            <div class="card">
                <LanguagePicker />
                <h1>{tr("forgot-title")}</h1>
                {move || if sent() {
                    view! { <p role="status">{tr("forgot-sent")}</p> }.into_any()
                } else {
                    view! {
                        <form on:submit=submit>
                            <p class="muted">{tr("forgot-hint")}</p>
                            <label for="forgot-email">{tr("email")}</label>
                            <input id="forgot-email" type="email" autocomplete="username" required maxlength="200" bind:value=email />
                            <p class="error" role="alert">{error}</p>
                            <button type="submit" class="primary" disabled=move || send.pending().get()>{tr("forgot-send")}</button>
                        </form>
                    }.into_any()
                }}
                <p><A href="/login">{tr("back-to-sign-in")}</A></p>
            </div>
        </main>
    }
}
