//! A broken rule, as data: a stable code, the roles involved, and an English
//! message (the UI translates by code and role names).

use serde::{Deserialize, Serialize};

use super::{RoleDef, RoleSet};

/// Declares the codes once: the enum, every value, and the name each is sent
/// as, so a new code cannot miss the list clients check their words against.
macro_rules! violation_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ViolationCode {
            $($(#[$doc])* $variant,)*
        }

        impl ViolationCode {
            /// Every code, for clients that must have words for each.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }
        }
    };
}

violation_codes! {
    /// Rule 1: a role without everything it requires.
    MissingPrerequisite = "missing_prerequisite",
    /// Rule 2: two roles of one exclusive group.
    ExclusiveConflict = "exclusive_conflict",
    /// Rule 3: a client changed a role only the PBX import sets.
    ReadOnlyRole = "read_only_role",
    /// Rule 4: a service user with a licensed role.
    ServiceUserLicence = "service_user_licence",
    UnknownRole = "unknown_role",
    /// A role of another kind of tenant (e.g. `reseller.admin` in a customer).
    WrongTenantKind = "wrong_tenant_kind",
    /// Rule 7b: the real-time add-on taken from an essential user while an
    /// l3+ supervisor exists.
    AutoAssignedRole = "auto_assigned_role",
    /// A softphone assigned to a user without the Softphones role.
    SoftphoneRoleRequired = "softphone_role_required",
    /// Softphones removed from a user who still has softphones assigned.
    SoftphonesAssigned = "softphones_assigned",
    /// Rule 5.
    LastUserAdmin = "last_user_admin",
    /// Rule 6.
    AdminRequired = "admin_required",
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    pub code: ViolationCode,
    /// The role the violation is about, if any.
    pub role: Option<String>,
    /// The other roles involved (the missing prerequisites, the conflicting levels…).
    pub related: Vec<String>,
    pub message: String,
}

fn names(set: RoleSet) -> String {
    set.iter().map(|r| r.name).collect::<Vec<_>>().join(", ")
}

impl Violation {
    pub(super) fn about(code: ViolationCode, role: &RoleDef, related: RoleSet) -> Self {
        let name = role.name;
        let message = match code {
            ViolationCode::MissingPrerequisite => format!("{name} requires {}", names(related)),
            ViolationCode::ExclusiveConflict => {
                format!("Only one of these can be held at a time: {name}, {}", names(related))
            }
            ViolationCode::ReadOnlyRole => format!("{name} is assigned by the PBX import and cannot be changed here"),
            ViolationCode::ServiceUserLicence => format!("Server users cannot hold the licensed role {name}"),
            ViolationCode::WrongTenantKind => format!("{name} is not available in this kind of tenant"),
            ViolationCode::AutoAssignedRole => format!(
                "{name} is required for every essential user while a live analytics supervisor (level 3 or higher) exists"
            ),
            ViolationCode::SoftphoneRoleRequired => format!("Only users holding {name} can be given a softphone"),
            ViolationCode::SoftphonesAssigned => {
                format!("{name} stays while the user has softphones: take their softphones away first")
            }
            ViolationCode::UnknownRole | ViolationCode::LastUserAdmin | ViolationCode::AdminRequired => name.to_owned(),
        };
        Self { code, role: Some(role.key.to_owned()), related: related.to_strings(), message }
    }

    pub fn unknown_role(key: &str) -> Self {
        Self {
            code: ViolationCode::UnknownRole,
            role: Some(key.to_owned()),
            related: Vec::new(),
            message: format!("There is no role {key:?}"),
        }
    }

    pub(super) fn tenant(code: ViolationCode, related: RoleSet) -> Self {
        let message = match code {
            ViolationCode::LastUserAdmin => "There must be at least one user administrator",
            _ => "The customer has no user administrator yet: the only change allowed is one that creates the first one (a user holding Manage users and Website access)",
        };
        Self { code, role: None, related: related.to_strings(), message: message.to_owned() }
    }
}
