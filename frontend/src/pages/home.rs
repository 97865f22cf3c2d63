use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::{api, session::use_session};

/// `/`: the signed-in person's own tenant, or the login page.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    let Some(token) = session.token() else {
        return view! { <Redirect path="/login" /> }.into_any();
    };
    let me = LocalResource::new(move || api::me(token.clone()));
    view! {
        {move || match me.get() {
            None => view! { <p class="loading" role="status">"Loading…"</p> }.into_any(),
            Some(Ok(me)) => view! { <Redirect path=format!("/t/{}/users", me.tenant.id) /> }.into_any(),
            Some(Err(_)) => {
                session.sign_out();
                view! { <Redirect path="/login" /> }.into_any()
            }
        }}
    }
    .into_any()
}
