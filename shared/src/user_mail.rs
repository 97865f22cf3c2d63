//! Who may be sent which e-mail: the server refuses with these
//! reasons, and the portal offers the buttons only where there is none.

use crate::{
    fields::FieldError,
    roles::{grants_portal_login, uses_uc_clients, RoleSet},
    UserStatus,
};

/// Why the activation link may not go to this person: only people who never
/// activated get one, service users never sign in, and nor does anyone
/// without a role that lets them (people a PBX import brought in, until
/// they are given Website access).
pub fn activation_refusal(status: UserStatus, service_user: bool, roles: &RoleSet) -> Option<FieldError> {
    if service_user || status != UserStatus::Invited {
        Some(FieldError::new("status", "not_invited", "only people who have not activated yet get an activation link"))
    } else if !grants_portal_login(roles) {
        Some(FieldError::new(
            "roles",
            "no_portal_role",
            "give them Website access first: without it they cannot sign in with the link",
        ))
    } else {
        None
    }
}

/// Why the UC welcome e-mail may not go to this person: it is for people whose
/// roles give the UC clients, and who are not blocked.
pub fn uc_welcome_refusal(status: UserStatus, roles: &RoleSet) -> Option<FieldError> {
    if !uses_uc_clients(roles) {
        Some(FieldError::new(
            "roles",
            "no_uc_role",
            "only people whose roles give the UC clients get the UC welcome e-mail",
        ))
    } else if status == UserStatus::Blocked {
        Some(FieldError::new("status", "blocked", "a blocked person cannot use the UC clients"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;
    use crate::roles::keys;

    #[wasm_bindgen_test(unsupported = test)]
    fn links_go_to_people_who_never_activated_and_may_sign_in() {
        let person = RoleSet::of(&[keys::CUSTOMER_USER]);
        assert!(activation_refusal(UserStatus::Invited, false, &person).is_none());
        assert_eq!(activation_refusal(UserStatus::Active, false, &person).unwrap().code, "not_invited");
        assert!(activation_refusal(UserStatus::Invited, true, &person).is_some(), "service users never sign in");
        let imported = RoleSet::of(&[keys::ESSENTIAL]);
        assert_eq!(activation_refusal(UserStatus::Invited, false, &imported).unwrap().code, "no_portal_role");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_uc_welcome_goes_to_unblocked_people_with_the_uc_clients() {
        let uc = RoleSet::of(&[keys::CUSTOMER_USER, keys::UC]);
        assert!(uc_welcome_refusal(UserStatus::Invited, &uc).is_none());
        assert_eq!(uc_welcome_refusal(UserStatus::Blocked, &uc).unwrap().code, "blocked");
        let admin = RoleSet::of(&[keys::CUSTOMER_USER, keys::USER_ADMIN]);
        assert_eq!(uc_welcome_refusal(UserStatus::Active, &admin).unwrap().code, "no_uc_role");
    }
}
