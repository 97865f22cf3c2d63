//! A list read page by page: the first page follows whatever its fetch reads
//! (tenant, filters…); "Show more" appends the next ones.

use std::future::Future;

use leptos::prelude::*;
use switchboard_shared::Page;

use crate::{
    api::ApiError,
    i18n::{tr, use_i18n},
};

pub struct Paged<T: Send + Sync + 'static> {
    pub first: LocalResource<Result<Page<T>, ApiError>>,
    /// The rows "Show more" fetched, after the first page's.
    pub more: RwSignal<Vec<T>>,
    cursor: RwSignal<Option<String>>,
    load_more: Action<String, Result<Page<T>, ApiError>>,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

/// `fetch(None)` reads the first page, `fetch(Some(cursor))` a later one.
pub fn paged<T, F, Fut>(fetch: F) -> Paged<T>
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Option<String>) -> Fut + Clone + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let first = {
        let fetch = fetch.clone();
        LocalResource::new(move || fetch(None))
    };
    let more = RwSignal::new(Vec::new());
    let cursor = RwSignal::new(None);
    Effect::new(move || {
        if let Some(Ok(p)) = first.get() {
            more.set(Vec::new());
            cursor.set(p.next_cursor);
        }
    });
    let load_more = Action::new_local(move |c: &String| untrack(|| fetch(Some(c.clone()))));
    Effect::new(move || {
        if let Some(Ok(p)) = load_more.value().get() {
            more.update(|rows| rows.extend(p.items));
            cursor.set(p.next_cursor);
        }
    });
    Paged { first, more, cursor, load_more }
}

/// The "Show more" button while there is more, and its error if it failed.
#[component]
pub fn ShowMore<T: Clone + Send + Sync + 'static>(paged: Paged<T>) -> impl IntoView {
    let i18n = use_i18n();
    let Paged { cursor, load_more, .. } = paged;
    view! {
        {move || load_more.value().get().and_then(Result::err).map(|e| view! { <p class="error" role="alert">{i18n.error(&e)}</p> })}
        {move || cursor.get().map(|c| view! {
            <button class="secondary" disabled=move || load_more.pending().get() on:click=move |_| { load_more.dispatch(c.clone()); }>
                {tr("show-more")}
            </button>
        })}
    }
}
