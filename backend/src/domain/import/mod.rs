//! Importing a customer's users from its PBX directory or a CSV.
//!
//! One import is one tenant write: every row is checked against the tenant
//! as it is and the file as a whole, and either every row is written, or
//! none is and every bad row is reported with its reason. Users are matched
//! by external id, then e-mail, so running an import twice changes nothing
//! the second time. The users an import creates get the roles of rule 7
//! (`shared::roles::imported_roles`); the users it finds get their fields
//! updated and keep their roles, which are changed in the portal, where
//! their licence impact is shown (so an export imported back changes
//! nothing). Imports are allowed before the first administrator exists:
//! onboarding imports first, and imported users cannot sign in.

use std::collections::HashMap;

use serde_json::json;
use sqlx::AnyConnection;
use switchboard_shared::{
    fields,
    roles::{imported_roles, realtime_required, validate, Context, RoleSet},
    AuditAction, ImportReport, RowError, TenantId, TenantKind, UserId, UserStatus,
};

pub mod csv;
pub mod pbx;

use self::pbx::{CsvFile, Directory};
use super::{Caller, Domain, Error, FieldErrors, Result, TenantScope};
use crate::store::{
    audit,
    customers::{self, CustomerRow},
    tenants,
    users::{self, email_key, UserRow, UserWrite},
};

/// Imports an uploaded CSV file (`displayName,email,extension,externalId,agent`).
pub async fn from_csv(
    d: &Domain,
    scope: &TenantScope,
    caller: &Caller,
    file: bytes::Bytes,
    dry_run: bool,
) -> Result<ImportReport> {
    let listing = CsvFile(file).users().await?;
    run(d, scope, caller, Source::Csv, listing.rows, listing.rejected, dry_run).await
}

/// Imports the customer's PBX directory; `NoPbxConnection` when it has none.
pub async fn from_pbx(d: &Domain, scope: &TenantScope, caller: &Caller, dry_run: bool) -> Result<ImportReport> {
    let mut conn = d.store.db().acquire().await?;
    let customer = customers::get(&mut conn, &scope.tenant.id).await?.ok_or(Error::NotFound)?;
    drop(conn);
    let target = customer.pbx().ok_or(Error::NoPbxConnection)?;
    // Read before the import's write begins: the PBX may be slow, and the
    // tenant's writes wait for an import only while it writes.
    let listing = pbx::connect(target, &d.egress).await?.users().await?;
    run(d, scope, caller, Source::Pbx, listing.rows, listing.rejected, dry_run).await
}

/// One person of a directory, as a connector read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// The CSV line, or the position in the PBX directory (from 1).
    pub row: usize,
    pub display_name: String,
    pub email: String,
    pub extension: Option<String>,
    pub external_id: Option<String>,
    /// A call-centre agent (rule 7c).
    pub agent: bool,
}

/// Where the rows came from, as the audit trail records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Csv,
    Pbx,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Pbx => "pbx",
        }
    }
}

/// A row's checked values.
struct Clean {
    row: usize,
    display_name: String,
    email: String,
    extension: Option<String>,
    external_id: Option<String>,
    agent: bool,
}

enum Plan {
    Create { id: UserId, clean: Clean, roles: RoleSet },
    Update { index: usize, clean: Clean },
    Unchanged,
}

/// What an import would do to the tenant as it was read.
struct Planned {
    customer: CustomerRow,
    members: Vec<(UserRow, RoleSet)>,
    plans: Vec<Plan>,
}

impl Planned {
    fn report(&self, dry_run: bool) -> ImportReport {
        let mut report = ImportReport { dry_run, ..ImportReport::default() };
        for plan in &self.plans {
            match plan {
                Plan::Create { .. } => report.created += 1,
                Plan::Update { .. } => report.updated += 1,
                Plan::Unchanged => report.unchanged += 1,
            }
        }
        report
    }

