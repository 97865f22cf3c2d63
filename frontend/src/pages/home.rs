use leptos::prelude::*;
use leptos_router::components::Redirect;
use switchboard_shared::{roles::Capability, Me};

use crate::{
    api,
    i18n::tr,
    session::{use_session, SignedIn},
};

/// `/`: the signed-in person's own tenant, or the login page.
#[component]
pub fn Home() -> impl IntoView {
    view! { <SignedIn><OwnTenant /></SignedIn> }
}

/// The first section the person may use: the users, else (a device
/// administrator, say) the devices.
fn landing(me: &Me) -> &'static str {
    if !me.may(Capability::ManageUsers) && me.may(Capability::ViewDevices) {
        "devices"
    } else {
        "users"
    }
}

#[component]
fn OwnTenant() -> impl IntoView {
    let session = use_session();
    let me = LocalResource::new(api::me);
    view! {
        {move || match me.get() {
            None => view! { <p class="loading" role="status">{tr("loading")}</p> }.into_any(),
            Some(Ok(me)) => view! { <Redirect path=format!("/t/{}/{}", me.tenant.id, landing(&me)) /> }.into_any(),
            Some(Err(_)) => {
                session.sign_out();
                view! { <Redirect path="/login" /> }.into_any()
            }
        }}
    }
}
