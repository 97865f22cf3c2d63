//! API integration tests: the real app on a free port, a fresh database each.

mod account;
mod activation;
mod api_keys;
mod common;
mod contract;
mod customers;
mod devices;
mod durability;
mod export;
mod hardening;
mod imports;
mod isolation;
mod list_totals;
mod mfa;
mod parents;
mod passkeys;
mod roles;
mod sessions;
mod slice;
mod smtp;
/// The SMTP peer the browser tests use too.
#[path = "../../../tests/src/smtp.rs"]
mod smtp_server;
mod startup;
mod step_up;
mod users;
