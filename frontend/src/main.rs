//! The Switchboard portal: a Leptos single-page app, client-side rendered.

mod api;
mod app;
mod components;
mod crash;
mod download;
mod i18n;
mod pages;
mod paths;
mod session;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn main() {
    crash::install_hook();
    leptos::mount::mount_to_body(app::App);
}
