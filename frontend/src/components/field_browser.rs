//! A form field mounted in a real page (wasm-bindgen-test in headless
//! Chromium): the server's refusal of the field shows under it and is tied
//! to the input for screen readers.

use gloo_timers::future::TimeoutFuture;
use leptos::{mount::mount_to, prelude::*};
use switchboard_shared::fields::FieldError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, HtmlInputElement};

use crate::{
    api::{ApiError, Details},
    components::field::Field,
    i18n::I18n,
};

fn refusal(field: &str, code: &str) -> ApiError {
    let details = Details { fields: vec![FieldError::new(field, code, "server words")], ..Details::default() };
    ApiError { status: 422, code: "invalid_fields".into(), message: "server words".into(), details: Box::new(details) }
}

#[wasm_bindgen_test]
async fn a_refused_field_says_why_under_its_input_and_to_screen_readers() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let host: HtmlElement = document.create_element("div").expect("a div").unchecked_into();
    document.body().expect("a body").append_child(&host).expect("attached");
    let problem = RwSignal::new(None::<ApiError>);
    let value = RwSignal::new("ann@example.com".to_owned());
    mount_to(host.clone(), move || {
        I18n::provide();
        view! { <Field id="f-email" label="email" value=value field="email" problem=problem kind="email" required=true /> }
    })
    .forget();
    TimeoutFuture::new(0).await;
    let input: HtmlInputElement = host.query_selector("#f-email").ok().flatten().expect("the input").unchecked_into();
    let said =
        || host.query_selector("#f-email-error").ok().flatten().and_then(|p| p.text_content()).unwrap_or_default();
    assert_eq!(input.value(), "ann@example.com");
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("f-email-error"));
    assert_eq!(input.get_attribute("aria-invalid"), None);
    assert_eq!(said(), "");

    // Another field's refusal is not this one's.
    problem.set(Some(refusal("extension", "taken")));
    TimeoutFuture::new(0).await;
    assert_eq!(said(), "");

    problem.set(Some(refusal("email", "taken")));
    TimeoutFuture::new(0).await;
    assert_eq!(said(), "Another user has this e-mail address.");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));

    problem.set(None);
    TimeoutFuture::new(0).await;
    assert_eq!(said(), "");
    assert_eq!(input.get_attribute("aria-invalid"), None);
    host.remove();
}
