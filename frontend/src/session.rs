//! Whether someone is signed in. The tokens themselves live in `api`: the
//! access token in this tab's memory, the refresh token in an HttpOnly
//! cookie. On load, a refresh by cookie tells whether an earlier sign-in
//! still holds, so a reload or a new tab stays signed in.

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
        Self { status, ended, standing }
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
