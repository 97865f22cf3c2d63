//! `/t/{tenantId}/account`: the signed-in person's own account — their
//! profile, their password, their passkeys and authenticator app, and
//! where they are signed in.

use leptos::{ev::SubmitEvent, prelude::*};
use switchboard_shared::{ChangePassword, PatchProfile, Profile, SessionId, SessionInfo};

use crate::{
    api::{self, ApiError},
    components::{
        authenticator::Authenticator, field::Field, frame, passkeys::Passkeys, problem::Loaded, session::SessionSummary,
    },
    i18n::{tr, use_i18n, Lang},
};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! { <Account /> }
}

#[component]
fn Account() -> impl IntoView {
    let change_password = Action::new_local(|body: &ChangePassword| api::change_password(body.clone()));
    view! {
        <h1>{tr("account-title")}</h1>
        <div class="account">
            <section aria-labelledby="profile-title">
                <h2 id="profile-title">{tr("profile-title")}</h2>
                <ProfileSection />
            </section>
            <section aria-labelledby="password-title">
                <h2 id="password-title">{tr("password-title")}</h2>
                <PasswordForm change=change_password />
            </section>
        </div>
        <section aria-labelledby="passkeys-title">
            <h2 id="passkeys-title">{tr("passkeys-title")}</h2>
            <Passkeys />
        </section>
        <section aria-labelledby="totp-title">
            <h2 id="totp-title">{tr("totp-title")}</h2>
            <Authenticator />
        </section>
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{tr("sessions-title")}</h2>
            <Sessions password_changes=change_password.version() />
        </section>
    }
}

#[component]
fn ProfileSection() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    view! {
        <Loaded>
                {move || Suspend::new(async move { profile.await.map(|p| view! { <ProfileForm profile=p /> }) })}
            </Loaded>
    }
}

#[component]
fn ProfileForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(profile.display_name);
    let language = RwSignal::new(profile.language.as_str().to_owned());
    let time_zone = RwSignal::new(profile.time_zone);
    let save = Action::new_local(|body: &PatchProfile| api::patch_profile(body.clone()));
    let my_name = frame::my_name();
    // The portal speaks the language the person chose for themself, and
    // the top bar says their new name.
    Effect::new(move || {
        if let Some(Ok(saved)) = save.value().get() {
            my_name.set(saved.display_name.clone());
            if let Some(lang) = Lang::from_code(saved.language.as_str()) {
                i18n.set(lang);
            }
        }
    });
    let error = move || save.value().get().and_then(Result::err);
    let other_error = move || error().filter(|e| e.details.fields.is_empty()).map(|e| i18n.error(&e));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save.dispatch(PatchProfile {
            display_name: Some(name.get_untracked()),
            language: Some(language.get_untracked()),
            time_zone: Some(time_zone.get_untracked()),
        });
    };
    view! {
        <form class="stacked" on:submit=submit>
            <Field id="profile-name" label="display-name" value=name field="displayName" problem=error required=true maxlength=100 autocomplete="name" />
            <label for="profile-language">{tr("language")}</label>
            <select id="profile-language" prop:value=move || language.get() on:change=move |ev| language.set(event_target_value(&ev))>
                {Lang::ALL.iter().map(|l| view! { <option value=l.code() lang=l.code()>{l.native_name()}</option> }).collect_view()}
            </select>
            <Field id="profile-time-zone" label="time-zone" value=time_zone field="timeZone" problem=error maxlength=64 />
            <p class="error" role="alert">{other_error}</p>
            <p class="ok" role="status">{move || matches!(save.value().get(), Some(Ok(_))).then(|| i18n.tr("profile-saved"))}</p>
            <button type="submit" class="primary" disabled=move || save.pending().get()>{tr("save")}</button>
        </form>
    }
}

#[component]
fn PasswordForm(change: Action<ChangePassword, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let mismatch = RwSignal::new(false);
    let error = move || {
        if mismatch.get() {
            return Some(i18n.tr("passwords-differ"));
        }
        change.value().get().and_then(Result::err).map(|e| i18n.error(&e))
    };
    Effect::new(move || {
        if let Some(Ok(())) = change.value().get() {
            for field in [current, new, repeat] {
                field.set(String::new());
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (p, r) = (new.get_untracked(), repeat.get_untracked());
        mismatch.set(p != r);
        if p == r {
            change.dispatch(ChangePassword { current_password: current.get_untracked(), new_password: p });
        }
    };
    view! {
        <form class="stacked" on:submit=submit>
            <label for="current-password">{tr("current-password")}</label>
            <input id="current-password" type="password" autocomplete="current-password" required bind:value=current />
            <label for="new-password">{tr("new-password")}</label>
            <input id="new-password" type="password" autocomplete="new-password" required minlength="8" maxlength="128" bind:value=new />
            <label for="repeat-password">{tr("repeat-password")}</label>
            <input id="repeat-password" type="password" autocomplete="new-password" required bind:value=repeat />
            <p class="error" role="alert">{error}</p>
            <p class="ok" role="status">{move || matches!(change.value().get(), Some(Ok(()))).then(|| i18n.tr("password-changed"))}</p>
            <button type="submit" class="primary" disabled=move || change.pending().get()>{tr("change-password")}</button>
        </form>
    }
}

/// The person's live sessions; each other one can be ended, or all at once.
/// Re-read whenever one is ended or the password changes (which ends them).
#[component]
fn Sessions(password_changes: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let end = Action::new_local(|id: &Option<SessionId>| api::end_my_sessions(id.clone()));
    let sessions = LocalResource::new(move || {
        // Re-keyed on both actions: each ends sessions.
        end.version().track();
        password_changes.track();
        api::my_sessions()
    });
    view! {
        {move || end.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{i18n.error(&e)}</p> })}
        <Loaded>
                {move || Suspend::new(async move {
                    sessions.await.map(|list| {
                        let others = list.items.iter().filter(|s| !s.current).count();
                        view! {
                            <ul class="sessions">
                                {list.items.into_iter().map(|s| session_item(end, s)).collect_view()}
                            </ul>
                            {if others == 0 {
                                view! { <p class="muted">{tr("no-other-sessions")}</p> }.into_any()
                            } else {
                                view! {
                                    <button type="button" class="danger" disabled=move || end.pending().get()
                                        on:click=move |_| { end.dispatch(None); }>
                                        {tr("sign-out-others")}
                                    </button>
                                }.into_any()
                            }}
                        }
                    })
                })}
            </Loaded>
    }
}

fn session_item(end: Action<Option<SessionId>, Result<(), ApiError>>, s: SessionInfo) -> impl IntoView {
    let (id, current) = (s.id.clone(), s.current);
    view! {
        <li class="session">
            <SessionSummary session=s />
            {if current {
                view! { <span class="badge">{tr("session-this-device")}</span> }.into_any()
            } else {
                view! {
                    <button type="button" disabled=move || end.pending().get()
                        on:click=move |_| { end.dispatch(Some(id.clone())); }>
                        {tr("sign-out-session")}
                    </button>
                }.into_any()
            }}
        </li>
    }
}
