use leptos::prelude::*;
use switchboard_shared::{TenantId, UserId};

use crate::{
    api,
    components::{problem::Loaded, session::SessionSummary},
    i18n::{tr, use_i18n},
};

/// The editor's sessions: where the user is signed in, "Sign out
/// everywhere" for a lost laptop or a leaver (their access ends at its next
/// request), and "Reset second factors" for a lost phone (which ends them
/// too). Re-read after each (the actions' versions).
#[component]
pub fn UserSessions(tenant_id: TenantId, user_id: UserId) -> impl IntoView {
    let i18n = use_i18n();
    let end = {
        let (tenant_id, user_id) = (tenant_id.clone(), user_id.clone());
        Action::new_local(move |(): &()| api::end_user_sessions(tenant_id.clone(), user_id.clone()))
    };
    let reset = {
        let (tenant_id, user_id) = (tenant_id.clone(), user_id.clone());
        Action::new_local(move |(): &()| api::reset_user_factors(tenant_id.clone(), user_id.clone()))
    };
    let sessions = LocalResource::new(move || {
        end.version().track();
        reset.version().track();
        api::user_sessions(tenant_id.clone(), user_id.clone())
    });
    view! {
        <section class="user-sessions" aria-labelledby="user-sessions-title">
            <h2 id="user-sessions-title">{tr("user-sessions-title")}</h2>
            <Loaded>
                    {move || Suspend::new(async move {
                        sessions.await.map(|list| {
                            if list.items.is_empty() {
                                return view! { <p class="muted">{tr("user-sessions-none")}</p> }.into_any();
                            }
                            view! {
                                <ul class="sessions">
                                    {list.items.into_iter().map(|s| {
                                        // An administrator looking at themself sees which is theirs.
                                        let current = s.current.then(|| view! { <span class="badge">{tr("session-this-device")}</span> });
                                        view! { <li class="session"><SessionSummary session=s />{current}</li> }
                                    }).collect_view()}
                                </ul>
                                <button type="button" class="danger" disabled=move || end.pending().get()
                                    on:click=move |_| { end.dispatch(()); }>
                                    {tr("end-user-sessions")}
                                </button>
                            }.into_any()
                        })
                    })}
                </Loaded>
            {move || end.value().get().map(|ended| match ended {
                Ok(()) => view! { <p class="ok" role="status">{tr("user-sessions-ended")}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
            })}
            <button type="button" disabled=move || reset.pending().get() on:click=move |_| { reset.dispatch(()); }>
                {tr("reset-factors")}
            </button>
            {move || reset.value().get().map(|done| match done {
                Ok(()) => view! { <p class="ok" role="status">{tr("factors-reset")}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
            })}
        </section>
    }
}
