//! `/t/{tenantId}/users/new` and `/t/{tenantId}/users/{userId}`: the user
//! editor, its fields (SPEC 3) and its role panel.

use leptos::{ev::SubmitEvent, prelude::*};
use leptos_router::{
    components::{Redirect, A},
    hooks::{use_navigate, use_params_map, use_query_map},
};
use switchboard_shared::{
    roles::{Context, RoleSet},
    CreateUser, Me, PatchUser, TenantKind, User, UserStatus,
};

use crate::{
    api::{self, ApiError},
    pages::{role_panel::RolePanel, topbar::TopBar, users::status_label},
    session::use_session,
};

#[component]
pub fn UserEditorPage() -> impl IntoView {
    let session = use_session();
    let Some(token) = session.token() else {
        return view! { <Redirect path="/login" /> }.into_any();
    };
    let params = use_params_map();
    let tenant_id = Memo::new(move |_| params.read().get("tenant_id").unwrap_or_default());
    let user_id = Memo::new(move |_| params.read().get("user_id").filter(|id| id != "new"));
    let me = {
        let token = token.clone();
        LocalResource::new(move || api::me(token.clone()))
    };
    let existing = {
        let token = token.clone();
        LocalResource::new(move || {
            let (token, tenant, id) = (token.clone(), tenant_id.get(), user_id.get());
            async move {
                match id {
                    Some(id) => api::user(token, tenant, id).await.map(Some),
                    None => Ok(None),
                }
            }
        })
    };
    view! {
        {move || match (me.get(), existing.get()) {
            (Some(Err(e)), _) | (_, Some(Err(e))) if e.is_unauthenticated() => {
                session.sign_out();
                view! { <Redirect path="/login" /> }.into_any()
            }
            (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
            (Some(Ok(me)), Some(Ok(user))) => {
                let kind = tenant_kind(&me, &tenant_id.get());
                view! {
                    <TopBar me=me tenant_id=tenant_id.get() />
                    <main class="page">
                        <UserForm token=token.clone() tenant_id=tenant_id.get() kind=kind user=user />
                    </main>
                }.into_any()
            }
            _ => view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
        }}
    }
    .into_any()
}

/// The kind of the tenant acted in: staff mostly act in customers, and the
/// tenants `/me` lists say which are not.
fn tenant_kind(me: &Me, tenant_id: &str) -> TenantKind {
    std::iter::once(&me.tenant).chain(&me.tenants).find(|t| t.id == tenant_id).map_or(TenantKind::Customer, |t| t.kind)
}

/// An optional text field as the API takes it: blank is none.
fn optional(value: String) -> Option<String> {
    let value = value.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

#[component]
fn UserForm(token: String, tenant_id: String, kind: TenantKind, user: Option<User>) -> impl IntoView {
    let navigate = use_navigate();
    let creating = user.is_none();
    let editable = !user.as_ref().is_some_and(|u| u.is_parent);
    let saved = RwSignal::new(user.clone());
    let field = |f: fn(&User) -> String| RwSignal::new(user.as_ref().map(f).unwrap_or_default());
    let display_name = field(|u| u.display_name.clone());
    let email = field(|u| u.email.clone());
    let extension = field(|u| u.extension.clone().unwrap_or_default());
    let external_id = field(|u| u.external_id.clone().unwrap_or_default());
    let time_zone = field(|u| u.time_zone.clone());
    let service_user = RwSignal::new(user.as_ref().is_some_and(|u| u.service_user));
    let held =
        |u: &Option<User>| u.as_ref().map_or(RoleSet::EMPTY, |u| RoleSet::parse(u.roles.iter().map(String::as_str)).0);
    let roles = RwSignal::new(held(&user));
    let before = Signal::derive(move || held(&saved.get()));
    let ctx = Signal::derive(move || Context { tenant_kind: kind, service_user: service_user.get() });
    let error = RwSignal::new(None::<ApiError>);
    let violations = Signal::derive(move || error.get().map(|e| e.details.violations).unwrap_or_default());
    let field_error = move |name: &'static str| move || error.get().and_then(|e| e.field(name));

    let save = {
        let (token, tenant_id, navigate) = (token.clone(), tenant_id.clone(), navigate.clone());
        Action::new_local(move |_: &()| {
            let (token, tenant_id, navigate) = (token.clone(), tenant_id.clone(), navigate.clone());
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
                            external_id: optional(external_id.get_untracked()),
                            substitute_id: None,
                            extension: optional(extension.get_untracked()),
                            service_user: service_user.get_untracked(),
                        };
                        api::create_user(token, tenant_id.clone(), body).await
                    }
                    Some(u) => {
                        let changed = |now: String, was: &str| (now.trim() != was).then(|| now.trim().to_owned());
                        let body = PatchUser {
                            display_name: changed(display_name.get_untracked(), &u.display_name),
                            email: changed(email.get_untracked(), &u.email),
                            roles: (pending != held(&current)).then(|| pending.to_strings()),
                            time_zone: changed(time_zone.get_untracked(), &u.time_zone),
                            external_id: changed(external_id.get_untracked(), u.external_id.as_deref().unwrap_or(""))
                                .map(optional),
                            extension: changed(extension.get_untracked(), u.extension.as_deref().unwrap_or(""))
                                .map(optional),
                            ..PatchUser::default()
                        };
                        api::patch_user(token, tenant_id.clone(), u.id.clone(), u.version, body).await
                    }
                };
                match result {
                    Ok(user) => {
                        error.set(None);
                        if current.is_none() {
                            // The editor of the new user, which says it was created.
                            navigate(&format!("/t/{tenant_id}/users/{}?created=1", user.id), Default::default());
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
    let title = move || saved.get().map_or_else(|| "New user".to_owned(), |u| u.display_name);
    let back = format!("/t/{tenant_id}/users");
    let tenant_for_link = tenant_id.clone();
    let exists_link = move || {
        error.get().filter(|e| e.code == "user_exists").map(|e| {
            let link = e.details.existing_user_id.map(|id| {
                let href = format!("/t/{tenant_for_link}/users/{id}");
                view! { " " <A href=href>"Open that user"</A> }
            });
            view! { <p class="error" role="alert">"A user with this e-mail already exists." {link}</p> }
        })
    };
    let general_error = move || {
        error
            .get()
            .filter(|e| e.code != "user_exists" && e.details.fields.is_empty() && e.details.violations.is_empty())
            .map(|e| view! { <p class="error" role="alert">{e.message}</p> })
    };

    view! {
        <p><A href=back>"← Users"</A></p>
        <h1>{title}</h1>
        {(!editable).then(|| view! {
            <p class="note">"This user is configured at a higher level (reseller or platform) and can only be changed there."</p>
        })}
        <form class="editor" on:submit=submit>
            <fieldset class="fields" disabled=!editable>
                <label for="user-name">"Display name"</label>
                <input id="user-name" required maxlength="100" bind:value=display_name />
                <p class="error">{field_error("displayName")}</p>
                <label for="user-email">"Email"</label>
                <input id="user-email" type="email" required maxlength="200" bind:value=email />
                <p class="error">{field_error("email")}</p>
                {exists_link}
                <label for="user-extension">"Extension"</label>
                <input id="user-extension" inputmode="numeric" maxlength="8" bind:value=extension />
                <p class="error">{field_error("extension")}</p>
                <label for="user-external-id">"External id"</label>
                <input id="user-external-id" maxlength="200" bind:value=external_id />
                <p class="error">{field_error("externalId")}</p>
                <label for="user-time-zone">"Time zone"</label>
                <input id="user-time-zone" placeholder="Tenant default" bind:value=time_zone />
                <p class="error">{field_error("timeZone")}</p>
                {creating.then(|| view! {
                    <label class="check">
                        <input type="checkbox" bind:checked=service_user />
                        "Server user (API access only, no licences)"
                    </label>
                })}
                {move || saved.get().map(|u| view! { <p class="muted">"Status: " {status_label(u.status)}</p> })}
            </fieldset>
            <RolePanel before=before roles=roles ctx=ctx violations=violations editable=editable />
            {general_error}
            {move || done().then(|| view! { <p class="ok" role="status">"Saved."</p> })}
            {move || created().then(|| view! { <p class="ok" role="status">"User created."</p> })}
            {editable.then(|| view! {
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "Saving…" } else { "Save" }}
                </button>
            })}
        </form>
        {move || (editable && saved.get().is_some()).then(|| view! {
            <UserActions token=token.clone() tenant_id=tenant_id.clone() saved=saved />
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
    fn label(self) -> &'static str {
        match self {
            Act::Block => "Block",
            Act::Unblock => "Unblock",
            Act::Delete => "Delete",
        }
    }

    fn question(self, name: &str) -> String {
        match self {
            Act::Block => format!("Block {name}? They are signed out at once and cannot sign in until unblocked."),
            Act::Unblock => format!("Unblock {name}? They can sign in again."),
            Act::Delete => format!("Delete {name}? This cannot be undone; their devices are freed."),
        }
    }
}

/// The refusal in words an administrator can act on.
fn explain_refusal(e: &ApiError) -> String {
    if e.details.violations.iter().any(|v| v.code.as_str() == "last_user_admin") {
        "This is the last active user administrator of the organisation. Give another active user \
         \"Manage users\" first, so that someone can still manage users."
            .to_owned()
    } else {
        e.message.clone()
    }
}

#[component]
fn UserActions(token: String, tenant_id: String, saved: RwSignal<Option<User>>) -> impl IntoView {
    let navigate = use_navigate();
    let asking = RwSignal::new(None::<Act>);
    let back = format!("/t/{tenant_id}/users");
    let act = Action::new_local(move |act: &Act| {
        let (token, tenant_id, act) = (token.clone(), tenant_id.clone(), *act);
        let user = saved.get_untracked();
        async move {
            let Some(u) = user else { return Ok(()) };
            let status = |status| PatchUser { status: Some(status), ..PatchUser::default() };
            match act {
                Act::Block => saved
                    .set(Some(api::patch_user(token, tenant_id, u.id, u.version, status(UserStatus::Blocked)).await?)),
                Act::Unblock => saved
                    .set(Some(api::patch_user(token, tenant_id, u.id, u.version, status(UserStatus::Active)).await?)),
                Act::Delete => api::delete_user(token, tenant_id, u.id, u.version).await?,
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
        <section class="actions" aria-label="Account">
            {move || match asking.get() {
                None => offered().into_iter().map(|a| view! {
                    <button type="button" class:danger=a == Act::Delete on:click=move |_| { act.value().set(None); asking.set(Some(a)); }>
                        {a.label()}
                    </button>
                }).collect_view().into_any(),
                Some(a) => {
                    let name = saved.get().map(|u| u.display_name).unwrap_or_default();
                    view! {
                        <p role="alert">{a.question(&name)}</p>
                        <button type="button" class="primary" class:danger=a == Act::Delete disabled=move || act.pending().get()
                            on:click=move |_| { act.dispatch(a); }>
                            {format!("Yes, {}", a.label().to_lowercase())}
                        </button>
                        <button type="button" on:click=move |_| asking.set(None)>"Cancel"</button>
                    }.into_any()
                }
            }}
            {move || act.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{explain_refusal(&e)}</p> })}
        </section>
    }
}
