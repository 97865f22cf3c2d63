//! Creating, changing and deleting users. Every rule comes from `shared`:
//! fields (`fields`), one user's roles (`validate_change`) and the tenant's
//! rules 5–7 over the members read inside the same serialized transaction.
//! Nothing is repaired silently: a request breaking a rule is refused with
//! every violation; auto-assignment (rule 7b) is a rule, and is audited.

use serde_json::{json, Map, Value};
use sqlx::AnyConnection;
use switchboard_shared::{
    fields::{self, FieldError},
    roles::{
        admin_required_violation, auto_assign_violation, keys, last_admin_violation, needs_step_up, realtime_missing,
        roles_granting, softphones_assigned_violation, validate_change, Context, MemberState, RoleDef, RoleSet,
        Violation,
    },
    AuditAction, CreateUser, EmailCheck, Page, PatchUser, TenantKind, User, UserId, UserStatus,
};

use super::{scope, Caller, Domain, Error, FieldErrors, Result, TenantScope};
pub use crate::store::users::{ListQuery, Sort};
use crate::store::{
    audit, devices, password_links, sessions,
    tenants::{self, TenantRow},
    users::{self, Unique, UserRow, UserWrite},
};

/// New users' time zone when neither they nor their tenant name one.
pub const DEFAULT_TIME_ZONE: &str = "UTC";

/// The user of the tenant a write names. A parent user is shown in the
/// tenant but changed only in their own, so naming one is refused as such
/// rather than answered as missing.
pub(crate) async fn member_for_write(
    conn: &mut AnyConnection,
    scope: &TenantScope,
    id: &UserId,
) -> Result<(UserRow, RoleSet)> {
    if let Some(member) = users::get_in_tenant_with_roles(conn, &scope.tenant.id, id).await? {
        return Ok(member);
    }
    match users::get_visible(conn, &scope.tenant.id, &scope.above, id).await? {
        Some(_) => Err(Error::ParentUser),
        None => Err(Error::NotFound),
    }
}

/// One user as seen from the tenant (a parent user too).
pub async fn get(d: &Domain, scope: &TenantScope, user_id: &UserId) -> Result<User> {
    let mut conn = d.store.db().acquire().await?;
    let row = users::get_visible(&mut conn, &scope.tenant.id, &scope.above, user_id).await?.ok_or(Error::NotFound)?;
    Ok(users::to_api_on(&mut conn, row, &scope.tenant.id).await?)
}

/// One page of the tenant's users, parent users among them.
pub async fn list(d: &Domain, scope: &TenantScope, query: &ListQuery) -> Result<Page<User>> {
    Ok(users::list(d.store.db(), query, &scope.above).await?)
}

/// Every user of the tenant's own (no parent users) matching the query's
/// filters, read in pages of the list's own keyset query so an export holds
/// exactly what the list shows.
pub async fn export(d: &Domain, mut query: ListQuery, mut each: impl FnMut(&User) -> Result<()>) -> Result<()> {
    loop {
        let page = users::list(d.store.db(), &query, &[]).await?;
        page.items.iter().try_for_each(&mut each)?;
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => return Ok(()),
        }
    }
}

/// Whether the login is taken, and by whom when the caller may see that user.
pub async fn check_email(d: &Domain, caller: &Caller, email: &str) -> Result<EmailCheck> {
    let found = users::find_by_email(&mut *d.store.db().acquire().await?, email).await?;
    let user_id = match &found {
        Some((id, tenant)) if scope::reaches(d, caller, tenant).await? => Some(id.clone()),
        _ => None,
    };
    Ok(EmailCheck { exists: found.is_some(), user_id })
}