    /// The e-mail addresses the import would give its new users.
    fn new_emails(&self) -> Vec<String> {
        let created = self.plans.iter().filter_map(|p| match p {
            Plan::Create { clean, .. } => Some(email_key(&clean.email)),
            _ => None,
        });
        created.collect()
    }
}

/// Imports `rows` into the customer (`rejected` are rows a connector could
/// not read). With `dry_run` the report says what would happen and nothing
/// is written.
///
/// The rows are checked against the tenant as read outside its write turn
/// (on SQLite, every tenant's), which the import then takes only to write:
/// if another write reached the tenant in between (its generation moved) or
/// gave one of the new e-mail addresses to someone else, the rows are
/// checked again inside the turn. A dry run never takes the turn.
async fn run(
    d: &Domain,
    ctx: &TenantScope,
    caller: &Caller,
    source: Source,
    rows: Vec<ImportRow>,
    rejected: Vec<RowError>,
    dry_run: bool,
) -> Result<ImportReport, Error> {
    if ctx.tenant.kind != TenantKind::Customer {
        return Err(Error::NotFound);
    }
    let tenant_id = &ctx.tenant.id;
    let mut conn = d.store.db().acquire().await?;
    let seen = tenants::generation(&mut conn, tenant_id).await?;
    let planned = plan(&mut conn, tenant_id, rows.clone(), rejected.clone()).await?;
    drop(conn);
    if dry_run {
        return Ok(planned.report(true));
    }
    let mut tx = d.store.tenant_write(tenant_id).await?;
    // The turn's own bump is the one write since the plan was read, or not.
    let unchanged = tenants::generation(&mut tx, tenant_id).await? == seen + 1
        && users::emails_taken(&mut tx, &planned.new_emails()).await?.is_empty();
    let planned = if unchanged { planned } else { plan(&mut tx, tenant_id, rows, rejected).await? };
    let report = planned.report(false);
    write(&mut tx, caller, source, planned).await?;
    tx.commit().await?;
    Ok(report)
}

/// Checks every row against the tenant as `conn` reads it and the file as a
/// whole: what to do with each, or every bad row with its reason.
async fn plan(
    conn: &mut AnyConnection,
    tenant_id: &TenantId,
    rows: Vec<ImportRow>,
    mut rejected: Vec<RowError>,
) -> Result<Planned, Error> {
    let customer = customers::get(conn, tenant_id).await?.ok_or(Error::NotFound)?;
    let members = users::tenant_members(conn, tenant_id).await?;
    let realtime = realtime_required(members.iter().map(|(_, roles)| roles));
    let new_roles = |agent| imported_roles(customer.region.as_deref(), agent, customer.auto_assign_acd, realtime);

    let by_external: HashMap<&str, usize> =
        members.iter().enumerate().filter_map(|(i, (u, _))| Some((u.external_id.as_deref()?, i))).collect();
    let by_email: HashMap<String, usize> =
        members.iter().enumerate().map(|(i, (u, _))| (email_key(&u.email), i)).collect();

    let cleaned = check_rows(rows, &mut rejected);

    // E-mail addresses the rows would take that some other user has.
    let mut outside: Vec<String> = Vec::new();
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(cleaned.len());
    for c in &cleaned {
        let key = email_key(&c.email);
        let by_id = c.external_id.as_deref().and_then(|e| by_external.get(e).copied());
        let found = by_id.or_else(|| by_email.get(&key).copied());
        match (found, by_email.get(&key)) {
            // The address belongs to another user of this customer.
            (Some(i), Some(&j)) if i != j => rejected.push(RowError::new(
                c.row,
                Some("email"),
                "taken",
                format!("{} of this customer has this e-mail address", members[j].0.display_name),
            )),
            (_, Some(_)) => {}
            (_, None) => outside.push(key),
        }
        matched.push(found);
    }
    let taken_outside = users::emails_taken(conn, &outside).await?;

    let mut plans = Vec::with_capacity(cleaned.len());
    for (c, found) in cleaned.into_iter().zip(matched) {
        let key = email_key(&c.email);
        if !by_email.contains_key(&key) && taken_outside.contains(&key) {
            rejected.push(RowError::new(
                c.row,
                Some("email"),
                "taken",
                "A user outside this customer has this e-mail address",
            ));
            continue;
        }
        let plan = match found {
            None => Plan::Create { id: crate::store::new_id(), roles: new_roles(c.agent), clean: c },
            Some(index) if same_fields(&members[index].0, &c) => Plan::Unchanged,
            Some(index) => Plan::Update { index, clean: c },
        };
        plans.push(plan);
    }

    // New users' roles must be valid on their own, and every extension and
    // external id still unique in the tenant.
    for plan in &plans {
        if let Plan::Create { clean, roles, .. } = plan {
            let violations = validate(&roles.keys(), &Context::person(TenantKind::Customer));
            if let Some(v) = violations.first() {
                rejected.push(RowError::new(clean.row, None, v.code.as_str(), v.message.clone()));
            }
        }
    }
    rejected.extend(unique_clashes(&members, &plans));

    if !rejected.is_empty() {
        rejected.sort_by_key(|e| e.row);
        return Err(Error::ImportRows(rejected));
    }
    Ok(Planned { customer, members, plans })
}

