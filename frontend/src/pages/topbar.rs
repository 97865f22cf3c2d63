use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use switchboard_shared::Me;

use crate::session::use_session;

/// The top bar: the product, the active tenant (a switcher for staff) and sign-out.
#[component]
pub fn TopBar(me: Me, tenant_id: String) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let go = navigate.clone();
    let switchable = me.tenants.len() > 1;
    let active_name =
        me.tenants.iter().find(|t| t.id == tenant_id).map_or_else(|| me.tenant.name.clone(), |t| t.name.clone());
    let sign_out = move |_| {
        session.sign_out();
        navigate("/login", Default::default());
    };
    view! {
        <header class="topbar">
            <span class="brand">"Switchboard"</span>
            {if switchable {
                let current = tenant_id.clone();
                view! {
                    <label class="tenant">
                        <span class="visually-hidden">"Tenant"</span>
                        <select
                            aria-label="Tenant"
                            on:change=move |ev| go(&format!("/t/{}/users", event_target_value(&ev)), Default::default())
                        >
                            {me.tenants.iter().map(|t| {
                                view! { <option value=t.id.clone() selected=t.id == current>{t.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                }.into_any()
            } else {
                view! { <span class="tenant-name">{active_name}</span> }.into_any()
            }}
            <span class="spacer"></span>
            <span class="who">{me.user.display_name.clone()}</span>
            <button class="link" on:click=sign_out>"Sign out"</button>
        </header>
    }
}
