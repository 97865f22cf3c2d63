//! The tenant switcher of reseller and platform staff: a combobox (WAI-ARIA
//! pattern) that searches on the server and remembers recent tenants, so it
//! stays instant with thousands of customers.

use leptos::{ev::KeyboardEvent, prelude::*};
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};
use switchboard_shared::{TenantId, TenantSummary};

use crate::{
    api,
    i18n::{tr, use_i18n},
    paths::{self, Section},
};

const RECENT_KEY: &str = "switchboard.recentTenants";
const RECENT_MAX: usize = 5;

/// A tenant as remembered between visits (ids and names only, no data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Recent {
    id: TenantId,
    name: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn recent() -> Vec<Recent> {
    storage()
        .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// `list` with `t` first, without duplicates, at most `RECENT_MAX` long.
fn remember_in(mut list: Vec<Recent>, t: Recent) -> Vec<Recent> {
    list.retain(|r| r.id != t.id);
    list.insert(0, t);
    list.truncate(RECENT_MAX);
    list
}

fn remember(t: Recent) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&remember_in(recent(), t))) {
        let _ = s.set_item(RECENT_KEY, &json);
    }
}

/// The options shown: with no query, the recent tenants then the first
/// page `/me` gave; with one, the server's matches.
fn options(query: &str, found: Option<Vec<TenantSummary>>, first: &[TenantSummary]) -> Vec<Recent> {
    let to_recent = |t: &TenantSummary| Recent { id: t.id.clone(), name: t.name.clone() };
    if query.trim().is_empty() {
        let mut list = recent();
        for t in first.iter().map(to_recent) {
            if !list.iter().any(|r| r.id == t.id) {
                list.push(t);
            }
        }
        list
    } else {
        found.unwrap_or_default().iter().map(to_recent).collect()
    }
}

#[component]
pub fn TenantSwitcher(current: TenantId, current_name: String, first: Vec<TenantSummary>) -> impl IntoView {
    let navigate = use_navigate();
    let i18n = use_i18n();
    remember(Recent { id: current.clone(), name: current_name.clone() });
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let found = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().is_empty() {
                return Ok(None);
            }
            api::tenants(q).await.map(|p| Some(p.items))
        }
    });
    let first = StoredValue::new(first);
    let shown = Memo::new(move |_| {
        let found = found.get().and_then(Result::ok).flatten();
        first.with_value(|f| options(&query.get(), found, f))
    });
    let choose = move |t: Recent| {
        open.set(false);
        query.set(String::new());
        remember(t.clone());
        navigate(&paths::section(&t.id, Section::Users), Default::default());
    };
    let keydown = {
        let choose = choose.clone();
        move |ev: KeyboardEvent| {
            let count = shown.with_untracked(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" => {
                    ev.prevent_default();
                    open.set(true);
                    active.update(|i| *i = if count == 0 { 0 } else { (*i + 1).min(count - 1) });
                }
                "ArrowUp" => {
                    ev.prevent_default();
                    active.update(|i| *i = i.saturating_sub(1));
                }
                "Enter" => {
                    ev.prevent_default();
                    if let Some(t) = shown.with_untracked(|s| s.get(active.get_untracked()).cloned()) {
                        choose(t);
                    }
                }
                "Escape" => open.set(false),
                _ => {}
            }
        }
    };
    let searching = move || !query.get().trim().is_empty() && found.get().is_none();
    let failed = move || found.get().and_then(Result::err).map(|e| i18n.error(&e));
    view! {
        <div class="switcher">
            <input
                type="text"
                role="combobox"
                aria-label=tr("tenant")
                aria-autocomplete="list"
                aria-controls="tenant-options"
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || open.get().then(|| format!("tenant-option-{}", active.get()))
                autocomplete="off"
                placeholder=current_name
                prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); open.set(true); }
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:keydown=keydown
            />
            <ul id="tenant-options" role="listbox" aria-label=tr("tenants") hidden=move || !open.get()>
                {move || {
                    let choose = choose.clone();
                    shown.get().into_iter().enumerate().map(|(i, t)| {
                        let choose = choose.clone();
                        let selected = t.id == current;
                        let label = t.name.clone();
                        view! {
                            <li
                                id=format!("tenant-option-{i}")
                                role="option"
                                aria-selected=move || (active.get() == i).to_string()
                                class:active=move || active.get() == i
                                class:current=selected
                                // mousedown, not click: it comes before the input's blur.
                                on:mousedown=move |ev| { ev.prevent_default(); choose(t.clone()); }
                            >
                                {label}
                            </li>
                        }
                    }).collect_view()
                }}
                {move || searching().then(|| view! { <li class="muted" role="presentation">{tr("searching")}</li> })}
                {move || (!searching() && shown.with(Vec::is_empty)).then(|| view! { <li class="muted" role="presentation">{tr("no-tenant-matches")}</li> })}
                {move || failed().map(|m| view! { <li class="error" role="presentation">{m}</li> })}
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{remember_in, Recent};

    fn t(id: &str) -> Recent {
        Recent { id: id.into(), name: id.to_uppercase() }
    }

    #[test]
    fn recent_tenants_keep_the_latest_first_once_and_at_most_five() {
        let list = (1..=5).fold(Vec::new(), |l, i| remember_in(l, t(&i.to_string())));
        assert_eq!(list.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["5", "4", "3", "2", "1"]);
        let list = remember_in(list, t("3"));
        assert_eq!(list.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["3", "5", "4", "2", "1"]);
        let list = remember_in(list, t("6"));
        assert_eq!(list.len(), 5);
        assert_eq!(list[0].id, "6");
    }
}