/// The tenant's rules 5–7b for one change of one user (`before`/`after` are
/// `None` for a creation/deletion). Returns the violations, and whether this
/// change makes the real-time add-on required (its first l3+ supervisor).
/// They are a customer's rules: resellers and the platform have staff, not
/// user administrators and supervisors.
async fn tenant_rules(
    conn: &mut AnyConnection,
    tenant: &TenantRow,
    user_id: &UserId,
    before: Option<&MemberState>,
    after: Option<&MemberState>,
) -> Result<(Vec<Violation>, bool), Error> {
    if tenant.kind != TenantKind::Customer {
        return Ok((Vec::new(), false));
    }
    let admins = users::members_holding(conn, &tenant.id, &[keys::USER_ADMIN], Some(user_id)).await?;
    let mut violations: Vec<Violation> =
        [last_admin_violation(&admins, before, after), admin_required_violation(&admins, before, after)]
            .into_iter()
            .flatten()
            .collect();
    // Whether others hold l3 decides something only when this change could
    // leave an essential user without the add-on or make the first l3
    // supervisor; most changes do neither, and skip the query (every write
    // of the tenant waits for this one).
    let l3_of = |m: Option<&MemberState>| m.is_some_and(|m| m.roles.grants(keys::SUPERVISOR_L3));
    let l3_matters = after.is_some_and(|a| realtime_missing(&a.roles)) || (l3_of(after) && !l3_of(before));
    let others_l3 =
        l3_matters && users::any_holds(conn, &tenant.id, &roles_granting(keys::SUPERVISOR_L3), Some(user_id)).await?;
    let required_before = others_l3 || l3_of(before);
    let required_after = others_l3 || l3_of(after);
    if let Some(after) = after {
        // Taking the add-on away while it is required is refused; the user
        // whose promotion makes it required gets it with everyone else.
        violations.extend(auto_assign_violation(required_before && required_after, &after.roles));
    }
    Ok((violations, required_after && !required_before))
}

/// Rule 7b: the first l3+ supervisor appeared; every essential user gets the
/// real-time add-on, each change audited.
async fn assign_realtime(conn: &mut AnyConnection, tenant: &TenantRow, caller: &Caller, except: &UserId) -> Result<()> {
    let essential = roles_granting(keys::ESSENTIAL);
    for id in users::holding_but_lacking(conn, &tenant.id, &essential, keys::REALTIME, except).await? {
        users::change_roles(conn, &tenant.id, &id, RoleSet::of(&[keys::REALTIME]), RoleSet::EMPTY).await?;
        users::touch(conn, &id).await?;
        audit::record(
            conn,
            audit::Entry::by(
                &caller.user,
                &tenant.id,
                Some(&id),
                AuditAction::RolesAutoAssigned,
                json!({ "rolesAdded": [keys::REALTIME], "rolesRemoved": [], "reason": "supervisor_l3" }),
            ),
        )
        .await?;
    }
    Ok(())
}

fn member(status: UserStatus, service_user: bool, roles: RoleSet) -> MemberState {
    MemberState { status, service_user, roles }
}

/// The substitute must be another user of the same tenant.
async fn check_substitute(
    conn: &mut AnyConnection,
    tenant: &TenantRow,
    user_id: &UserId,
    substitute: Option<&UserId>,
    errors: &mut FieldErrors,
) -> Result<()> {
    if let Some(s) = substitute {
        if s == user_id {
            errors.0.push(FieldError::new("substituteId", "self", "A user cannot stand in for themself"));
        } else if users::get_in_tenant(conn, &tenant.id, s).await?.is_none() {
            errors.0.push(FieldError::new("substituteId", "not_found", "No user of this tenant has that id"));
        }
    }
    Ok(())
}

async fn check_unique(
    conn: &mut AnyConnection,
    tenant: &TenantRow,
    user_id: &UserId,
    extension: Option<&str>,
    external_id: Option<&str>,
    errors: &mut FieldErrors,
) -> Result<()> {
    if let Some(e) = extension {
        if users::taken(conn, &tenant.id, Unique::Extension, e, Some(user_id)).await? {
            errors.0.push(FieldError::new("extension", "taken", "Another user of this tenant has this extension"));
        }
    }
    if let Some(e) = external_id {
        if users::taken(conn, &tenant.id, Unique::ExternalId, e, Some(user_id)).await? {
            errors.0.push(FieldError::new("externalId", "taken", "Another user of this tenant has this external id"));
        }
    }
    Ok(())
}

