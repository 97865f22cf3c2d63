//! Whether someone is signed in. The tokens themselves live in `api`: the
//! access token in this tab's memory, the refresh token in an HttpOnly
//! cookie. On load, a refresh by cookie tells whether an earlier sign-in
//! still holds, so a reload or a new tab stays signed in.

use futures::{channel::oneshot, FutureExt};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::components::Redirect;

use crate::{api, i18n::tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Checking,
    SignedIn,
    SignedOut,
}

#[derive(Clone, Copy)]
pub struct Session {
    status: RwSignal<Status>,
    /// Signed out because the server ended the session, not by this tab.
    ended: RwSignal<bool>,
    /// Moves when what the caller may reach changed: a second factor set up,
    /// or the server holding them to setting one up.
    standing: RwSignal<u32>,
    /// A sensitive change waiting for the person to confirm who they are
    /// (`api::on_reauthentication_required`): told whether they did.
    confirming: RwSignal<Option<oneshot::Sender<bool>>>,
}

impl Session {
    pub fn resume() -> Self {
        let status = RwSignal::new(Status::Checking);
        let ended = RwSignal::new(false);
        spawn_local(async move {
            let resumed = api::refresh().await;
            status.set(if resumed { Status::SignedIn } else { Status::SignedOut });
        });
        api::on_session_lost(move || {
            if status.get_untracked() == Status::SignedIn {
                ended.set(true);
                status.set(Status::SignedOut);
            }
        });
        let standing = RwSignal::new(0);
        api::on_enrolment_required(move || standing.update(|n| *n += 1));
        let confirming = RwSignal::new(None::<oneshot::Sender<bool>>);
        api::on_reauthentication_required(move || {
            let (told, answer) = oneshot::channel();
            // A change asked earlier and still waiting gives up.
            confirming.set(Some(told));
            answer.map(|a| a.unwrap_or(false)).boxed_local()
        });
        Self { status, ended, standing, confirming }
    }

    /// Whether a change waits for the person to confirm who they are.
    pub fn confirming(&self) -> bool {
        self.confirming.with(Option::is_some)
    }

    /// The person confirmed who they are (the waiting change is sent again),
    /// or gave up (it fails).
    pub fn confirmed(&self, done: bool) {
        if let Some(told) = self.confirming.try_update(Option::take).flatten() {
            let _ = told.send(done);
        }
    }

    /// Tracks changes of what the caller may reach (see `recheck`).
    pub fn track_standing(&self) {
        self.standing.track();
    }

    /// The caller's second factors changed: what they may reach is to be
    /// asked again (`/me`).
    pub fn recheck(&self) {
        self.standing.update(|n| *n += 1);
    }

    pub fn status(&self) -> Status {
        self.status.get()
    }

    /// Whether the server ended the session (the sign-in page says so).
    pub fn ended(&self) -> bool {
        self.ended.get()
    }

    /// After `api::login`, which keeps the tokens.
    pub fn signed_in(&self) {
        self.ended.set(false);
        self.status.set(Status::SignedIn);
    }

    /// "Sign out", or an answer that refreshing could not cure: the server
    /// ends the session and clears the cookie.
    pub fn sign_out(&self) {
        // A change waiting for confirmation gives up.
        self.confirming.set(None);
        self.status.set(Status::SignedOut);
        spawn_local(api::logout());
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Its children once signed in; "Loading…" while an earlier sign-in is being
/// resumed; the login page when there is none.
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    move || match session.status() {
        Status::Checking => view! { <p class="loading" role="status">{tr("loading")}</p> }.into_any(),
        Status::SignedOut => view! { <Redirect path="/login" /> }.into_any(),
        Status::SignedIn => children().into_any(),
    }
}