/// Writes the plans: each changed user, then every new one with their
/// roles (many rows a statement, after the changes, which may free an
/// extension a new user takes), and an audit record for every one, in the
/// import's transaction.
async fn write(tx: &mut AnyConnection, caller: &Caller, source: Source, planned: Planned) -> Result<(), Error> {
    let Planned { customer, members, plans } = planned;
    let time_zone = customer.default_time_zone.as_deref().unwrap_or(super::users::DEFAULT_TIME_ZONE);
    let language = fields::language_of_region(customer.region.as_deref());
    let mut created = Vec::new();
    let mut trail = Vec::new();
    for plan in &plans {
        match plan {
            Plan::Create { id, clean, roles } => {
                let write = UserWrite {
                    id,
                    tenant_id: &customer.id,
                    display_name: &clean.display_name,
                    email: &clean.email,
                    status: UserStatus::Invited,
                    time_zone,
                    language,
                    external_id: clean.external_id.as_deref(),
                    substitute_id: None,
                    extension: clean.extension.as_deref(),
                    service_user: false,
                };
                created.push((write, *roles));
                let changes = json!({
                    "fields": { "displayName": clean.display_name, "email": clean.email,
                                "extension": clean.extension, "externalId": clean.external_id },
                    "rolesAdded": roles.keys(), "rolesRemoved": [], "source": source.as_str(),
                });
                trail.push(audit::Entry::by(&caller.user, &customer.id, Some(id), AuditAction::UserImported, changes));
            }
            Plan::Update { index, clean } => {
                let (user, _) = &members[*index];
                let before = user.as_write();
                let after = UserWrite {
                    display_name: &clean.display_name,
                    email: &clean.email,
                    extension: clean.extension.as_deref(),
                    external_id: clean.external_id.as_deref(),
                    ..user.as_write()
                };
                users::update(tx, &before, &after).await?;
                let mut changed = serde_json::Map::new();
                for (name, old, new) in [
                    ("displayName", Some(before.display_name), Some(after.display_name)),
                    ("email", Some(before.email), Some(after.email)),
                    ("extension", before.extension, after.extension),
                    ("externalId", before.external_id, after.external_id),
                ] {
                    if old != new {
                        changed.insert(name.into(), json!({ "before": old, "after": new }));
                    }
                }
                let changes =
                    json!({ "fields": changed, "rolesAdded": [], "rolesRemoved": [], "source": source.as_str() });
                let entry =
                    audit::Entry::by(&caller.user, &customer.id, Some(&user.id), AuditAction::UserUpdated, changes);
                trail.push(entry);
            }
            Plan::Unchanged => {}
        }
    }
    users::insert_many(tx, &created).await?;
    audit::record_many(tx, &trail).await?;
    Ok(())
}

