//! "Confirm it is you": a sensitive change (granting administrator roles,
//! creating API keys, changing an MFA policy or a PBX connection) needs the
//! password (and the authenticator code, for someone with one) or a passkey
//! within the last five minutes. The change waits while this asks, then
//! goes on.

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
    // Which factors the person has now (`with_code`, from when the frame
    // loaded, until this answers): a passkey may confirm alone, and the code
    // field is for those with an authenticator app.
    let factors = LocalResource::new(move || async move {
        api::mfa_status().await.map(|s| (s.totp, s.passkeys > 0 && crate::webauthn::supported())).ok()
    });
    let has_totp = move || factors.get().flatten().map_or(with_code, |(totp, _)| totp);
    let has_passkey = move || factors.get().flatten().is_some_and(|(_, passkey)| passkey);
    let confirm = Action::new_local(move |_: &()| {
        let code = has_totp().then(|| code.get_untracked().trim().to_owned());
        api::reauthenticate(password.get_untracked(), code)
    });
    let with_passkey = Action::new_local(|_: &()| api::reauthenticate_with_passkey());
    Effect::new(move || {
        if matches!(confirm.value().get(), Some(Ok(()))) || matches!(with_passkey.value().get(), Some(Ok(()))) {
            session.confirmed(true);
        }
    });
    let error = move || {
        let failed = with_passkey.value().get().and_then(Result::err);
        failed.or_else(|| confirm.value().get().and_then(Result::err)).map(|e| {
            i18n.field_error(&e, "code").or_else(|| i18n.field_error(&e, "passkey")).unwrap_or_else(|| i18n.error(&e))
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        confirm.dispatch(());
    };
    view! {
        <div class="backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
                <h2 id="confirm-title">{tr("confirm-title")}</h2>
                <p>{move || i18n.tr(if has_totp() { "confirm-intro-code" } else { "confirm-intro" })}</p>
                {move || has_passkey().then(|| view! {
                    <button type="button" id="confirm-passkey" class="primary" disabled=move || with_passkey.pending().get()
                        on:click=move |_| { confirm.value().set(None); with_passkey.dispatch(()); }>
                        {tr("confirm-passkey")}
                    </button>
                })}
                <form class="stacked" on:submit=submit>
                    <label for="confirm-password">{tr("password")}</label>
                    <input id="confirm-password" type="password" autocomplete="current-password" required autofocus
                        bind:value=password />
                    {move || has_totp().then(|| view! {
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
