//! Stored values that decode into the shared crate's types at the store's
//! edge. A value the code does not know (written by a newer version, or by
//! hand) reads as the least that it could mean.

use switchboard_shared::{DeviceKind, TenantKind, UserStatus};

/// A `users.status` value; an unknown one reads as blocked.
#[derive(sqlx::Type)]
#[sqlx(transparent)]
pub struct Status(String);

impl From<Status> for UserStatus {
    fn from(s: Status) -> Self {
        UserStatus::parse(&s.0).unwrap_or(UserStatus::Blocked)
    }
}

/// A `tenants.kind` value; an unknown one reads as a customer (no staff).
#[derive(sqlx::Type)]
#[sqlx(transparent)]
pub struct Kind(String);

impl From<Kind> for TenantKind {
    fn from(k: Kind) -> Self {
        TenantKind::parse(&k.0).unwrap_or(TenantKind::Customer)
    }
}

/// A 0/1 column (both databases store flags as integers).
#[derive(sqlx::Type)]
#[sqlx(transparent)]
pub struct Flag(i64);

impl From<Flag> for bool {
    fn from(f: Flag) -> Self {
        f.0 != 0
    }
}

/// A `devices.kind` value; an unknown one reads as a desk phone (never
/// assignable as a softphone).
#[derive(sqlx::Type)]
#[sqlx(transparent)]
pub struct DeviceType(String);

impl From<DeviceType> for DeviceKind {
    fn from(k: DeviceType) -> Self {
        DeviceKind::parse(&k.0).unwrap_or(DeviceKind::Deskphone)
    }
}
