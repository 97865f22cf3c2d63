use std::time::Duration;

use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_location, use_navigate, use_query_map},
    params::ParamsMap,
    NavigateOptions,
};
use switchboard_shared::{roles::CATALOGUE, TenantId, TenantKind, User, UserStatus};

use crate::{
    api::{self, ApiError, ListFilter},
    components::{
        bulk::{self, BulkBar},
        frame::{in_frame, tenant_kind},
        paged::{paged, ShowMore},
        problem::Loaded,
    },
    debounce, download,
    i18n::{role_list, role_name, status_id, tr, use_i18n, I18n},
    paths::{self, Section},
};

/// `/t/{tenantId}/users`: the users of one tenant.
#[component]
pub fn UsersPage() -> impl IntoView {
    crate::app::prefetch_user_editor();
    in_frame(|me, tenant_id| {
        let kind = tenant_kind(&me, &tenant_id.get_untracked());
        view! { <UsersTable tenant_id=tenant_id kind=kind /> }
    })
}

/// The list's filters and order, kept in the URL (`?q=&role=&status=&sort=`)
/// so that reload, back and a shared link show the same list.
const FILTERS: [&str; 4] = ["q", "role", "status", "sort"];

/// How long typing must pause before the search is sent.
const SEARCH_PAUSE_MS: Duration = Duration::from_millis(200);

