use leptos::prelude::*;
use leptos_router::components::Redirect;
use switchboard_shared::{roles::Capability, Me};

use crate::{
    api,
    components::problem::Loaded,
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
    let me = LocalResource::new(api::me);
    view! {
        // An ended session is `api`'s to notice: `SignedIn` then leads to the login page.
        <Loaded>
            {move || Suspend::new(async move {
                me.await.map(|me| view! { <Redirect path=paths::section(&me.tenant.id, landing(&me)) /> })
            })}
        </Loaded>
    }
}
