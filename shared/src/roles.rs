//! Role keys: stable API identifiers (SPEC 4.1).

pub const CUSTOMER_USER: &str = "customer.user";
pub const USER_ADMIN: &str = "user.admin";
pub const RESELLER_ADMIN: &str = "reseller.admin";
pub const PLATFORM_ADMIN: &str = "platform.admin";

/// Whether these roles let a person sign in to the portal (service users
/// never can, whatever they hold: SPEC 4.2 rule 4).
pub fn grants_portal_login<'a>(mut roles: impl Iterator<Item = &'a str>) -> bool {
    roles.any(|r| r == CUSTOMER_USER || r == RESELLER_ADMIN || r == PLATFORM_ADMIN)
}
