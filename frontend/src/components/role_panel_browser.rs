//! The role panel mounted in a real page (wasm-bindgen-test in headless
//! Chromium): clicks on real checkboxes, and what the panel then shows.

use gloo_timers::future::TimeoutFuture;
use leptos::{mount::mount_to, prelude::*};
use switchboard_shared::{
    roles::{keys, Context, RoleSet},
    TenantKind,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, HtmlInputElement};

use crate::{components::role_panel::RolePanel, i18n::I18n};

/// A panel over `held`, mounted in a fresh element; returns the pending set
/// and the element (removed from the page when the test ends).
fn mount(held: &[&str], service_user: bool) -> (RwSignal<RoleSet>, HtmlElement) {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let host: HtmlElement = document.create_element("div").expect("a div").unchecked_into();
    document.body().expect("a body").append_child(&host).expect("attached");
    let before = RoleSet::of(held);
    let roles = RwSignal::new(before);
    let ctx = Context { service_user, ..Context::person(TenantKind::Customer) };
    let handle = mount_to(host.clone(), move || {
        I18n::provide();
        view! {
            <RolePanel before=Signal::stored(before) roles=roles ctx=Signal::stored(ctx) violations=Signal::stored(Vec::new()) />
        }
    });
    handle.forget();
    (roles, host)
}

fn checkbox(host: &HtmlElement, key: &str) -> HtmlInputElement {
    let id = format!("role-{}", key.replace('.', "-"));
    host.query_selector(&format!("#{id}"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no checkbox #{id}"))
        .unchecked_into()
}

async fn click(host: &HtmlElement, key: &str) {
    checkbox(host, key).click();
    // Let the reactive system repaint.
    TimeoutFuture::new(0).await;
}

fn text(host: &HtmlElement) -> String {
    host.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn ticking_a_role_ticks_its_prerequisite_and_says_so_with_undo() {
    let (roles, host) = mount(&[], false);
    click(&host, keys::USER_ADMIN).await;
    assert!(checkbox(&host, keys::CUSTOMER_USER).checked(), "Website access was not ticked");
    assert!(roles.get_untracked().contains(keys::CUSTOMER_USER));
    assert!(text(&host).contains("Also ticked Website access: Manage users requires it."), "{}", text(&host));
    assert!(text(&host).contains("A user administrator without a supervisor role cannot see workspaces."));

    let undo = host.query_selector(".pending button").ok().flatten().expect("an Undo button");
    undo.unchecked_into::<HtmlElement>().click();
    TimeoutFuture::new(0).await;
    assert!(!checkbox(&host, keys::USER_ADMIN).checked() && !checkbox(&host, keys::CUSTOMER_USER).checked());
    host.remove();
}

#[wasm_bindgen_test]
async fn supervisor_levels_replace_each_other_and_the_licence_impact_follows() {
    let (_, host) = mount(&[keys::CUSTOMER_USER, keys::SUPERVISOR_L1], false);
    assert!(text(&host).contains("No licence changes."));
    click(&host, keys::SUPERVISOR_L3).await;
    assert!(!checkbox(&host, keys::SUPERVISOR_L1).checked(), "level 1 stayed ticked");
    assert!(checkbox(&host, keys::SUPERVISOR_L3).checked());
    let t = text(&host);
    assert!(t.contains("Live analytics supervisor replaces Reports supervisor"), "{t}");
    assert!(t.contains("Adds: Live analytics supervisor") && t.contains("Removes: Reports supervisor"), "{t}");
    host.remove();
}

#[wasm_bindgen_test]
async fn unticking_a_prerequisite_unticks_what_needs_it() {
    let (roles, host) = mount(&[keys::CUSTOMER_USER, keys::USER_ADMIN], false);
    click(&host, keys::CUSTOMER_USER).await;
    assert!(!checkbox(&host, keys::USER_ADMIN).checked());
    assert_eq!(roles.get_untracked(), RoleSet::EMPTY);
    assert!(text(&host).contains("Also unticked Manage users: they require Website access."));
    host.remove();
}

#[wasm_bindgen_test]
async fn locked_boxes_are_disabled_and_say_why() {
    let (_, host) = mount(&[keys::CUSTOMER_USER], true);
    let essential = checkbox(&host, keys::ESSENTIAL);
    assert!(essential.disabled(), "a read-only role is enabled");
    let remote = checkbox(&host, keys::REMOTE);
    assert!(remote.disabled(), "a licensed role is enabled for a server user");
    let t = text(&host);
    assert!(t.contains("Set by the PBX import; it cannot be changed here."), "{t}");
    assert!(t.contains("Server users cannot hold licensed roles."), "{t}");
    // The name a screen reader gives each box is the role's name.
    let label = host.query_selector("label[for='role-user-admin']").ok().flatten().expect("a label");
    assert_eq!(label.text_content().as_deref(), Some("Manage users"));
    host.remove();
}
