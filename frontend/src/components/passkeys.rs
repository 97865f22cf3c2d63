//! My account's "Passkeys": the person's passkeys by the names they gave
//! them, adding one (the browser makes it, the person names it) and removing
//! one. The first factor's recovery codes are shown once, as with the
//! authenticator app. The frame shows it too, to a person whom their
//! organisation's policy requires to set up a second factor.

use leptos::{ev::SubmitEvent, prelude::*};
use switchboard_shared::{Passkey, PasskeyId};

use crate::{
    api::{self, ApiError},
    components::problem::Loaded,
    i18n::{date_time, tr, use_i18n},
};

/// `on_enrolled`: once a passkey is added, a "Continue" button calls it
/// (the frame's enrolment).
#[component]
pub fn Passkeys(#[prop(optional)] on_enrolled: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let add = Action::new_local(|name: &String| api::add_passkey(name.clone()));
    let remove = Action::new_local(|id: &PasskeyId| api::remove_passkey(id.clone()));
    let list = LocalResource::new(move || {
        add.version().track();
        remove.version().track();
        api::passkeys()
    });
    let name = RwSignal::new(String::new());
    Effect::new(move || {
        if let Some(Ok(_)) = add.value().get() {
            name.set(String::new());
        }
    });
    let failed = move || {
        let err = |r: Option<Result<(), ApiError>>| r.and_then(Result::err);
        err(add.value().get().map(|r| r.map(drop))).or_else(|| err(remove.value().get()))
    };
    let codes = move || add.value().get().and_then(Result::ok).map(|r| r.recovery_codes).unwrap_or_default();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        remove.value().set(None);
        add.dispatch(name.get_untracked().trim().to_owned());
    };
    view! {
        <Loaded>
            {move || Suspend::new(async move {
                list.await.map(|keys| {
                    if keys.is_empty() {
                        view! { <p class="muted">{tr("passkeys-none")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="sessions passkeys">
                                {keys.into_iter().map(|key| view! { <PasskeyItem key=key remove=remove /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })
            })}
        </Loaded>
        {if crate::webauthn::supported() {
            view! {
                <form class="stacked" on:submit=submit>
                    <label for="passkey-name">{tr("passkey-name")}</label>
                    <input id="passkey-name" required maxlength="60" placeholder=move || i18n.tr("passkey-name-hint")
                        bind:value=name />
                    <button type="submit" class="primary" disabled=move || add.pending().get()>{tr("passkey-add")}</button>
                </form>
            }.into_any()
        } else {
            view! { <p class="muted">{tr("passkeys-unsupported")}</p> }.into_any()
        }}
        <p class="error" role="alert">{move || failed().map(|e| i18n.field_error(&e, "name").unwrap_or_else(|| i18n.error(&e)))}</p>
        {move || (!codes().is_empty()).then(|| view! {
            <div class="recovery" role="region" aria-label=tr("recovery-title")>
                <p><strong>{tr("recovery-save")}</strong></p>
                <ul>{codes().into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
            </div>
        })}
        {move || on_enrolled.filter(|_| matches!(add.value().get(), Some(Ok(_)))).map(|done| view! {
            <button type="button" class="primary" on:click=move |_| done.run(())>{tr("enrol-continue")}</button>
        })}
    }
}

#[component]
fn PasskeyItem(key: Passkey, remove: Action<PasskeyId, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = key.id.clone();
    let when = move || {
        let at = |id: &str, time: &str| i18n.tr_with(id, &[("date", date_time(i18n.lang(), time).into())]);
        let added = at("passkey-added", &key.created_at);
        match &key.last_used_at {
            Some(used) => format!("{added} · {}", at("passkey-used", used)),
            None => added,
        }
    };
    let name = key.name.clone();
    view! {
        <li class="session">
            <div>
                <strong>{key.name.clone()}</strong>
                <span class="muted">{when}</span>
            </div>
            <button type="button" class="danger" aria-label=move || i18n.tr_with("passkey-remove-named", &[("name", name.clone().into())])
                disabled=move || remove.pending().get() on:click=move |_| { remove.dispatch(id.clone()); }>
                {tr("passkey-remove")}
            </button>
        </li>
    }
}
