//! The Switchboard portal: a Leptos single-page app, client-side rendered.

mod api;
mod app;
mod components;
mod crash;
mod debounce;
mod download;
mod i18n;
mod pages;
mod paths;
mod session;
mod webauthn;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn main() {
    crash::install_hook();
    // The first page shows in the person's language, not English then theirs.
    // (Leptos' executor starts with the mount: until then, the browser's.)
    wasm_bindgen_futures::spawn_local(async {
        i18n::load(i18n::Lang::preferred()).await;
        leptos::mount::mount_to_body(app::App);
    });
}
