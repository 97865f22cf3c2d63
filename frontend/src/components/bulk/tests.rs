use switchboard_shared::{
    roles::{keys, RoleSet, ViolationCode},
    TenantKind, User, UserStatus,
};

use super::{licence_totals, plan, plan_text, Act, Plan};
use crate::i18n::Lang;

fn user(name: &str, roles: &[&str], status: UserStatus) -> User {
    User {
        id: name.to_lowercase().into(),
        display_name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        primary_tenant: "t".into(),
        is_parent: false,
        status,
        time_zone: "UTC".into(),
        language: switchboard_shared::Language::En,
        external_id: None,
        substitute_id: None,
        extension: None,
        service_user: false,
        devices: Vec::new(),
        mfa: false,
        created_at: String::new(),
        updated_at: String::new(),
        version: 1,
    }
}

const CUSTOMER: TenantKind = TenantKind::Customer;

#[test]
fn adding_a_role_brings_its_prerequisites_as_the_editor_would() {
    let ann = user("Ann", &[], UserStatus::Active);
    let p = plan(Act::AddRole, keys::USER_ADMIN, &ann, CUSTOMER);
    assert_eq!(
        p,
        Plan::Roles {
            after: RoleSet::of(&[keys::USER_ADMIN, keys::CUSTOMER_USER]),
            added: RoleSet::of(&[keys::USER_ADMIN, keys::CUSTOMER_USER]),
            removed: RoleSet::EMPTY,
        }
    );
    assert_eq!(plan_text(Lang::En, &p), "Roles added: Website access, Manage users");
    let admin = user("Bob", &[keys::CUSTOMER_USER, keys::USER_ADMIN], UserStatus::Active);
    assert_eq!(plan(Act::AddRole, keys::USER_ADMIN, &admin, CUSTOMER), Plan::Nothing);
}

#[test]
fn removing_a_prerequisite_takes_its_dependants_and_read_only_roles_are_refused() {
    let admin = user("Bob", &[keys::CUSTOMER_USER, keys::USER_ADMIN], UserStatus::Active);
    let Plan::Roles { after, removed, .. } = plan(Act::RemoveRole, keys::CUSTOMER_USER, &admin, CUSTOMER) else {
        panic!("a change was expected");
    };
    assert_eq!(after, RoleSet::EMPTY);
    assert_eq!(removed, RoleSet::of(&[keys::CUSTOMER_USER, keys::USER_ADMIN]));
    match plan(Act::AddRole, keys::ESSENTIAL, &admin, CUSTOMER) {
        Plan::Refused(v) => assert_eq!(v.code, ViolationCode::ReadOnlyRole),
        other => panic!("{other:?}"),
    }
}

#[test]
fn activation_mail_goes_only_to_people_who_never_activated() {
    let invited = user("Cid", &[keys::CUSTOMER_USER], UserStatus::Invited);
    assert_eq!(plan(Act::SendActivation, "", &invited, CUSTOMER), Plan::SendActivation);
    let active = user("Dee", &[keys::CUSTOMER_USER], UserStatus::Active);
    assert_eq!(plan(Act::SendActivation, "", &active, CUSTOMER), Plan::Nothing);
    let server = User { service_user: true, ..invited };
    assert_eq!(plan(Act::SendActivation, "", &server, CUSTOMER), Plan::Nothing);
    let imported = user("Eve", &[keys::ESSENTIAL], UserStatus::Invited);
    assert_eq!(plan(Act::SendActivation, "", &imported, CUSTOMER), Plan::Nothing, "cannot sign in yet");
}

#[test]
fn the_licence_impact_is_counted_per_role_over_every_row() {
    let rows: Vec<_> = ["Ann", "Bob", "Cid"]
        .into_iter()
        .map(|n| {
            let held: &[&str] = if n == "Cid" { &[keys::CUSTOMER_USER, keys::UC, keys::REMOTE] } else { &[] };
            let u = user(n, held, UserStatus::Active);
            let p = plan(Act::AddRole, keys::REMOTE, &u, CUSTOMER);
            (u, p)
        })
        .collect();
    let (added, removed) = licence_totals(&rows);
    assert_eq!(added.get(keys::REMOTE), Some(&2));
    assert!(removed.is_empty());
    assert_eq!(super::counted(Lang::En, &added), "2 × Professional user");
}
