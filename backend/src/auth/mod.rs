//! Credentials: password hashes, access tokens, refresh tokens.

pub mod password;
pub mod throttle;
pub mod tokens;
