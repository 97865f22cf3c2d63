use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};

use switchboard_shared::MfaMethod;

use crate::{
    api::{self, SecondFactor, SecondStep},
    components::language_picker::LanguagePicker,
    i18n::{tr, use_i18n},
    session::use_session,
};

/// `/login`: e-mail and password, then, for someone with a second factor,
/// their passkey, a code from their authenticator app or a recovery code;
/// or a passkey alone.
#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    // The second step's token, once the password was right.
    let second_step = RwSignal::new(None::<SecondStep>);
    let done = Callback::new(move |()| {
        session.signed_in();
        // Home picks the first section this person may use.
        navigate("/", Default::default());
    });
    view! {
        <main class="login">
            {move || match second_step.get() {
                None => view! { <PasswordStep second_step=second_step done=done /> }.into_any(),
                Some(step) => view! { <CodeStep step=step second_step=second_step done=done /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn PasswordStep(second_step: RwSignal<Option<SecondStep>>, done: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in =
        Action::new_local(move |(email, password): &(String, String)| api::login(email.clone(), password.clone()));
    let with_passkey = Action::new_local(|_: &()| api::passkey_sign_in(None));
    let error = move || {
        let passkey_error = with_passkey.value().get().and_then(Result::err);
        passkey_error.or_else(|| sign_in.value().get().and_then(Result::err)).map(|e| i18n.error(&e))
    };
    Effect::new(move || match sign_in.value().get() {
        Some(Ok(None)) => done.run(()),
        Some(Ok(Some(step))) => second_step.set(Some(step)),
        _ => {}
    });
    Effect::new(move || {
        if let Some(Ok(())) = with_passkey.value().get() {
            done.run(());
        }
    });
    let busy = move || sign_in.pending().get() || with_passkey.pending().get();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        sign_in.dispatch((email.get_untracked().trim().to_owned(), password.get_untracked()));
    };
    view! {
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
            <button type="submit" class="primary" disabled=busy>
                {move || i18n.tr(if sign_in.pending().get() { "signing-in" } else { "sign-in" })}
            </button>
            {crate::webauthn::supported().then(|| view! {
                <button type="button" id="passkey-sign-in" disabled=busy
                    on:click=move |_| { sign_in.value().set(None); with_passkey.dispatch(()); }>
                    {tr("passkey-sign-in")}
                </button>
            })}
            <A href="/forgot-password">{tr("forgot-password-link")}</A>
        </form>
    }
}

/// The second step: the person's passkey, a code from the authenticator
/// app, or a recovery code.
#[component]
fn CodeStep(step: SecondStep, second_step: RwSignal<Option<SecondStep>>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let has_codes = step.methods.contains(&MfaMethod::Totp);
    let has_passkey = step.methods.contains(&MfaMethod::Passkey) && crate::webauthn::supported();
    // With no authenticator app, the field is for a recovery code.
    let recovery = RwSignal::new(!has_codes);
    let code = RwSignal::new(String::new());
    let mfa_token = step.mfa_token;
    let token = mfa_token.clone();
    let verify = Action::new_local(move |answer: &SecondFactor| api::second_factor(token.clone(), answer.clone()));
    let with_passkey = Action::new_local(move |_: &()| api::passkey_sign_in(Some(mfa_token.clone())));
    let error = move || {
        let passkey_error = with_passkey.value().get().and_then(Result::err);
        passkey_error.or_else(|| verify.value().get().and_then(Result::err)).map(|e| i18n.error(&e))
    };
    Effect::new(move || {
        if matches!(verify.value().get(), Some(Ok(()))) || matches!(with_passkey.value().get(), Some(Ok(()))) {
            done.run(());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_owned();
        verify.dispatch(if recovery.get_untracked() {
            SecondFactor::RecoveryCode(typed)
        } else {
            SecondFactor::Code(typed)
        });
    };
    let switch = move |_| {
        recovery.update(|r| *r = !*r);
        code.set(String::new());
        verify.value().set(None);
    };
    view! {
        <form class="card" on:submit=submit>
            <LanguagePicker />
            <h1>{tr("mfa-title")}</h1>
            {has_passkey.then(|| view! {
                <button type="button" id="mfa-passkey" class="primary" disabled=move || with_passkey.pending().get()
                    on:click=move |_| { verify.value().set(None); with_passkey.dispatch(()); }>
                    {tr("mfa-use-passkey")}
                </button>
            })}
            <p class="muted">{move || i18n.tr(if recovery.get() { "mfa-recovery-intro" } else { "mfa-intro" })}</p>
            <label for="mfa-code">{move || i18n.tr(if recovery.get() { "mfa-recovery-code" } else { "mfa-code" })}</label>
            <input id="mfa-code" autocomplete="one-time-code" required autofocus=!has_passkey
                inputmode=move || if recovery.get() { "text" } else { "numeric" } bind:value=code />
            <p class="error" role="alert">{error}</p>
            <button type="submit" class:primary=!has_passkey disabled=move || verify.pending().get()>
                {move || i18n.tr(if verify.pending().get() { "mfa-verifying" } else { "mfa-verify" })}
            </button>
            {has_codes.then(|| view! {
                <button type="button" class="link" on:click=switch>
                    {move || i18n.tr(if recovery.get() { "mfa-use-code" } else { "mfa-use-recovery" })}
                </button>
            })}
            <button type="button" class="link" on:click=move |_| second_step.set(None)>{tr("mfa-start-over")}</button>
        </form>
    }
}
