//! What the product does, whatever asks for it (the REST API today, SCIM
//! and webhooks next): every rule is asked of `shared`, every read and write
//! goes through `store`, and every refusal is an `Error`. Nothing here knows
//! HTTP.

pub mod account;
pub mod activation;
pub mod api_keys;
pub mod customers;
pub mod devices;
pub mod egress;
mod error;
pub mod import;
pub mod mail;
pub mod mfa;
pub mod passkeys;
pub mod reports;
pub mod scope;
pub mod seed;
pub mod sessions;
pub mod tenants;
pub mod users;

use std::sync::Arc;

pub use error::{Error, FieldErrors, Result};
pub use scope::{Caller, TenantScope};

use crate::{
    auth::{password::Hasher, throttle::Throttle, tokens::JwtKeys},
    store::Store,
};

/// Everything the domain works with, built once at start.
#[derive(Clone)]
pub struct Domain {
    pub store: Store,
    pub keys: Arc<JwtKeys>,
    /// Failed sign-ins, per account and per address.
    pub throttle: Arc<Throttle>,
    /// The turns password hashes take, so floods cannot exhaust memory or CPU.
    pub hasher: Arc<Hasher>,
    /// How e-mail leaves (the outbox only, or SMTP too).
    pub mail: Arc<mail::Sender>,
    /// How the server reaches other systems (public addresses only, unless allowed).
    pub egress: egress::Egress,
    pub links: Arc<Links>,
    /// Password-reset requests answered and waiting to be looked at.
    pub resets: account::ResetQueue,
    /// The relying party for passkeys; none when the portal's public URL
    /// is an IP address.
    pub webauthn: Option<Arc<webauthn_rs::Webauthn>>,
}

/// Where the links in e-mail point.
pub struct Links {
    /// The portal as people reach it, without a trailing slash.
    pub public_url: String,
    /// Where the UC clients are downloaded, for the UC welcome e-mail.
    pub uc_downloads_url: String,
}
