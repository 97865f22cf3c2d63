//! Credentials: password hashes, access tokens, refresh tokens,
//! authenticator codes.

pub mod password;
pub mod throttle;
pub mod tokens;
pub mod totp;