/// `POST /customers/{tenantId}/users`: a new, invited user.
pub async fn create(d: &Domain, ctx: &TenantScope, caller: &Caller, input: CreateUser) -> Result<User> {
    let tenant = &ctx.tenant;
    let mut errors = FieldErrors::default();
    let display_name = errors.check(fields::display_name(&input.display_name));
    let email = errors.check(fields::email(&input.email));
    let time_zone = input.time_zone.as_deref().map(|tz| errors.check(fields::time_zone_shape(tz)));
    let language = input.language.as_deref().map(|l| errors.check(fields::language(l)));
    let extension = input.extension.as_deref().and_then(|e| errors.check(fields::extension(e)));
    let external_id = input.external_id.as_deref().and_then(|e| errors.check(fields::external_id(e)));
    let ctx = Context { tenant_kind: tenant.kind, service_user: input.service_user };
    let violations = validate_change(&RoleSet::EMPTY, &input.roles, &ctx);
    let roles = RoleSet::parse(input.roles.iter().map(String::as_str)).0;
    if needs_step_up(&roles) {
        caller.require_recent_authentication()?;
    }
    let id: UserId = crate::store::new_id();

    let mut tx = d.store.tenant_write(&tenant.id).await?;
    if let Some(email) = &email {
        if let Some((existing, existing_tenant)) = users::find_by_email(&mut tx, email).await? {
            let visible = scope::reaches(d, caller, &existing_tenant).await?;
            return Err(Error::UserExists { existing_user_id: visible.then_some(existing) });
        }
    }
    check_unique(&mut tx, tenant, &id, extension.as_deref(), external_id.as_deref(), &mut errors).await?;
    check_substitute(&mut tx, tenant, &id, input.substitute_id.as_ref(), &mut errors).await?;
    errors.finish()?;
    let after = member(UserStatus::Invited, input.service_user, roles);
    let (tenant_violations, first_l3) = tenant_rules(&mut tx, tenant, &id, None, Some(&after)).await?;
    Error::refuse(violations.into_iter().chain(tenant_violations).collect())?;

    let (default_zone, default_language) = tenants::new_user_defaults(&mut tx, &tenant.id).await?;
    let time_zone = time_zone.unwrap_or_else(|| Some(default_zone.unwrap_or_else(|| DEFAULT_TIME_ZONE.into())));
    let language = language.unwrap_or(Some(default_language));
    let (Some(display_name), Some(email), Some(time_zone), Some(language)) = (display_name, email, time_zone, language)
    else {
        return Err(Error::Internal("validated fields missing".into()));
    };
    let write = UserWrite {
        id: &id,
        tenant_id: &tenant.id,
        display_name: &display_name,
        email: &email,
        status: UserStatus::Invited,
        time_zone: &time_zone,
        language,
        external_id: external_id.as_deref(),
        substitute_id: input.substitute_id.as_ref(),
        extension: extension.as_deref(),
        service_user: input.service_user,
    };
    users::insert(&mut tx, &write).await?;
    users::change_roles(&mut tx, &tenant.id, &id, roles, RoleSet::EMPTY).await?;
    if first_l3 {
        assign_realtime(&mut tx, tenant, caller, &id).await?;
    }
    let changes = json!({ "fields": snapshot(&write), "rolesAdded": roles.keys(), "rolesRemoved": [] });
    audit::record(&mut tx, audit::Entry::by(&caller.user, &tenant.id, Some(&id), AuditAction::UserCreated, changes))
        .await?;
    let row = users::get_in_tenant(&mut tx, &tenant.id, &id).await?.ok_or(Error::NotFound)?;
    let user = users::to_api_on(&mut tx, row, &tenant.id).await?;
    tx.commit().await?;
    Ok(user)
}

/// The audited fields of a user.
fn snapshot(u: &UserWrite<'_>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("displayName".into(), json!(u.display_name));
    m.insert("email".into(), json!(u.email));
    m.insert("status".into(), json!(u.status.as_str()));
    m.insert("timeZone".into(), json!(u.time_zone));
    m.insert("language".into(), json!(u.language));
    m.insert("externalId".into(), json!(u.external_id));
    m.insert("substituteId".into(), json!(u.substitute_id));
    m.insert("extension".into(), json!(u.extension));
    m.insert("serviceUser".into(), json!(u.service_user));
    m
}

