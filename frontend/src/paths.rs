//! The portal's own paths, built in one place: every link and navigation
//! names a section or a user here, not a `format!` of its own.

use switchboard_shared::{TenantId, UserId};

/// A section of a tenant, under its frame (`/t/{tenantId}/{section}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Users,
    Devices,
    Licences,
    Audit,
    Outbox,
    Import,
    Onboarding,
    Security,
    Account,
}

impl Section {
    fn segment(self) -> &'static str {
        match self {
            Section::Users => "users",
            Section::Devices => "devices",
            Section::Licences => "licences",
            Section::Audit => "audit",
            Section::Outbox => "outbox",
            Section::Import => "import",
            Section::Onboarding => "onboarding",
            Section::Security => "security",
            Section::Account => "account",
        }
    }
}

pub fn section(tenant: &TenantId, section: Section) -> String {
    format!("/t/{tenant}/{}", section.segment())
}

/// The editor of one user.
pub fn user(tenant: &TenantId, user: &UserId) -> String {
    format!("/t/{tenant}/users/{user}")
}

/// The editor of a new user.
pub fn new_user(tenant: &TenantId) -> String {
    format!("/t/{tenant}/users/new")
}

/// The audit trail of one user.
pub fn user_history(tenant: &TenantId, user: &UserId) -> String {
    format!("/t/{tenant}/audit?user={user}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_tenant_and_the_user() {
        let (t, u) = (TenantId::from("t1"), UserId::from("u1"));
        assert_eq!(section(&t, Section::Licences), "/t/t1/licences");
        assert_eq!(user(&t, &u), "/t/t1/users/u1");
        assert_eq!(new_user(&t), "/t/t1/users/new");
        assert_eq!(user_history(&t, &u), "/t/t1/audit?user=u1");
    }
}