#[component]
fn UsersTable(tenant_id: Memo<TenantId>, kind: TenantKind) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let url = use_query_map();
    let filter = Memo::new(move |_| {
        url.with(|u| {
            let get = |k| u.get(k).unwrap_or_default();
            ListFilter { q: get("q"), role: get("role"), status: get("status"), sort: get("sort") }
        })
    });
    let set_filter = {
        let navigate = navigate.clone();
        // Sets the given filters, keeping the others.
        move |changes: &[(&'static str, &str)]| {
            let current = filter.get_untracked();
            let pairs =
                FILTERS.into_iter().zip([current.q, current.role, current.status, current.sort]).map(|(k, v)| {
                    let changed = changes.iter().find(|(key, _)| *key == k);
                    (k, changed.map_or(v, |(_, value)| (*value).to_owned()))
                });
            let query: ParamsMap = pairs.filter(|(_, v)| !v.is_empty()).collect();
            let path =
                format!("{}{}", paths::section(&tenant_id.get_untracked(), Section::Users), query.to_query_string());
            navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
    };
    let apply = bulk::apply(tenant_id);
    let users = paged(move |cursor| {
        apply.version().track();
        api::users(tenant_id.get(), filter.get(), cursor)
    });
    let (page, more) = (users.first, users.more);
    let roles = CATALOGUE.iter().filter(move |r| r.tenant_kind == kind).map(|r| r.key).collect::<Vec<_>>();
    // The rows chosen for a bulk action; a new list starts with none.
    let selected = RwSignal::new(Vec::<User>::new());
    Effect::new(move || {
        filter.track();
        tenant_id.track();
        apply.version().track();
        selected.set(Vec::new());
    });
    let (set_clear, set_sort) = (set_filter.clone(), set_filter.clone());
    // The list follows the search after a pause in typing, not at every key;
    // not once the person has gone elsewhere (the router moves the location
    // at once, while the next page's module may still be loading and this
    // list still here), which would bring them back.
    let location = use_location();
    let search = {
        let set = set_filter.clone();
        debounce::debounced(SEARCH_PAUSE_MS, move |q: String| {
            if location.pathname.get_untracked() == paths::section(&tenant_id.get_untracked(), Section::Users) {
                set(&[("q", &q)]);
            }
        })
    };

    view! {
        <div class="toolbar">
            <h1>{tr("users-title")}</h1>
            <button type="button" class="primary" on:click=move |_| navigate(&paths::new_user(&tenant_id.get()), Default::default())>
                {tr("new-user")}
            </button>
            <ExportButton tenant_id=tenant_id filter=filter />
            <label class="search">
                <span class="visually-hidden">{tr("search-users")}</span>
                <input type="search" aria-label=tr("search-users") placeholder=tr("search-placeholder")
                    prop:value=move || filter.with(|f| f.q.clone())
                    on:input=move |ev| search(event_target_value(&ev)) />
            </label>
        </div>
        <div class="filters">
            <label>
                {tr("filter-role")}
                <select aria-label=tr("filter-role") on:change={ let set = set_filter.clone(); move |ev| set(&[("role", &event_target_value(&ev))]) }>
                    <option value="" selected=move || filter.with(|f| f.role.is_empty())>{tr("filter-all-roles")}</option>
                    {roles.into_iter().map(|key| view! {
                        <option value=key selected=move || filter.with(|f| f.role == key)>{move || role_name(i18n.lang(), key)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                {tr("filter-status")}
                <select aria-label=tr("filter-status") on:change={ let set = set_filter.clone(); move |ev| set(&[("status", &event_target_value(&ev))]) }>
                    <option value="" selected=move || filter.with(|f| f.status.is_empty())>{tr("filter-all-statuses")}</option>
                    {[UserStatus::Active, UserStatus::Invited, UserStatus::Blocked].into_iter().map(|s| {
                        let value = s.as_str();
                        view! { <option value=value selected=move || filter.with(|f| f.status == value)>{move || i18n.tr(status_id(s))}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || filter.with(|f| !(f.q.is_empty() && f.role.is_empty() && f.status.is_empty())).then(|| {
                let set = set_clear.clone();
                view! {
                    <button type="button" class="link" on:click=move |_| set(&[("q", ""), ("role", ""), ("status", "")])>
                        {tr("clear-filters")}
                    </button>
                }
            })}
        </div>
        // Outside the list's repaint, so that results stay when it reloads.
        <BulkBar kind=kind selected=selected apply=apply />
        <Loaded>{move || { let set_sort = set_sort.clone(); Suspend::new(async move { page.await.map(|p| {
                let (total, count_key) = (p.total, if p.more_than_total { "users-count-more" } else { "users-count" });
                let sort = filter.with(|f| f.sort.clone());
                let header = |key: &'static str, label: &'static str| {
                    let set = set_sort.clone();
                    let (aria, next) = match sort.as_str() {
                        s if s == key || (s.is_empty() && key == "name") => ("ascending", format!("-{key}")),
                        s if s.strip_prefix('-') == Some(key) => ("descending", key.to_owned()),
                        _ => ("none", key.to_owned()),
                    };
                    view! {
                        <th scope="col" aria-sort=aria>
                            <button type="button" class="sort" on:click=move |_| set(&[("sort", if next == "name" { "" } else { &next })])>
                                {tr(label)}
                                <span aria-hidden="true">{match aria { "ascending" => " ▲", "descending" => " ▼", _ => "" }}</span>
                            </button>
                        </th>
                    }
                };
                view! {
                    <p class="muted" role="status">{move || i18n.tr_with(count_key, &[("count", total.into())])}</p>
                    <div class="table-wrap">
                        <table class="users">
                            <thead>
                                <tr>
                                    <th scope="col"><span class="visually-hidden">{tr("bulk-title")}</span></th>
                                    {header("name", "column-name")}
                                    {header("email", "column-email")}
                                    <th scope="col">{tr("column-status")}</th>
                                    <th scope="col">{tr("column-extension")}</th>
                                    <th scope="col">{tr("column-roles")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.items.into_iter().map(|u| row(i18n, &tenant_id.get_untracked(), selected, u)).collect_view()}
                                {move || more.get().into_iter().map(|u| row(i18n, &tenant_id.get_untracked(), selected, u)).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <ShowMore paged=users />
                }.into_any()
            }) }) }}</Loaded>
    }
}

/// "Export CSV": the users the filters match, all pages, as a file.
#[component]
fn ExportButton(tenant_id: Memo<TenantId>, filter: Memo<ListFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let export = Action::new_local(move |_: &()| {
        let (tenant, filter) = (tenant_id.get_untracked(), filter.get_untracked());
        async move {
            let csv = api::export_users(tenant, filter).await?;
            download::save("users.csv", "text/csv", &csv)
                .map_err(|_| ApiError::local("download", i18n.tr("export-failed")))
        }
    });
    view! {
        <button type="button" disabled=move || export.pending().get() on:click=move |_| { export.dispatch(()); }>
            {move || if export.pending().get() { i18n.tr("exporting") } else { i18n.tr("export-csv") }}
        </button>
        {move || export.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{i18n.error(&e)}</p> })}
    }
}

/// One user; the name opens the editor (a link, so it works from the keyboard
/// and in a new tab).
fn row(i18n: I18n, tenant_id: &TenantId, selected: RwSignal<Vec<User>>, user: User) -> impl IntoView {
    let class = match user.status {
        UserStatus::Active => "badge ok",
        UserStatus::Invited => "badge info",
        UserStatus::Blocked => "badge warn",
    };
    let label = i18n.tr(status_id(user.status));
    let href = paths::user(tenant_id, &user.id);
    view! {
        <tr>
            <td class="pick">{select(i18n, selected, &user)}</td>
            <td class="name">
                <A href=href>{user.display_name}</A>
                {user.service_user.then(|| view! { " " <span class="badge">{i18n.tr("badge-server-user")}</span> })}
                {user.is_parent.then(|| view! { " " <span class="badge" title=i18n.tr("badge-parent-title")>{i18n.tr("badge-parent")}</span> })}
            </td>
            <td class="email">{user.email}</td>
            <td class="status">
                <span class=class>{label}</span>
                {user.mfa.then(|| view! { " " <span class="badge mfa" title=i18n.tr("badge-mfa-title")>{i18n.tr("badge-mfa")}</span> })}
            </td>
            <td class="ext">{user.extension.unwrap_or_default()}</td>
            <td class="roles">{role_list(i18n.lang(), user.roles.iter().map(String::as_str))}</td>
        </tr>
    }
}

/// The row's checkbox for bulk actions (none for parent users, who are
/// changed in their own tenant).
fn select(i18n: I18n, selected: RwSignal<Vec<User>>, user: &User) -> Option<impl IntoView> {
    if user.is_parent {
        return None;
    }
    let (id, name) = (user.id.clone(), user.display_name.clone());
    let ticked = {
        let id = id.clone();
        move || selected.with(|s| s.iter().any(|u| u.id == id))
    };
    let user = user.clone();
    let change = move |ev| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            s.retain(|u| u.id != id);
            if on {
                s.push(user.clone());
            }
        });
    };
    Some(view! {
        <input type="checkbox" aria-label=move || i18n.tr_with("select-user", &[("name", name.clone().into())]) prop:checked=ticked on:change=change />
    })
}