/// Each row checked alone, then against the rows before it in the file.
fn check_rows(rows: Vec<ImportRow>, rejected: &mut Vec<RowError>) -> Vec<Clean> {
    let mut seen_email: HashMap<String, usize> = HashMap::new();
    let mut seen_external: HashMap<String, usize> = HashMap::new();
    let mut cleaned = Vec::with_capacity(rows.len());
    for r in rows {
        match clean(r) {
            Ok(c) => {
                if let Some(first) = seen_email.insert(email_key(&c.email), c.row) {
                    rejected.push(duplicate(c.row, "email", first));
                } else if let Some(first) = c.external_id.clone().and_then(|e| seen_external.insert(e, c.row)) {
                    rejected.push(duplicate(c.row, "externalId", first));
                } else {
                    cleaned.push(c);
                }
            }
            Err(errors) => rejected.extend(errors),
        }
    }
    cleaned
}

fn clean(r: ImportRow) -> Result<Clean, Vec<RowError>> {
    let mut errors = FieldErrors::default();
    let display_name = errors.check(fields::display_name(&r.display_name));
    let email = errors.check(fields::email(&r.email));
    let extension = r.extension.as_deref().and_then(|e| errors.check(fields::extension(e)));
    let external_id = r.external_id.as_deref().and_then(|e| errors.check(fields::external_id(e)));
    match (display_name, email) {
        (Some(display_name), Some(email)) if errors.0.is_empty() => {
            Ok(Clean { row: r.row, display_name, email, extension, external_id, agent: r.agent })
        }
        _ => Err(errors.0.into_iter().map(|e| RowError::of_field(r.row, e)).collect()),
    }
}

fn duplicate(row: usize, field: &str, first: usize) -> RowError {
    RowError::new(row, Some(field), "duplicate", format!("Row {first} has the same {field}"))
}

fn same_fields(user: &UserRow, c: &Clean) -> bool {
    user.display_name == c.display_name
        && user.email == c.email
        && user.extension == c.extension
        && user.external_id == c.external_id
}

/// Who holds a value after the import: a user the import leaves alone, or a row.
#[derive(Clone, Copy)]
enum Holder {
    Member,
    Row(usize),
}

/// Rows whose extension or external id another user would hold after the import.
fn unique_clashes(members: &[(UserRow, RoleSet)], plans: &[Plan]) -> Vec<RowError> {
    let mut by_member: HashMap<usize, &Clean> = HashMap::new();
    let mut holders: HashMap<(&str, &str), Vec<Holder>> = HashMap::new();
    for plan in plans {
        match plan {
            Plan::Update { index, clean } => {
                by_member.insert(*index, clean);
            }
            Plan::Create { clean, .. } => {
                for (field, value) in [("extension", &clean.extension), ("externalId", &clean.external_id)] {
                    if let Some(v) = value {
                        holders.entry((field, v)).or_default().push(Holder::Row(clean.row));
                    }
                }
            }
            Plan::Unchanged => {}
        }
    }
    for (i, (user, _)) in members.iter().enumerate() {
        let (holder, extension, external_id) = match by_member.get(&i) {
            Some(c) => (Holder::Row(c.row), &c.extension, &c.external_id),
            None => (Holder::Member, &user.extension, &user.external_id),
        };
        for (field, value) in [("extension", extension), ("externalId", external_id)] {
            if let Some(v) = value {
                holders.entry((field, v)).or_default().push(holder);
            }
        }
    }
    let mut clashes = Vec::new();
    for ((field, _), list) in holders.into_iter().filter(|(_, list)| list.len() > 1) {
        for holder in list {
            if let Holder::Row(row) = holder {
                let what = if field == "extension" { "extension" } else { "external id" };
                clashes.push(RowError::new(
                    row,
                    Some(field),
                    "taken",
                    format!("Another user of this customer has this {what}"),
                ));
            }
        }
    }
    clashes
}
