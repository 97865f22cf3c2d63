use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use switchboard_shared::{Me, TenantId};

use crate::{
    components::{language_picker::LanguagePicker, tenant_switcher::TenantSwitcher},
    i18n::tr,
    paths::{self, Section},
    session::use_session,
};

/// The top bar: the product, the active tenant (a switcher for staff), the
/// person's own account and sign-out.
#[component]
pub fn TopBar(
    me: Me,
    tenant_id: TenantId,
    /// The person's name, which My account may change.
    name: RwSignal<String>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let switchable = me.tenants.len() > 1;
    let account = paths::section(&tenant_id, Section::Account);
    let active_name = std::iter::once(&me.tenant)
        .chain(&me.tenants)
        .find(|t| t.id == tenant_id)
        .map_or_else(|| tenant_id.to_string(), |t| t.name.clone());
    let sign_out = move |_| {
        session.sign_out();
        navigate("/login", Default::default());
    };
    view! {
        <header class="topbar">
            <span class="brand">"Switchboard"</span>
            {if switchable {
                view! { <TenantSwitcher current=tenant_id current_name=active_name first=me.tenants /> }.into_any()
            } else {
                view! { <span class="tenant-name">{active_name}</span> }.into_any()
            }}
            <span class="spacer"></span>
            <LanguagePicker />
            <span class="who">{name}</span>
            <A href=account>{tr("my-account")}</A>
            <button class="link" on:click=sign_out>{tr("sign-out")}</button>
        </header>
    }
}
