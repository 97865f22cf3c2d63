//! A form field: its label, its input and what the server said about it, as
//! one piece. The server's words are tied to the input (`aria-describedby`,
//! `aria-invalid`), so a screen reader reads them with the field.

use leptos::prelude::*;

use crate::{
    api::ApiError,
    i18n::{tr, use_i18n},
};

#[component]
pub fn Field(
    /// The input's id; its label points at it.
    id: &'static str,
    /// The label's message id.
    label: &'static str,
    value: RwSignal<String>,
    /// The field's name in the API, whose refusal in `problem` shows here.
    field: &'static str,
    /// The form's last refusal, if any.
    #[prop(into)]
    problem: Signal<Option<ApiError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<u16>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// The placeholder's message id.
    #[prop(optional)]
    placeholder: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| problem.with(|p| p.as_ref().and_then(|e| i18n.field_error(e, field))));
    let error_id = format!("{id}-error");
    view! {
        <label for=id>{tr(label)}</label>
        <input id=id type=kind required=required maxlength=maxlength autocomplete=autocomplete inputmode=inputmode
            placeholder=placeholder.map(tr) aria-describedby=error_id.clone()
            aria-invalid=move || error.with(Option::is_some).then_some("true") bind:value=value />
        <p class="error" id=error_id>{move || error.get()}</p>
    }
}
