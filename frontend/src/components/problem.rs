use leptos::prelude::*;

use crate::{
    api::ApiError,
    i18n::{tr, use_i18n},
};

/// "Loading…", while a `Transition` waits for the first answer.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{tr("loading")}</p> }
}

/// What an `ErrorBoundary` caught, in the reader's language (an `ApiError`
/// by its stable code).
#[component]
pub fn Problems(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| {
                let text = e.downcast_ref::<ApiError>().map_or_else(|| e.to_string(), |a| i18n.error(a));
                view! { <p class="error" role="alert">{text}</p> }
            })
            .collect_view()
    }
}

/// The loading, failed and loaded states of the async part of a page, the
/// Leptos way: a `Transition` (what was shown stays while a re-keyed
/// resource reloads; `Loading` only the first time) around an
/// `ErrorBoundary` showing `Problems`. Its children are a `Suspend` of the
/// resources they read.
#[component]
pub fn Loaded(children: Children) -> impl IntoView {
    view! {
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <Problems errors=errors /> }>
                {children()}
            </ErrorBoundary>
        </Transition>
    }
}
