use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use switchboard_shared::{User, UserStatus};

use crate::{
    api,
    i18n::{role_list, tr, use_i18n, I18n},
    pages::frame::Frame,
};

/// `/t/{tenantId}/users`: the users of one tenant.
#[component]
pub fn UsersPage() -> impl IntoView {
    view! { <Frame page=|_, tenant_id| view! { <UsersTable tenant_id=tenant_id /> } /> }
}

#[component]
fn UsersTable(tenant_id: Memo<String>) -> impl IntoView {
    let i18n = use_i18n();
    let new_user = use_navigate();
    let query = RwSignal::new(String::new());
    let page = LocalResource::new(move || api::users(tenant_id.get(), query.get(), None));
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
        api::users(tenant_id.get_untracked(), query.get_untracked(), Some(cursor.clone()))
    });
    Effect::new(move || {
        if let Some(Ok(p)) = load_more.value().get() {
            more.update(|rows| rows.extend(p.items));
            cursor.set(p.next_cursor);
        }
    });

    view! {
        <div class="toolbar">
            <h1>{tr("users-title")}</h1>
            <button type="button" class="primary" on:click=move |_| new_user(&format!("/t/{}/users/new", tenant_id.get()), Default::default())>
                {tr("new-user")}
            </button>
            <label class="search">
                <span class="visually-hidden">{tr("search-users")}</span>
                <input type="search" aria-label=tr("search-users") placeholder=tr("search-placeholder") bind:value=query />
            </label>
        </div>
        {move || match page.get() {
            None => view! { <p class="loading" role="status">{tr("loading-users")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
            Some(Ok(p)) => {
                let total = p.total;
                view! {
                    <p class="muted" role="status">{move || i18n.tr_with("users-count", &[("count", total.into())])}</p>
                    <div class="table-wrap">
                        <table class="users">
                            <thead>
                                <tr>
                                    <th scope="col">{tr("column-name")}</th>
                                    <th scope="col">{tr("column-email")}</th>
                                    <th scope="col">{tr("column-status")}</th>
                                    <th scope="col">{tr("column-extension")}</th>
                                    <th scope="col">{tr("column-roles")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.items.into_iter().map(|u| row(i18n, &tenant_id.get_untracked(), u)).collect_view()}
                                {move || more.get().into_iter().map(|u| row(i18n, &tenant_id.get_untracked(), u)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {move || load_more.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{i18n.error(&e)}</p> })}
                    {move || cursor.get().map(|c| view! {
                        <button class="secondary" disabled=move || load_more.pending().get() on:click=move |_| { load_more.dispatch(c.clone()); }>
                            {tr("show-more")}
                        </button>
                    })}
                }.into_any()
            }
        }}
    }
}

/// The message id of a status.
pub fn status_id(status: UserStatus) -> &'static str {
    match status {
        UserStatus::Active => "status-active",
        UserStatus::Invited => "status-invited",
        UserStatus::Blocked => "status-blocked",
    }
}

/// One user; the name opens the editor (a link, so it works from the keyboard
/// and in a new tab).
fn row(i18n: I18n, tenant_id: &str, user: User) -> impl IntoView {
    let class = match user.status {
        UserStatus::Active => "badge ok",
        UserStatus::Invited => "badge info",
        UserStatus::Blocked => "badge warn",
    };
    let label = i18n.tr(status_id(user.status));
    let href = format!("/t/{tenant_id}/users/{}", user.id);
    view! {
        <tr>
            <td>
                <A href=href>{user.display_name}</A>
                {user.service_user.then(|| view! { " " <span class="badge">{i18n.tr("badge-server-user")}</span> })}
                {user.is_parent.then(|| view! { " " <span class="badge" title=i18n.tr("badge-parent-title")>{i18n.tr("badge-parent")}</span> })}
            </td>
            <td>{user.email}</td>
            <td><span class=class>{label}</span></td>
            <td>{user.extension.unwrap_or_default()}</td>
            <td class="roles">{role_list(i18n.lang(), user.roles.iter().map(String::as_str))}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use switchboard_shared::UserStatus;

    use crate::i18n::{text, Lang};

    #[test]
    fn every_status_has_words_in_every_language() {
        for lang in Lang::ALL {
            for status in [UserStatus::Active, UserStatus::Invited, UserStatus::Blocked] {
                let id = super::status_id(status);
                assert_ne!(text(lang, id), id);
            }
        }
        assert_eq!(text(Lang::Es, super::status_id(UserStatus::Blocked)), "Bloqueado");
    }
}
