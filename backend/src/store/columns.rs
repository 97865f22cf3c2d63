//! Stored values that decode into the shared crate's types at the store's
//! edge. A value the code does not know (written by a newer version, or by
//! hand) reads as the least that it could mean.

use switchboard_shared::{AuditAction, Delivery, DeviceKind, Language, MfaPolicy, TenantKind, UserStatus};

/// Declares a stored value (read as sqlx reads its column type) and what it
/// reads as, for `#[sqlx(try_from = "…")]` on a row's field.
macro_rules! column {
    ($($(#[$doc:meta])* $name:ident($stored:ty) => $into:ty, |$v:ident| $read:expr;)*) => {$(
        $(#[$doc])*
        #[derive(sqlx::Type)]
        #[sqlx(transparent)]
        pub struct $name($stored);

        impl From<$name> for $into {
            fn from($name($v): $name) -> Self {
                $read
            }
        }
    )*};
}

column! {
    /// A `users.status` value; an unknown one reads as blocked.
    Status(String) => UserStatus, |s| UserStatus::parse(&s).unwrap_or(UserStatus::Blocked);
    /// A `tenants.kind` value; an unknown one reads as a customer (no staff).
    Kind(String) => TenantKind, |k| TenantKind::parse(&k).unwrap_or(TenantKind::Customer);
    /// A 0/1 column (both databases store flags as integers).
    Flag(i64) => bool, |f| f != 0;
    /// A `devices.kind` value; an unknown one reads as a desk phone (never
    /// assignable as a softphone).
    DeviceType(String) => DeviceKind, |k| DeviceKind::parse(&k).unwrap_or(DeviceKind::Deskphone);
    /// A `users.language` value; an unknown one reads as English (the
    /// language every message has).
    Lang(String) => Language, |l| Language::parse(&l).unwrap_or_default();
    /// An `outbox.delivery` value; an unknown one reads as failed (not known
    /// to be sent, and never picked up for sending).
    Sending(String) => Delivery, |d| Delivery::parse(&d).unwrap_or(Delivery::Failed);
    /// An `audit_events.action` value; one this version does not know
    /// (written by a newer one) reads as `Other`.
    Action(String) => AuditAction, |a| AuditAction::parse(&a);
    /// A `tenants.mfa_policy` value; an unknown one reads as `required` (a
    /// policy that protects people fails closed).
    Policy(String) => MfaPolicy, |p| MfaPolicy::parse(&p).unwrap_or(MfaPolicy::Required);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_decode_as_themselves() {
        assert_eq!(UserStatus::from(Status("invited".into())), UserStatus::Invited);
        assert_eq!(TenantKind::from(Kind("reseller".into())), TenantKind::Reseller);
        assert_eq!(DeviceKind::from(DeviceType("softphone".into())), DeviceKind::Softphone);
        assert_eq!(Language::from(Lang("ru".into())), Language::Ru);
        assert_eq!(Delivery::from(Sending("pending".into())), Delivery::Pending);
        assert_eq!(AuditAction::from(Action("user.created".into())), AuditAction::UserCreated);
        assert!(bool::from(Flag(1)) && !bool::from(Flag(0)));
        assert_eq!(MfaPolicy::from(Policy("requiredForAdmins".into())), MfaPolicy::RequiredForAdmins);
    }

    #[test]
    fn unknown_values_read_as_the_least_they_could_mean() {
        assert_eq!(UserStatus::from(Status("deleted".into())), UserStatus::Blocked);
        assert_eq!(TenantKind::from(Kind("galaxy".into())), TenantKind::Customer);
        assert_eq!(DeviceKind::from(DeviceType("fax".into())), DeviceKind::Deskphone);
        assert_eq!(Language::from(Lang("xx".into())), Language::En);
        assert_eq!(Delivery::from(Sending("bounced".into())), Delivery::Failed);
        assert_eq!(AuditAction::from(Action("user.teleported".into())), AuditAction::Other);
    }
}
