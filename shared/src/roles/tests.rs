//! One test per rule and example of docs/RULES.md. Each runs natively and, compiled to
//! wasm32, in headless Chromium: both layers run this same code.

use wasm_bindgen_test::wasm_bindgen_test;

use super::{keys::*, *};
use crate::{TenantKind, UserStatus};

const CUSTOMER: Context = Context::person(TenantKind::Customer);
const SERVICE: Context = Context { tenant_kind: TenantKind::Customer, service_user: true };

fn codes(v: &[Violation]) -> Vec<(&'static str, Option<&str>, Vec<&str>)> {
    v.iter().map(|v| (v.code.as_str(), v.role.as_deref(), v.related.iter().map(String::as_str).collect())).collect()
}

fn set(keys: &[&str]) -> RoleSet {
    RoleSet::of(keys)
}

/// The catalogue, restated: key, requires, licensed, read-only, group, level.
#[wasm_bindgen_test(unsupported = test)]
fn the_catalogue_is_spec_4_1_key_for_key() {
    type Row = (&'static str, &'static [&'static str], bool, bool, Option<&'static str>, Option<u8>);
    #[rustfmt::skip]
    let spec: &[Row] = &[
        ("customer.user.pbx", &[], true, true, Some("essential"), None),
        ("customer.user.uc.essential", &[], true, true, Some("essential"), None),
        ("customer.user.uc.remote", &["customer.user.uc"], true, false, None, None),
        ("customer.user.pbx.realtime", &["customer.user.pbx"], true, false, None, None),
        ("customer.user.acd", &["customer.user.pbx"], true, false, None, None),
        ("customer.user.microsoftteams", &[], true, false, None, None),
        ("customer.user.supervisorl1", &["customer.user"], true, false, Some("supervisor"), Some(1)),
        ("customer.user.supervisorl2", &["customer.user"], true, false, Some("supervisor"), Some(2)),
        ("customer.user.supervisorl3", &["customer.user"], true, false, Some("supervisor"), Some(3)),
        ("customer.user.supervisorl4", &["customer.user"], true, false, Some("supervisor"), Some(4)),
        ("customer.user.supervisorl5", &["customer.user"], true, false, Some("supervisor"), Some(5)),
        ("customer.user", &[], false, false, None, None),
        ("user.admin", &["customer.user"], false, false, None, None),
        ("customer.billables.admin", &["customer.user"], false, false, None, None),
        ("customer.device.readonly", &["customer.user"], false, false, None, None),
        ("customer.device.admin", &["customer.user"], false, false, None, None),
        ("customer.settings", &["customer.user"], false, false, None, None),
        ("customer.directories.contributor", &["customer.user"], false, false, None, None),
        ("customer.workspace.admin", &["customer.user", "customer.settings"], false, false, None, None),
        ("customer.voice.applications", &["customer.user"], false, false, None, None),
        ("customer.voice.admin", &["customer.user"], false, false, None, None),
        ("onboarding.admin", &["customer.user"], false, false, None, None),
        ("webhooks.admin", &["customer.user"], false, false, None, None),
        ("pbx.agentcontrol", &["customer.user"], false, false, None, None),
        ("pbx.silentmonitor", &["customer.user"], false, false, None, None),
        ("recording.listener", &["customer.user"], false, false, None, None),
        ("customer.user.uc", &["customer.user"], false, false, None, None),
        ("customer.user.crm", &["customer.user"], false, false, None, None),
        ("customer.user.uc.softphone", &["customer.user.uc"], false, false, None, None),
        ("reseller.admin", &[], false, false, None, None),
        ("platform.admin", &[], false, false, None, None),
    ];
    let served = catalogue().roles;
    assert_eq!(served.len(), spec.len());
    for (role, (key, requires, licensed, read_only, group, level)) in served.iter().zip(spec) {
        assert_eq!(role.key, *key);
        assert_eq!(role.requires, *requires, "{key}");
        assert_eq!((role.licensed, role.read_only), (*licensed, *read_only), "{key}");
        assert_eq!((role.exclusive_group.as_deref(), role.level), (*group, *level), "{key}");
        assert!(!role.name.is_empty() && !role.description.is_empty(), "{key}");
    }
    assert_eq!(RoleDef::get(ESSENTIAL_GB).unwrap().stands_in_for, Some(ESSENTIAL));
    assert_eq!(RoleDef::get(RESELLER_ADMIN).unwrap().tenant_kind, TenantKind::Reseller);
    assert_eq!(RoleDef::get(PLATFORM_ADMIN).unwrap().tenant_kind, TenantKind::Platform);
}

#[wasm_bindgen_test(unsupported = test)]
fn the_catalogue_serves_camel_case_json() {
    let json = serde_json::to_value(catalogue()).unwrap();
    let acd = &json["roles"][4];
    assert_eq!(acd["key"], "customer.user.acd");
    assert_eq!(acd["category"], "access");
    assert_eq!(acd["requires"], serde_json::json!(["customer.user.pbx"]));
    assert_eq!(acd["readOnly"], false);
    assert_eq!(acd["exclusiveGroup"], serde_json::Value::Null);
    assert_eq!(json["roles"][1]["standsInFor"], "customer.user.pbx");
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_1_a_role_needs_its_prerequisites() {
    assert_eq!(codes(&validate(&[REALTIME], &CUSTOMER)), [("missing_prerequisite", Some(REALTIME), vec![ESSENTIAL])]);
    assert!(validate(&[ESSENTIAL, REALTIME], &CUSTOMER).is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_1_prerequisites_are_transitive() {
    assert_eq!(
        codes(&validate(&[SOFTPHONE], &CUSTOMER)),
        [("missing_prerequisite", Some(SOFTPHONE), vec![CUSTOMER_USER, UC])]
    );
    assert_eq!(
        codes(&validate(&["customer.workspace.admin"], &CUSTOMER)),
        [("missing_prerequisite", Some("customer.workspace.admin"), vec![CUSTOMER_USER, SETTINGS])]
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn the_uk_essential_role_stands_in_for_the_essential_role() {
    assert!(validate(&[ESSENTIAL_GB, REALTIME, ACD], &CUSTOMER).is_empty());
    assert!(set(&[ESSENTIAL_GB]).grants(ESSENTIAL));
    assert!(!set(&[ESSENTIAL]).grants(ESSENTIAL_GB));
    // …and a user never holds both.
    assert_eq!(
        codes(&validate(&[ESSENTIAL, ESSENTIAL_GB], &CUSTOMER)),
        [("exclusive_conflict", Some(ESSENTIAL_GB), vec![ESSENTIAL])]
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_2_one_supervisor_level_at_most() {
    assert_eq!(
        codes(&validate(&[CUSTOMER_USER, SUPERVISOR_L1, SUPERVISOR_L3], &CUSTOMER)),
        [("exclusive_conflict", Some(SUPERVISOR_L3), vec![SUPERVISOR_L1])]
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_2_a_level_includes_the_levels_below() {
    let l4 = set(&[CUSTOMER_USER, SUPERVISOR_L4]);
    for (level, expected) in
        [(SUPERVISOR_L1, true), (SUPERVISOR_L3, true), (SUPERVISOR_L4, true), (SUPERVISOR_L5, false)]
    {
        assert_eq!(l4.grants(level), expected, "{level}");
    }
    assert!(!set(&[CUSTOMER_USER]).grants(SUPERVISOR_L1));
    assert!(l4.grants(CUSTOMER_USER));
    assert!(!l4.grants("no.such.role"));
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_3_clients_cannot_change_read_only_roles() {
    let before = set(&[ESSENTIAL, REALTIME]);
    assert_eq!(codes(&validate_change(&before, &[REALTIME, ESSENTIAL], &CUSTOMER)), []);
    let removed = validate_change(&before, &[CUSTOMER_USER], &CUSTOMER);
    assert_eq!(codes(&removed), [("read_only_role", Some(ESSENTIAL), vec![])]);
    let added = validate_change(&RoleSet::EMPTY, &[ESSENTIAL_GB], &CUSTOMER);
    assert_eq!(codes(&added), [("read_only_role", Some(ESSENTIAL_GB), vec![])]);
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_4_service_users_hold_no_licence() {
    assert!(validate(&[CUSTOMER_USER, ONBOARDING_ADMIN, USER_ADMIN], &SERVICE).is_empty());
    assert_eq!(
        codes(&validate(&[CUSTOMER_USER, SUPERVISOR_L2, TEAMS], &SERVICE)),
        [("service_user_licence", Some(TEAMS), vec![]), ("service_user_licence", Some(SUPERVISOR_L2), vec![])]
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn unknown_and_misplaced_roles_are_violations() {
    assert_eq!(codes(&validate(&["root"], &CUSTOMER)), [("unknown_role", Some("root"), vec![])]);
    assert_eq!(codes(&validate(&[RESELLER_ADMIN], &CUSTOMER)), [("wrong_tenant_kind", Some(RESELLER_ADMIN), vec![])]);
    assert!(validate(&[RESELLER_ADMIN], &Context::person(TenantKind::Reseller)).is_empty());
    assert_eq!(
        codes(&validate(&[CUSTOMER_USER], &Context::person(TenantKind::Platform))),
        [("wrong_tenant_kind", Some(CUSTOMER_USER), vec![])]
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn every_violation_is_listed_at_once() {
    let v = validate(&["nope", ACD, SUPERVISOR_L1, SUPERVISOR_L2], &SERVICE);
    let got: Vec<&str> = v.iter().map(|v| v.code.as_str()).collect();
    assert_eq!(
        got,
        [
            "unknown_role",
            "missing_prerequisite",
            "service_user_licence",
            "missing_prerequisite",
            "service_user_licence",
            "missing_prerequisite",
            "service_user_licence",
            "exclusive_conflict"
        ]
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn violations_are_data_with_stable_codes() {
    let v = &validate(&[REALTIME], &CUSTOMER)[0];
    let json = serde_json::to_value(v).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "code": "missing_prerequisite",
            "role": REALTIME,
            "related": [ESSENTIAL],
            "message": "Real-time add-on requires Essential user",
        })
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn ticking_a_role_ticks_its_prerequisites_and_says_so() {
    let out = toggle(RoleSet::EMPTY, SOFTPHONE, true, &CUSTOMER);
    assert_eq!(out.refused, None);
    assert_eq!(out.roles, set(&[CUSTOMER_USER, UC, SOFTPHONE]));
    assert_eq!(out.added, set(&[CUSTOMER_USER, UC]));
    assert!(out.removed.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn ticking_a_supervisor_level_unticks_the_other() {
    let out = toggle(set(&[CUSTOMER_USER, SUPERVISOR_L1]), SUPERVISOR_L3, true, &CUSTOMER);
    assert_eq!(out.roles, set(&[CUSTOMER_USER, SUPERVISOR_L3]));
    assert_eq!(out.removed, set(&[SUPERVISOR_L1]));
    assert!(out.added.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn unticking_a_prerequisite_unticks_what_requires_it() {
    let start = set(&[CUSTOMER_USER, UC, SOFTPHONE, REMOTE, USER_ADMIN]);
    let out = toggle(start, UC, false, &CUSTOMER);
    assert_eq!(out.roles, set(&[CUSTOMER_USER, USER_ADMIN]));
    assert_eq!(out.removed, set(&[SOFTPHONE, REMOTE]));
    let out = toggle(start, CUSTOMER_USER, false, &CUSTOMER);
    assert!(out.roles.is_empty());
    assert_eq!(out.removed, set(&[UC, SOFTPHONE, REMOTE, USER_ADMIN]));
}

#[wasm_bindgen_test(unsupported = test)]
fn unticking_keeps_roles_whose_prerequisite_a_stand_in_meets() {
    let out = toggle(set(&[ESSENTIAL_GB, REALTIME, CUSTOMER_USER, TEAMS]), TEAMS, false, &CUSTOMER);
    assert_eq!(out.roles, set(&[ESSENTIAL_GB, REALTIME, CUSTOMER_USER]));
    assert!(out.removed.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn read_only_roles_cannot_be_toggled() {
    let out = toggle(RoleSet::EMPTY, ESSENTIAL, true, &CUSTOMER);
    assert_eq!(out.refused.map(|v| v.code), Some(ViolationCode::ReadOnlyRole));
    assert!(out.roles.is_empty());
    let out = toggle(set(&[ESSENTIAL_GB]), ESSENTIAL_GB, false, &CUSTOMER);
    assert_eq!(out.refused.map(|v| v.code), Some(ViolationCode::ReadOnlyRole));
    assert_eq!(out.roles, set(&[ESSENTIAL_GB]));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_role_whose_prerequisite_only_the_import_gives_cannot_be_ticked() {
    let out = toggle(set(&[CUSTOMER_USER]), ACD, true, &CUSTOMER);
    let refused = out.refused.unwrap();
    assert_eq!((refused.code, refused.related), (ViolationCode::MissingPrerequisite, vec![ESSENTIAL.to_owned()]));
    assert_eq!(out.roles, set(&[CUSTOMER_USER]));
    let out = toggle(set(&[ESSENTIAL_GB]), ACD, true, &CUSTOMER);
    assert_eq!(out.roles, set(&[ESSENTIAL_GB, ACD]));
}

#[wasm_bindgen_test(unsupported = test)]
fn service_users_cannot_tick_a_licence() {
    let out = toggle(set(&[CUSTOMER_USER]), SUPERVISOR_L1, true, &SERVICE);
    assert_eq!(out.refused.map(|v| v.code), Some(ViolationCode::ServiceUserLicence));
    // Free roles with free prerequisites are fine.
    let out = toggle(RoleSet::EMPTY, SOFTPHONE, true, &SERVICE);
    assert_eq!(out.refused, None, "UC client and softphones are not licensed");
}

#[wasm_bindgen_test(unsupported = test)]
fn toggling_to_the_current_state_changes_nothing() {
    let start = set(&[CUSTOMER_USER]);
    assert_eq!(toggle(start, CUSTOMER_USER, true, &CUSTOMER).roles, start);
    assert_eq!(toggle(start, USER_ADMIN, false, &CUSTOMER).roles, start);
    assert_eq!(toggle(start, "nope", true, &CUSTOMER).refused.map(|v| v.code), Some(ViolationCode::UnknownRole));
}

#[wasm_bindgen_test(unsupported = test)]
fn licence_delta_lists_licences_added_and_removed() {
    let before = set(&[ESSENTIAL, CUSTOMER_USER, SUPERVISOR_L1]);
    let after = set(&[ESSENTIAL, CUSTOMER_USER, USER_ADMIN, ACD, SUPERVISOR_L3]);
    let delta = licence_delta(&before, &after);
    assert_eq!(delta.added, [ACD, SUPERVISOR_L3]);
    assert_eq!(delta.removed, [SUPERVISOR_L1]);
    assert_eq!(delta.apply(&before), after.licensed());
    assert!(licence_delta(&before, &set(&[ESSENTIAL, SUPERVISOR_L1])).is_empty());
}

fn member(status: UserStatus, roles: &[&str]) -> MemberState {
    MemberState { status, service_user: false, roles: set(roles) }
}

const ADMIN: &[&str] = &[CUSTOMER_USER, USER_ADMIN];

#[wasm_bindgen_test(unsupported = test)]
fn rule_5_the_last_active_admin_cannot_be_lost() {
    let admin = member(UserStatus::Active, ADMIN);
    let demoted = member(UserStatus::Active, &[CUSTOMER_USER]);
    let blocked = MemberState { status: UserStatus::Blocked, ..admin };
    let invited_admin = member(UserStatus::Invited, ADMIN);
    let agent = member(UserStatus::Active, &[CUSTOMER_USER, UC]);
    let others = [agent, invited_admin];
    for after in [Some(&demoted), Some(&blocked), None] {
        let v = last_admin_violation(&others, Some(&admin), after).expect("refused");
        assert_eq!(v.code, ViolationCode::LastUserAdmin);
        assert_eq!(v.message, "There must be at least one user administrator");
    }
    let second = member(UserStatus::Active, ADMIN);
    assert_eq!(last_admin_violation(&[agent, second], Some(&admin), Some(&demoted)), None);
    // Changes that do not take an active administrator away pass.
    assert_eq!(last_admin_violation(&others, Some(&agent), None), None);
    assert_eq!(last_admin_violation(&others, Some(&admin), Some(&admin)), None);
    // A service user holding the roles is no administrator.
    let service = MemberState { service_user: true, ..second };
    assert!(last_admin_violation(&[service], Some(&admin), None).is_some());
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_6_the_first_admin_comes_first() {
    let imported = member(UserStatus::Invited, &[ESSENTIAL]);
    let new_agent = member(UserStatus::Invited, &[CUSTOMER_USER, UC]);
    let new_admin = member(UserStatus::Invited, ADMIN);
    let v = admin_required_violation(&[imported], None, Some(&new_agent)).expect("refused");
    assert_eq!(v.code, ViolationCode::AdminRequired);
    assert_eq!(admin_required_violation(&[imported], None, Some(&new_admin)), None);
    // Patching an imported user into the administrator is allowed.
    let promoted = member(UserStatus::Invited, &[ESSENTIAL, CUSTOMER_USER, USER_ADMIN]);
    assert_eq!(admin_required_violation(&[], Some(&imported), Some(&promoted)), None);
    // An invited administrator counts; a blocked one does not.
    assert_eq!(admin_required_violation(&[new_admin], None, Some(&new_agent)), None);
    let blocked_admin = member(UserStatus::Blocked, ADMIN);
    assert!(admin_required_violation(&[blocked_admin], None, Some(&new_agent)).is_some());
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_7_auto_assignment() {
    assert_eq!(essential_role(Some("GB")), ESSENTIAL_GB);
    assert_eq!(essential_role(Some("gb")), ESSENTIAL_GB);
    assert_eq!(essential_role(Some("FR")), ESSENTIAL);
    assert_eq!(essential_role(None), ESSENTIAL);

    let l2 = set(&[CUSTOMER_USER, SUPERVISOR_L2]);
    let l3 = set(&[CUSTOMER_USER, SUPERVISOR_L3]);
    let l5 = set(&[CUSTOMER_USER, SUPERVISOR_L5]);
    assert!(!realtime_required(&[l2]));
    assert!(realtime_required(&[l2, l3]));
    assert!(realtime_required(&[l5]));

    assert!(realtime_missing(&set(&[ESSENTIAL_GB])));
    assert!(!realtime_missing(&set(&[ESSENTIAL, REALTIME])));
    assert!(!realtime_missing(&set(&[CUSTOMER_USER])));
    assert!(auto_assign_violation(true, &set(&[ESSENTIAL])).is_some());
    assert!(auto_assign_violation(false, &set(&[ESSENTIAL])).is_none());

    assert_eq!(imported_roles(Some("GB"), false, true, false), set(&[ESSENTIAL_GB]));
    assert_eq!(imported_roles(Some("FR"), true, true, true), set(&[ESSENTIAL, REALTIME, ACD]));
    assert_eq!(imported_roles(Some("FR"), true, false, false), set(&[ESSENTIAL]));
    assert!(acd_on_import(true, true) && !acd_on_import(true, false) && !acd_on_import(false, true));
    for (region, agent, acd, rt) in
        [(Some("GB"), true, true, true), (None, true, false, true), (None, false, false, false)]
    {
        assert!(validate(&imported_roles(region, agent, acd, rt).keys(), &CUSTOMER).is_empty());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn rule_8_admins_without_a_supervisor_role_get_the_workspace_note() {
    assert!(shows_workspace_note(&set(ADMIN)));
    assert!(!shows_workspace_note(&set(&[CUSTOMER_USER, USER_ADMIN, SUPERVISOR_L1])));
    assert!(!shows_workspace_note(&set(&[CUSTOMER_USER, SUPERVISOR_L1])));
}

#[wasm_bindgen_test(unsupported = test)]
fn role_sets_serialise_as_keys_and_refuse_unknown_ones() {
    let s = set(&[USER_ADMIN, CUSTOMER_USER]);
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"["customer.user","user.admin"]"#);
    assert_eq!(serde_json::from_str::<RoleSet>(r#"["user.admin","customer.user"]"#).unwrap(), s);
    assert!(serde_json::from_str::<RoleSet>(r#"["root"]"#).is_err());
    assert!(grants_portal_login(&set(&[CUSTOMER_USER])) && !grants_portal_login(&set(&[ESSENTIAL])));
}

#[wasm_bindgen_test(unsupported = test)]
fn the_uc_welcome_mail_is_for_people_with_the_uc_clients() {
    assert!(uses_uc_clients(&set(&[CUSTOMER_USER, UC])));
    assert!(uses_uc_clients(&set(&[ESSENTIAL_GB])));
    assert!(!uses_uc_clients(&set(&[CUSTOMER_USER, ESSENTIAL, USER_ADMIN])));
}

#[wasm_bindgen_test(unsupported = test)]
fn every_violation_code_is_sent_by_its_name() {
    for &code in ViolationCode::ALL {
        assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn capabilities_come_from_roles_or_from_being_staff() {
    use Capability::*;
    let customer = |keys: &[&str]| set(keys);
    assert!(ManageDevices.allowed(TenantKind::Customer, &customer(&[CUSTOMER_USER, DEVICE_ADMIN])));
    assert!(!ManageDevices.allowed(TenantKind::Customer, &customer(&[DEVICE_ADMIN])), "not a portal user");
    assert!(!ManageDevices.allowed(TenantKind::Customer, &customer(ADMIN)));
    assert!(ViewDevices.allowed(TenantKind::Customer, &customer(ADMIN)));
    assert!(ManageDevices.allowed(TenantKind::Reseller, &set(&[RESELLER_ADMIN])), "staff do everything below");
    assert!(!ManageUsers.allowed(TenantKind::Reseller, &set(&[CUSTOMER_USER])));
}

#[wasm_bindgen_test(unsupported = test)]
fn roles_granting_lists_stand_ins_and_higher_levels() {
    assert_eq!(roles_granting(SUPERVISOR_L3), [SUPERVISOR_L3, SUPERVISOR_L4, SUPERVISOR_L5]);
    assert_eq!(roles_granting(ESSENTIAL), [ESSENTIAL, ESSENTIAL_GB]);
    assert_eq!(roles_granting(USER_ADMIN), [USER_ADMIN]);
    assert!(roles_granting("nope").is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn softphones_need_the_softphones_role() {
    assert!(softphone_violation(&set(&[CUSTOMER_USER, UC, SOFTPHONE])).is_none());
    let v = softphone_violation(&set(&[CUSTOMER_USER, UC])).unwrap();
    assert_eq!((v.code.as_str(), v.role.as_deref()), ("softphone_role_required", Some(SOFTPHONE)));
    // And the role stays while softphones are assigned.
    let without = set(&[CUSTOMER_USER, UC]);
    let v = softphones_assigned_violation(&without, true).unwrap();
    assert_eq!((v.code.as_str(), v.role.as_deref()), ("softphones_assigned", Some(SOFTPHONE)));
    assert!(softphones_assigned_violation(&without, false).is_none());
    assert!(softphones_assigned_violation(&set(&[CUSTOMER_USER, UC, SOFTPHONE]), true).is_none());
}
