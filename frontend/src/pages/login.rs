use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{components::A, hooks::use_navigate};

use crate::{
    api::{self, SecondFactor},
    components::language_picker::LanguagePicker,
    i18n::{tr, use_i18n},
    session::use_session,
};

/// `/login`: e-mail and password, then, for someone with a second factor,
/// a code from their authenticator app or a recovery code.
#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    // The second step's token, once the password was right.
    let second_step = RwSignal::new(None::<String>);
    let done = Callback::new(move |()| {
        session.signed_in();
        // Home picks the first section this person may use.
        navigate("/", Default::default());
    });
    view! {
        <main class="login">
            {move || match second_step.get() {
                None => view! { <PasswordStep second_step=second_step done=done /> }.into_any(),
                Some(mfa_token) => view! { <CodeStep mfa_token=mfa_token second_step=second_step done=done /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn PasswordStep(second_step: RwSignal<Option<String>>, done: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in =
        Action::new_local(move |(email, password): &(String, String)| api::login(email.clone(), password.clone()));
    let error = move || sign_in.value().get().and_then(Result::err).map(|e| i18n.error(&e));
    Effect::new(move || match sign_in.value().get() {
        Some(Ok(None)) => done.run(()),
        Some(Ok(Some(mfa_token))) => second_step.set(Some(mfa_token)),
        _ => {}
    });
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
            <button type="submit" class="primary" disabled=move || sign_in.pending().get()>
                {move || i18n.tr(if sign_in.pending().get() { "signing-in" } else { "sign-in" })}
            </button>
            <A href="/forgot-password">{tr("forgot-password-link")}</A>
        </form>
    }
}

/// The second step: a code from the authenticator app, or a recovery code.
#[component]
fn CodeStep(mfa_token: String, second_step: RwSignal<Option<String>>, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let recovery = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let verify = Action::new_local(move |answer: &SecondFactor| api::second_factor(mfa_token.clone(), answer.clone()));
    let error = move || verify.value().get().and_then(Result::err).map(|e| i18n.error(&e));
    Effect::new(move || {
        if let Some(Ok(())) = verify.value().get() {
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
            <p class="muted">{move || i18n.tr(if recovery.get() { "mfa-recovery-intro" } else { "mfa-intro" })}</p>
            <label for="mfa-code">{move || i18n.tr(if recovery.get() { "mfa-recovery-code" } else { "mfa-code" })}</label>
            <input id="mfa-code" autocomplete="one-time-code" required autofocus
                inputmode=move || if recovery.get() { "text" } else { "numeric" } bind:value=code />
            <p class="error" role="alert">{error}</p>
            <button type="submit" class="primary" disabled=move || verify.pending().get()>
                {move || i18n.tr(if verify.pending().get() { "mfa-verifying" } else { "mfa-verify" })}
            </button>
            <button type="button" class="link" on:click=switch>
                {move || i18n.tr(if recovery.get() { "mfa-use-code" } else { "mfa-use-recovery" })}
            </button>
            <button type="button" class="link" on:click=move |_| second_step.set(None)>{tr("mfa-start-over")}</button>
        </form>
    }
}
