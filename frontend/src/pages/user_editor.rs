//! `/t/{tenantId}/users/new` and `/t/{tenantId}/users/{userId}`: the user
//! editor, its fields and its role panel.

use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params, use_query_map},
    params::Params,
};
use switchboard_shared::{
    roles::{Context, RoleSet},
    user_mail, CreateUser, Me, PatchUser, TenantId, TenantKind, User, UserId, UserStatus,
};

use crate::{
    api::{self, ApiError, UserMail},
    components::{
        field::Field,
        frame::{in_frame, tenant_kind},
        problem::Loaded,
        role_panel::RolePanel,
        user_devices::UserDevices,
        user_sessions::UserSessions,
    },
    i18n::{status_id, tr, use_i18n, I18n, Lang},
    paths::{self, Section},
};

#[component]
pub fn UserEditorPage() -> impl IntoView {
    in_frame(|me, tenant_id| view! { <Editor me=me tenant_id=tenant_id /> })
}

#[derive(Params, Debug, Clone, PartialEq)]
struct UserParams {
    /// A user's id, or `new`.
    user_id: Option<String>,
}

/// The user named in the URL loaded (none for `new`), then the form.
#[component]
fn Editor(me: Me, tenant_id: Memo<TenantId>) -> impl IntoView {
    let params = use_params::<UserParams>();
    let user_id = Memo::new(move |_| {
        params.read().as_ref().ok().and_then(|p| p.user_id.clone()).filter(|id| id != "new").map(UserId::from)
    });
    let existing = LocalResource::new(move || {
        let (tenant, id) = (tenant_id.get(), user_id.get());
        async move {
            match id {
                Some(id) => api::user(tenant, id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let kind = tenant_kind(&me, &tenant_id.get_untracked());
    let form = move || {
        Suspend::new(async move {
            existing.await.map(|user| view! { <UserForm tenant_id=tenant_id.get_untracked() kind=kind user=user /> })
        })
    };
    view! { <Loaded>{form}</Loaded> }
}

/// An optional text field as the API takes it: blank is none.
fn optional(value: String) -> Option<String> {
    let value = value.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

#[component]
fn UserForm(tenant_id: TenantId, kind: TenantKind, user: Option<User>) -> impl IntoView {
    let navigate = use_navigate();
    let i18n = use_i18n();
    let creating = user.is_none();
    let editable = !user.as_ref().is_some_and(|u| u.is_parent);
    let saved = RwSignal::new(user.clone());
    let field = |f: fn(&User) -> String| RwSignal::new(user.as_ref().map(f).unwrap_or_default());
    let display_name = field(|u| u.display_name.clone());
    let email = field(|u| u.email.clone());
    let extension = field(|u| u.extension.clone().unwrap_or_default());
    let external_id = field(|u| u.external_id.clone().unwrap_or_default());
    let time_zone = field(|u| u.time_zone.clone());
    let language = field(|u| u.language.as_str().to_owned());
    let service_user = RwSignal::new(user.as_ref().is_some_and(|u| u.service_user));
    let held =
        |u: &Option<User>| u.as_ref().map_or(RoleSet::EMPTY, |u| RoleSet::parse(u.roles.iter().map(String::as_str)).0);
    let roles = RwSignal::new(held(&user));
    let before = Signal::derive(move || held(&saved.get()));
    let ctx = Signal::derive(move || Context { tenant_kind: kind, service_user: service_user.get() });
    let error = RwSignal::new(None::<ApiError>);
    let violations = Signal::derive(move || error.get().map(|e| e.details.violations).unwrap_or_default());

    let save = {
        let (tenant_id, navigate) = (tenant_id.clone(), navigate.clone());
        Action::new_local(move |_: &()| {
            let (tenant_id, navigate) = (tenant_id.clone(), navigate.clone());
            let current = saved.get_untracked();
            let pending = roles.get_untracked();
            async move {
                let result = match &current {
                    None => {
                        let body = CreateUser {
                            display_name: display_name.get_untracked(),
                            email: email.get_untracked(),
                            roles: pending.to_strings(),
                            time_zone: optional(time_zone.get_untracked()),
                            language: optional(language.get_untracked()),
                            external_id: optional(external_id.get_untracked()),
                            substitute_id: None,
                            extension: optional(extension.get_untracked()),
                            service_user: service_user.get_untracked(),
                        };
                        api::create_user(tenant_id.clone(), body).await
                    }
                    Some(u) => {
                        let changed = |now: String, was: &str| (now.trim() != was).then(|| now.trim().to_owned());
                        let body = PatchUser {
                            display_name: changed(display_name.get_untracked(), &u.display_name),
                            email: changed(email.get_untracked(), &u.email),
                            roles: (pending != held(&current)).then(|| pending.to_strings()),
                            time_zone: changed(time_zone.get_untracked(), &u.time_zone),
                            language: changed(language.get_untracked(), u.language.as_str()),
                            external_id: changed(external_id.get_untracked(), u.external_id.as_deref().unwrap_or(""))
                                .map(optional),
                            extension: changed(extension.get_untracked(), u.extension.as_deref().unwrap_or(""))
                                .map(optional),
                            ..PatchUser::default()
                        };
                        api::patch_user(tenant_id.clone(), u.id.clone(), u.version, body).await
                    }
                };
                match result {
                    Ok(user) => {
                        error.set(None);
                        if current.is_none() {
                            // The editor of the new user, which says it was created.
                            navigate(&format!("{}?created=1", paths::user(&tenant_id, &user.id)), Default::default());
                        }
                        roles.set(held(&Some(user.clone())));
                        saved.set(Some(user));
                        true
                    }
                    Err(e) => {
                        error.set(Some(e));
                        false
                    }
                }
            }
        })
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save.dispatch(());
    };
    let query = use_query_map();
    let created = move || query.read().get("created").is_some() && save.value().get().is_none();
    let done = move || save.value().get() == Some(true);
    let title = move || saved.get().map_or_else(|| i18n.tr("new-user"), |u| u.display_name);
    let back = paths::section(&tenant_id, Section::Users);
    let exists = Memo::new(move |_| saved.with(Option::is_some));
    let tenant_for_link = tenant_id.clone();
    let tenant_for_history = tenant_id.clone();
    let exists_link = move || {
        error.get().filter(|e| e.code == "user_exists").map(|e| {
            let link = e.details.existing_user_id.map(|id| {
                let href = paths::user(&tenant_for_link, &id);
                view! { " " <A href=href>{tr("open-that-user")}</A> }
            });
            view! { <p class="error" role="alert">{tr("user-exists")} {link}</p> }
        })
    };
    let general_error = move || {
        error
            .get()
            .filter(|e| e.code != "user_exists" && e.details.fields.is_empty() && e.details.violations.is_empty())
            .map(|e| view! { <p class="error" role="alert">{i18n.error(&e)}</p> })
    };

    view! {
        <p><A href=back>{tr("back-to-users")}</A></p>
        <h1>{title}</h1>
        {move || saved.get().map(|u| view! { <p><A href=paths::user_history(&tenant_for_history, &u.id)>{tr("history")}</A></p> })}
        {(!editable).then(|| view! {
            <p class="note">{tr("parent-user-note")}</p>
        })}
        <form class="editor" on:submit=submit>
            <fieldset class="fields" disabled=!editable>
                <Field id="user-name" label="display-name" value=display_name field="displayName" problem=error required=true maxlength=100 />
                <Field id="user-email" label="email" value=email field="email" problem=error kind="email" required=true maxlength=200 />
                {exists_link}
                <Field id="user-extension" label="extension" value=extension field="extension" problem=error inputmode="numeric" maxlength=8 />
                <Field id="user-external-id" label="external-id" value=external_id field="externalId" problem=error maxlength=200 />
                <Field id="user-time-zone" label="time-zone" value=time_zone field="timeZone" problem=error placeholder="time-zone-placeholder" />
                <label for="user-language">{tr("mail-language")}</label>
                <select id="user-language" prop:value=move || language.get() on:change=move |ev| language.set(event_target_value(&ev))>
                    {creating.then(|| view! { <option value="">{tr("mail-language-default")}</option> })}
                    {Lang::ALL.iter().map(|l| view! { <option value=l.code()>{l.native_name()}</option> }).collect_view()}
                </select>
                <p class="error">{move || error.get().and_then(|e| i18n.field_error(&e, "language"))}</p>
                {creating.then(|| view! {
                    <label class="check">
                        <input type="checkbox" bind:checked=service_user />
                        {tr("server-user-option")}
                    </label>
                })}
                {move || saved.get().map(|u| view! {
                    <p class="muted">{i18n.tr_with("status-line", &[("status", i18n.tr(status_id(u.status)).into())])}</p>
                })}
            </fieldset>
            <RolePanel before=before roles=roles ctx=ctx violations=violations editable=editable />
            {general_error}
            {move || done().then(|| view! { <p class="ok" role="status">{tr("saved")}</p> })}
            {move || created().then(|| view! { <p class="ok" role="status">{tr("user-created")}</p> })}
            {editable.then(|| view! {
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {move || i18n.tr(if save.pending().get() { "saving" } else { "save" })}
                </button>
            })}
        </form>
        // Keyed on whether the user exists, not on its every save: the
        // sections below keep their own state (results, confirmations) across saves.
        {move || (editable && exists.get()).then(|| view! {
            <UserDevices tenant_id=tenant_id.clone() saved=saved />
            <UserActions tenant_id=tenant_id.clone() saved=saved />
            {saved.get_untracked().map(|u| view! { <UserSessions tenant_id=tenant_id.clone() user_id=u.id /> })}
        })}
    }
}

/// Block, unblock and delete, each confirmed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Block,
    Unblock,
    Delete,
}

impl Act {
    /// The message ids of its button, its question and its confirmation.
    fn ids(self) -> [&'static str; 3] {
        match self {
            Act::Block => ["act-block", "ask-block", "confirm-block"],
            Act::Unblock => ["act-unblock", "ask-unblock", "confirm-unblock"],
            Act::Delete => ["act-delete", "ask-delete", "confirm-delete"],
        }
    }
}

/// The refusal in words an administrator can act on.
fn explain_refusal(i18n: I18n, e: &ApiError) -> String {
    if e.details.violations.iter().any(|v| v.code.as_str() == "last_user_admin") {
        i18n.tr("last-admin-refusal")
    } else {
        i18n.error(e)
    }
}

#[component]
fn UserActions(tenant_id: TenantId, saved: RwSignal<Option<User>>) -> impl IntoView {
    let navigate = use_navigate();
    let i18n = use_i18n();
    let asking = RwSignal::new(None::<Act>);
    let back = paths::section(&tenant_id, Section::Users);
    let send = {
        let tenant_id = tenant_id.clone();
        Action::new_local(move |mail: &UserMail| {
            let (tenant_id, user, mail) = (tenant_id.clone(), saved.get_untracked(), *mail);
            async move {
                match user {
                    Some(u) => api::send_mail(tenant_id, u.id, mail).await,
                    None => Ok(()),
                }
            }
        })
    };
    // Only people who never activated get a link, and only people with the
    // UC clients the mail with their downloads.
    let offered_mail = move || {
        let Some(u) = saved.get() else { return vec![] };
        let roles = RoleSet::parse(u.roles.iter().map(String::as_str)).0;
        let invited = user_mail::activation_refusal(u.status, u.service_user, &roles).is_none();
        let uc = user_mail::uc_welcome_refusal(u.status, &roles).is_none();
        [(invited, UserMail::Activation), (uc, UserMail::UcWelcome)]
            .into_iter()
            .filter_map(|(o, m)| o.then_some(m))
            .collect()
    };
    // Which mail the last confirmation is about (the action forgets its input).
    let last_mail = RwSignal::new(None::<UserMail>);
    let mail_ids = |mail| match mail {
        UserMail::Activation => ["send-activation", "activation-sent"],
        UserMail::UcWelcome => ["send-uc-welcome", "uc-welcome-sent"],
    };
    let act = Action::new_local(move |act: &Act| {
        let (tenant_id, act) = (tenant_id.clone(), *act);
        let user = saved.get_untracked();
        async move {
            let Some(u) = user else { return Ok(()) };
            let status = |status| PatchUser { status: Some(status), ..PatchUser::default() };
            match act {
                Act::Block => {
                    saved.set(Some(api::patch_user(tenant_id, u.id, u.version, status(UserStatus::Blocked)).await?))
                }
                Act::Unblock => {
                    saved.set(Some(api::patch_user(tenant_id, u.id, u.version, status(UserStatus::Active)).await?))
                }
                Act::Delete => api::delete_user(tenant_id, u.id, u.version).await?,
            }
            Ok::<(), ApiError>(())
        }
    });
    Effect::new(move || {
        if let Some(Ok(())) = act.value().get() {
            if asking.get_untracked() == Some(Act::Delete) {
                navigate(&back, Default::default());
            }
            asking.set(None);
        }
    });
    let offered = move || {
        let blocked = saved.get().is_some_and(|u| u.status == UserStatus::Blocked);
        [if blocked { Act::Unblock } else { Act::Block }, Act::Delete]
    };
    view! {
        <section class="actions" aria-label=tr("account")>
            {move || match asking.get() {
                None => offered().into_iter().map(|a| view! {
                    <button type="button" class:danger=a == Act::Delete on:click=move |_| { act.value().set(None); asking.set(Some(a)); }>
                        {i18n.tr(a.ids()[0])}
                    </button>
                }).collect_view().into_any(),
                Some(a) => {
                    let name = saved.get().map(|u| u.display_name).unwrap_or_default();
                    view! {
                        <p role="alert">{i18n.tr_with(a.ids()[1], &[("name", name.into())])}</p>
                        <button type="button" class="primary" class:danger=a == Act::Delete disabled=move || act.pending().get()
                            on:click=move |_| { act.dispatch(a); }>
                            {i18n.tr(a.ids()[2])}
                        </button>
                        <button type="button" on:click=move |_| asking.set(None)>{tr("cancel")}</button>
                    }.into_any()
                }
            }}
            {move || act.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{explain_refusal(i18n, &e)}</p> })}
            {move || offered_mail().into_iter().map(|mail| view! {
                <button type="button" disabled=move || send.pending().get() on:click=move |_| { last_mail.set(Some(mail)); send.dispatch(mail); }>
                    {i18n.tr(mail_ids(mail)[0])}
                </button>
            }).collect_view()}
            {move || send.value().get().map(|sent| match sent {
                Ok(()) => {
                    let mail = last_mail.get().unwrap_or(UserMail::Activation);
                    view! { <p class="ok" role="status">{i18n.tr(mail_ids(mail)[1])}</p> }.into_any()
                }
                Err(e) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
            })}
        </section>
    }
}
