//! Parts of pages: the frame and its top bar, My account's passkeys and authenticator app, a tenant's MFA policy,
//! the confirmation of who one is that sensitive changes ask for,
//! the role panel, the tenant
//! switcher, the language picker, paging, the bulk bar, form fields, the editor's
//! softphones and sessions, and the shared views of problems and sessions.

pub mod authenticator;
pub mod bulk;
pub mod confirm_identity;
pub mod field;
#[cfg(all(test, target_arch = "wasm32"))]
mod field_browser;
pub mod frame;
pub mod language_picker;
pub mod mfa_policy;
pub mod paged;
pub mod passkeys;
pub mod problem;
pub mod role_panel;
#[cfg(all(test, target_arch = "wasm32"))]
mod role_panel_browser;
pub mod session;
pub mod tenant_switcher;
pub mod topbar;
pub mod user_devices;
pub mod user_sessions;
