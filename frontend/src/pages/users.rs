use leptos::prelude::*;
use leptos_router::{
    components::{Redirect, A},
    hooks::{use_navigate, use_params_map},
};
use switchboard_shared::{roles::RoleDef, User, UserStatus};

use crate::{api, pages::topbar::TopBar, session::use_session};

/// `/t/{tenantId}/users`: the users of one tenant.
#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let Some(token) = session.token() else {
        return view! { <Redirect path="/login" /> }.into_any();
    };
    let params = use_params_map();
    let tenant_id = Memo::new(move |_| params.read().get("tenant_id").unwrap_or_default());
    let me = {
        let token = token.clone();
        LocalResource::new(move || api::me(token.clone()))
    };
    view! {
        {move || match me.get() {
            None => view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
            Some(Err(e)) if e.is_unauthenticated() => {
                session.sign_out();
                view! { <Redirect path="/login" /> }.into_any()
            }
            Some(Err(e)) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
            Some(Ok(me)) => {
                let token = token.clone();
                view! {
                    <TopBar me=me tenant_id=tenant_id.get() />
                    <main class="page">
                        <UsersTable token=token tenant_id=tenant_id />
                    </main>
                }.into_any()
            }
        }}
    }
    .into_any()
}

#[component]
fn UsersTable(token: String, tenant_id: Memo<String>) -> impl IntoView {
    let new_user = use_navigate();
    let query = RwSignal::new(String::new());
    let page = {
        let token = token.clone();
        LocalResource::new(move || api::users(token.clone(), tenant_id.get(), query.get(), None))
    };
    // Rows fetched with "Show more", appended to the first page.
    let more = RwSignal::new(Vec::<User>::new());
    let cursor = RwSignal::new(None::<String>);
    Effect::new(move || {
        if let Some(Ok(p)) = page.get() {
            more.set(Vec::new());
            cursor.set(p.next_cursor);
        }
    });
    let load_more = Action::new_local(move |cursor: &String| {
        api::users(token.clone(), tenant_id.get_untracked(), query.get_untracked(), Some(cursor.clone()))
    });
    Effect::new(move || {
        if let Some(Ok(p)) = load_more.value().get() {
            more.update(|rows| rows.extend(p.items));
            cursor.set(p.next_cursor);
        }
    });

    view! {
        <div class="toolbar">
            <h1>"Users"</h1>
            <button type="button" class="primary" on:click=move |_| new_user(&format!("/t/{}/users/new", tenant_id.get()), Default::default())>
                "New user"
            </button>
            <label class="search">
                <span class="visually-hidden">"Search users"</span>
                <input type="search" aria-label="Search users" placeholder="Search by name, e-mail, extension…" bind:value=query />
            </label>
        </div>
        {move || match page.get() {
            None => view! { <p class="loading" role="status">"Loading users…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
            Some(Ok(p)) => {
                let total = p.total;
                view! {
                    <p class="muted" role="status">{if total == 1 { "1 user".to_owned() } else { format!("{total} users") }}</p>
                    <div class="table-wrap">
                        <table class="users">
                            <thead>
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"Email"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Extension"</th>
                                    <th scope="col">"Roles"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.items.into_iter().map(|u| row(&tenant_id.get_untracked(), u)).collect_view()}
                                {move || more.get().into_iter().map(|u| row(&tenant_id.get_untracked(), u)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {move || load_more.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{e.message}</p> })}
                    {move || cursor.get().map(|c| view! {
                        <button class="secondary" disabled=move || load_more.pending().get() on:click=move |_| { load_more.dispatch(c.clone()); }>
                            "Show more"
                        </button>
                    })}
                }.into_any()
            }
        }}
    }
}

pub fn status_label(status: UserStatus) -> &'static str {
    match status {
        UserStatus::Active => "Active",
        UserStatus::Invited => "Invited",
        UserStatus::Blocked => "Blocked",
    }
}

/// One user; the name opens the editor (a link, so it works from the keyboard
/// and in a new tab).
fn row(tenant_id: &str, user: User) -> impl IntoView {
    let class = match user.status {
        UserStatus::Active => "badge ok",
        UserStatus::Invited => "badge info",
        UserStatus::Blocked => "badge warn",
    };
    let label = status_label(user.status);
    let href = format!("/t/{tenant_id}/users/{}", user.id);
    view! {
        <tr>
            <td>
                <A href=href>{user.display_name}</A>
                {user.service_user.then(|| view! { " " <span class="badge">"Server user"</span> })}
                {user.is_parent.then(|| view! { " " <span class="badge" title="Configured at a higher level (reseller or platform)">"Parent"</span> })}
            </td>
            <td>{user.email}</td>
            <td><span class=class>{label}</span></td>
            <td>{user.extension.unwrap_or_default()}</td>
            <td class="roles">{role_names(&user.roles)}</td>
        </tr>
    }
}

/// The roles' names from the shared catalogue (a key it lacks is shown as is).
fn role_names(keys: &[String]) -> String {
    keys.iter().map(|k| RoleDef::get(k).map_or(k.as_str(), |r| r.name)).collect::<Vec<_>>().join(", ")
}