/// The roles a patch asks for: the full set, or the held set with additions
/// and removals. Unknown keys come back as violations.
fn requested_roles(before: RoleSet, input: &PatchUser) -> Result<(Vec<String>, Vec<Violation>), Error> {
    if input.roles.is_some() && !(input.add_roles.is_empty() && input.remove_roles.is_empty()) {
        return Err(Error::invalid("roles_conflict", "send either roles, or addRoles and removeRoles"));
    }
    if let Some(roles) = &input.roles {
        return Ok((roles.clone(), Vec::new()));
    }
    let mut keys: Vec<String> = before.to_strings();
    let mut violations = Vec::new();
    for k in &input.remove_roles {
        if RoleDef::get(k).is_none() {
            violations.push(Violation::unknown_role(k));
        }
        keys.retain(|held| held != k);
    }
    for k in &input.add_roles {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    Ok((keys, violations))
}

/// The status a patch asks for, from the current one.
fn next_status(
    current: UserStatus,
    requested: Option<UserStatus>,
    has_password: bool,
    errors: &mut FieldErrors,
) -> UserStatus {
    match requested {
        None => current,
        Some(UserStatus::Blocked) => UserStatus::Blocked,
        // Unblocking returns a user who never set a password to `invited`.
        Some(UserStatus::Active) if current == UserStatus::Blocked => {
            if has_password {
                UserStatus::Active
            } else {
                UserStatus::Invited
            }
        }
        Some(UserStatus::Active) if current == UserStatus::Active => current,
        Some(UserStatus::Active) => {
            errors.0.push(FieldError::new(
                "status",
                "not_activated",
                "An invited user becomes active by following their activation link",
            ));
            current
        }
        Some(UserStatus::Invited) => {
            errors.0.push(FieldError::new("status", "invalid", "A user cannot be set back to invited"));
            current
        }
    }
}

/// `PATCH /customers/{tenantId}/users/{userId}`
pub async fn patch(
    d: &Domain,
    ctx: &TenantScope,
    caller: &Caller,
    user_id: &UserId,
    if_match: Option<i64>,
    input: PatchUser,
) -> Result<User> {
    let tenant = &ctx.tenant;
    let mut tx = d.store.tenant_write(&tenant.id).await?;
    let (row, before_roles) = member_for_write(&mut tx, ctx, user_id).await?;
    if if_match.is_some_and(|v| v != row.version) {
        return Err(Error::Stale);
    }
    // Only unblocking depends on whether the user ever set a password.
    let has_password = match input.status {
        Some(UserStatus::Active) => users::has_password(&mut tx, user_id).await?,
        _ => false,
    };

    let mut errors = FieldErrors::default();
    let mut next = row.as_write();
    let display_name = input.display_name.as_deref().and_then(|v| errors.check(fields::display_name(v)));
    let email = input.email.as_deref().and_then(|v| errors.check(fields::email(v)));
    let time_zone = input.time_zone.as_deref().and_then(|v| errors.check(fields::time_zone_shape(v)));
    let language = input.language.as_deref().and_then(|v| errors.check(fields::language(v)));
    let extension = input.extension.as_ref().map(|v| v.as_deref().and_then(|e| errors.check(fields::extension(e))));
    let external_id =
        input.external_id.as_ref().map(|v| v.as_deref().and_then(|e| errors.check(fields::external_id(e))));
    if let Some(v) = &display_name {
        next.display_name = v;
    }
    if let Some(v) = &email {
        next.email = v;
    }
    if let Some(v) = &time_zone {
        next.time_zone = v;
    }
    if let Some(v) = &language {
        next.language = *v;
    }
    if let Some(v) = &extension {
        next.extension = v.as_deref();
    }
    if let Some(v) = &external_id {
        next.external_id = v.as_deref();
    }
    if let Some(v) = &input.substitute_id {
        next.substitute_id = v.as_ref();
    }
    next.status = next_status(row.status, input.status, has_password, &mut errors);

    if let Some(email) = &email {
        if users::email_key(email) != users::email_key(&row.email)
            && users::find_by_email(&mut tx, email).await?.is_some()
        {
            errors.0.push(FieldError::new("email", "taken", "Another user has this e-mail address"));
        }
    }
    let new_extension = extension.as_ref().and_then(|e| e.as_deref());
    let new_external = external_id.as_ref().and_then(|e| e.as_deref());
    check_unique(&mut tx, tenant, user_id, new_extension, new_external, &mut errors).await?;
    if input.substitute_id.is_some() {
        check_substitute(&mut tx, tenant, user_id, next.substitute_id, &mut errors).await?;
    }
    errors.finish()?;

    let (requested, mut violations) = requested_roles(before_roles, &input)?;
    let ctx = Context { tenant_kind: tenant.kind, service_user: next.service_user };
    violations.extend(validate_change(&before_roles, &requested, &ctx));
    let mut after_roles = RoleSet::parse(requested.iter().map(String::as_str)).0;
    let before = member(row.status, next.service_user, before_roles);
    let after = member(next.status, next.service_user, after_roles);
    let (tenant_violations, first_l3) = tenant_rules(&mut tx, tenant, user_id, Some(&before), Some(&after)).await?;
    violations.extend(tenant_violations);
    if before_roles.contains(keys::SOFTPHONE) && !after_roles.contains(keys::SOFTPHONE) {
        let has_softphones = !devices::softphones_of(&mut tx, user_id).await?.is_empty();
        violations.extend(softphones_assigned_violation(&after_roles, has_softphones));
    }
    Error::refuse(violations)?;
    if first_l3 && realtime_missing(&after_roles) {
        after_roles.insert(keys::REALTIME);
    }

    let before_fields = snapshot(&row.as_write());
    let after_fields = snapshot(&next);
    let changed: Map<String, Value> = after_fields
        .iter()
        .filter(|(k, v)| before_fields.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), json!({ "before": before_fields[k], "after": v })))
        .collect();
    let added = after_roles.difference(before_roles);
    let removed = before_roles.difference(after_roles);
    if needs_step_up(&added) {
        caller.require_recent_authentication()?;
    }
    if changed.is_empty() && added.is_empty() && removed.is_empty() {
        let user = users::to_api_on(&mut tx, row, &tenant.id).await?;
        tx.commit().await?;
        return Ok(user);
    }
    let row = users::update(&mut tx, &row.as_write(), &next).await?;
    users::change_roles(&mut tx, &tenant.id, user_id, added, removed).await?;
    if first_l3 {
        assign_realtime(&mut tx, tenant, caller, user_id).await?;
    }
    if next.status == UserStatus::Blocked && row.status != UserStatus::Blocked {
        // A blocked user's sessions end now, not when their tokens expire.
        sessions::end_of_user(&mut tx, user_id, None).await?;
    }
    if changed.contains_key("email") || next.status == UserStatus::Blocked {
        // A link mailed to the old address, or to someone since blocked,
        // would otherwise still set the password (after an unblock, say).
        password_links::void(&mut tx, user_id).await?;
    }
    let changes = json!({ "fields": changed, "rolesAdded": added.keys(), "rolesRemoved": removed.keys() });
    audit::record(
        &mut tx,
        audit::Entry::by(&caller.user, &tenant.id, Some(user_id), AuditAction::UserUpdated, changes),
    )
    .await?;
    tx.commit().await?;
    // The answer is read after the commit, outside the tenant's write turn.
    let mut conn = d.store.db().acquire().await?;
    Ok(users::to_api_on(&mut conn, row, &tenant.id).await?)
}

/// `DELETE /customers/{tenantId}/users/{userId}`
pub async fn delete(
    d: &Domain,
    ctx: &TenantScope,
    caller: &Caller,
    user_id: &UserId,
    if_match: Option<i64>,
) -> Result<()> {
    let tenant = &ctx.tenant;
    let mut tx = d.store.tenant_write(&tenant.id).await?;
    let (row, roles) = member_for_write(&mut tx, ctx, user_id).await?;
    if if_match.is_some_and(|v| v != row.version) {
        return Err(Error::Stale);
    }
    let before = member(row.status, row.service_user, roles);
    let (violations, _) = tenant_rules(&mut tx, tenant, user_id, Some(&before), None).await?;
    Error::refuse(violations)?;
    let changes = json!({ "fields": snapshot(&row.as_write()), "rolesAdded": [], "rolesRemoved": roles.keys() });
    users::delete(&mut tx, user_id).await?;
    audit::record(
        &mut tx,
        audit::Entry::by(&caller.user, &tenant.id, Some(user_id), AuditAction::UserDeleted, changes),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
