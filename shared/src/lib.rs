//! Types and rules shared by the Switchboard SPA (wasm32) and server (native).
//!
//! Pure code only: no I/O, no clock, no randomness, so every function gives the
//! same answer in the browser and on the server.

pub mod account;
pub mod api;
pub mod customers;
pub mod fields;
pub mod ids;
pub mod mfa;
pub mod problem;
pub mod roles;
pub mod user_mail;

pub use account::*;
pub use api::*;
pub use customers::*;
pub use ids::{ApiKeyId, DeviceId, PasskeyId, SessionId, TenantId, UserId};
pub use mfa::*;
pub use problem::Problem;

// Under wasm32 the tests run in headless Chromium, as the SPA does.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
