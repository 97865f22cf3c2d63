pub mod activate;
pub mod audit;
pub mod bulk;
pub mod devices;
pub mod frame;
pub mod home;
pub mod language_picker;
pub mod licences;
pub mod login;
pub mod outbox;
pub mod paged;
pub mod role_panel;
#[cfg(all(test, target_arch = "wasm32"))]
mod role_panel_browser;
pub mod tenant_switcher;
pub mod topbar;
pub mod user_devices;
pub mod user_editor;
pub mod users;
