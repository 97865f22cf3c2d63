//! Who is signed in. The access token lives in memory and in the tab's
//! sessionStorage (so a reload keeps the tab signed in; it dies with the tab
//! and within 15 minutes). Issue 6 moves to refresh-token rotation.

use leptos::prelude::*;

const KEY: &str = "switchboard.accessToken";

#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
}

impl Session {
    pub fn restore() -> Self {
        Self { token: RwSignal::new(storage().and_then(|s| s.get_item(KEY).ok().flatten())) }
    }

    pub fn token(&self) -> Option<String> {
        self.token.get()
    }

    pub fn sign_in(&self, token: String) {
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &token);
        }
        self.token.set(Some(token));
    }

    pub fn sign_out(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
        self.token.set(None);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
