use leptos::prelude::*;
use leptos_router::components::Redirect;
use switchboard_shared::{roles::Capability, Me};

use crate::{
    api,
    i18n::{tr, use_i18n},
    paths::{self, Section},
    session::SignedIn,
};

/// `/`: the signed-in person's own tenant, or the login page.
#[component]
pub fn Home() -> impl IntoView {
    view! { <SignedIn><OwnTenant /></SignedIn> }
}

/// The first section the person may use: the users, else (a device
/// administrator, say) the devices.
fn landing(me: &Me) -> Section {
    if !me.may(Capability::ManageUsers) && me.may(Capability::ViewDevices) {
        Section::Devices
    } else {
        Section::Users
    }
}

#[component]
fn OwnTenant() -> impl IntoView {
    let i18n = use_i18n();
    let me = LocalResource::new(api::me);
    view! {
        {move || match me.get() {
            None => view! { <p class="loading" role="status">{tr("loading")}</p> }.into_any(),
            Some(Ok(me)) => view! { <Redirect path=paths::section(&me.tenant.id, landing(&me)) /> }.into_any(),
            // An ended session is `api`'s to notice: `SignedIn` then leads to the login page.
            Some(Err(e)) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
        }}
    }
}
