//! "Confirm it is you": a sensitive change (granting administrator roles,
//! creating API keys, changing an MFA policy or a PBX connection) needs the
//! password, and the authenticator code for someone with one, within the
//! last five minutes. The change waits while this asks, then goes on.

use leptos::{ev::SubmitEvent, prelude::*};

use crate::{
    api,
    i18n::{tr, use_i18n},
    session::use_session,
};

#[component]
pub fn ConfirmIdentity(with_code: bool) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let confirm = Action::new_local(move |_: &()| {
        let code = with_code.then(|| code.get_untracked().trim().to_owned());
        api::reauthenticate(password.get_untracked(), code)
    });
    Effect::new(move || {
        if let Some(Ok(())) = confirm.value().get() {
            session.confirmed(true);
        }
    });
    let error = move || {
        confirm
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| i18n.field_error(&e, "code").unwrap_or_else(|| i18n.error(&e)))
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        confirm.dispatch(());
    };
    view! {
        <div class="backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
                <h2 id="confirm-title">{tr("confirm-title")}</h2>
                <p>{tr(if with_code { "confirm-intro-code" } else { "confirm-intro" })}</p>
                <form class="stacked" on:submit=submit>
                    <label for="confirm-password">{tr("password")}</label>
                    <input id="confirm-password" type="password" autocomplete="current-password" required autofocus
                        bind:value=password />
                    {with_code.then(|| view! {
                        <label for="confirm-code">{tr("mfa-code")}</label>
                        <input id="confirm-code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6"
                            bind:value=code />
                    })}
                    <p class="error" role="alert">{error}</p>
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || confirm.pending().get()>{tr("confirm-go")}</button>
                        <button type="button" on:click=move |_| session.confirmed(false)>{tr("cancel")}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
