//! Creating and changing customers (onboarding step 1, customer settings).
//! Field rules come from `shared::fields`; who may change what from
//! `PatchCustomer::staff_fields`. The PBX secret is stored but never
//! returned, audited or logged.

use serde_json::{json, Map, Value};
use switchboard_shared::{
    fields::{self, FieldError},
    AuditAction, CreateCustomer, Customer, MfaPolicy, Page, PatchCustomer, PatchSettings, PbxConnectionInput, TenantId,
    TenantKind,
};

use super::{mfa, Caller, Domain, Error, FieldErrors, Result, TenantScope};
use crate::store::{
    audit,
    customers::{self, CustomerRow},
    tenants,
};

/// A reseller's customers by name, searched (name or reference) and paged.
pub async fn list(
    d: &Domain,
    reseller: &TenantScope,
    q: Option<&str>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<Customer>> {
    if reseller.tenant.kind != TenantKind::Reseller {
        return Err(Error::NotFound);
    }
    let page = tenants::children(d.store.db(), &reseller.tenant.id, q, limit, cursor).await?;
    let ids: Vec<TenantId> = page.items.into_iter().map(|t| t.id).collect();
    let items = customers::many(d.store.db(), &ids).await?.iter().map(CustomerRow::to_api).collect();
    Ok(Page { items, total: page.total, more_than_total: page.more_than_total, next_cursor: page.next_cursor })
}

/// `POST /resellers/{resellerId}/customers`
pub async fn create(
    d: &Domain,
    reseller: &TenantScope,
    caller: &Caller,
    input: CreateCustomer,
) -> Result<Customer, Error> {
    if reseller.tenant.kind != TenantKind::Reseller {
        return Err(Error::NotFound);
    }
    let mut row = CustomerRow {
        id: crate::store::new_id(),
        parent_id: reseller.tenant.id.clone(),
        name: String::new(),
        description: String::new(),
        reference: None,
        region: None,
        auto_assign_acd: false,
        default_time_zone: None,
        pbx_kind: None,
        pbx_base_url: None,
        pbx_account_id: None,
        pbx_secret: None,
        created_at: crate::time::now_text(),
        mfa_policy: MfaPolicy::default(),
    };
    let patch = PatchCustomer {
        name: Some(input.name),
        description: Some(input.description),
        reference: Some(input.reference),
        region: Some(input.region),
        pbx: Some(input.pbx),
        settings: input.settings,
    };
    let minimum = mfa::in_force(std::iter::once(&reseller.tenant).chain(&reseller.above));
    apply(&mut row, &patch, minimum)?;
    if patch.step_up_fields() {
        caller.require_recent_authentication()?;
    }
    // Serialized with the reseller's other writes, so two creates with one
    // reference cannot both pass the check.
    let mut tx = d.store.tenant_write(&reseller.tenant.id).await?;
    if let Some(reference) = &row.reference {
        if let Some(existing) = customers::with_reference(&mut tx, &reseller.tenant.id, reference).await? {
            return Err(Error::CustomerExists { existing_customer_id: existing });
        }
    }
    customers::insert(&mut tx, &row).await?;
    let changes = json!({ "fields": audited(&row) });
    audit::record(&mut tx, audit::Entry::by(&caller.user, &row.id, None, AuditAction::CustomerCreated, changes))
        .await?;
    tx.commit().await?;
    Ok(row.to_api())
}

/// `GET /customers/{tenantId}`
pub async fn get(d: &Domain, ctx: &TenantScope) -> Result<Customer, Error> {
    let mut conn = d.store.db().acquire().await?;
    Ok(customers::get(&mut conn, &ctx.tenant.id).await?.ok_or(Error::NotFound)?.to_api())
}

/// `PATCH /customers/{tenantId}`
pub async fn patch(d: &Domain, ctx: &TenantScope, caller: &Caller, input: PatchCustomer) -> Result<Customer, Error> {
    let staff_fields = input.staff_fields();
    if !staff_fields.is_empty() && !caller.acts_below() {
        return Err(Error::StaffOnly(staff_fields));
    }
    if input.step_up_fields() {
        caller.require_recent_authentication()?;
    }
    let mut tx = d.store.tenant_write(&ctx.tenant.id).await?;
    let before = customers::get(&mut tx, &ctx.tenant.id).await?.ok_or(Error::NotFound)?;
    let mut row = before.clone();
    apply(&mut row, &input, mfa::in_force(&ctx.above))?;
    if let Some(reference) = &row.reference {
        if row.reference != before.reference {
            if let Some(existing) = customers::with_reference(&mut tx, &row.parent_id, reference).await? {
                return Err(Error::CustomerExists { existing_customer_id: existing });
            }
        }
    }
    let (old, new) = (audited(&before), audited(&row));
    let mut changed: Map<String, Value> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), json!({ "before": old[k], "after": v })))
        .collect();
    if row.pbx_secret.is_some() && before.pbx_secret.is_some() && row.pbx_secret != before.pbx_secret {
        changed.insert("pbxSecret".into(), json!({ "before": "set", "after": "replaced" }));
    }
    if !changed.is_empty() {
        customers::update(&mut tx, &row).await?;
        let changes = json!({ "fields": changed });
        audit::record(&mut tx, audit::Entry::by(&caller.user, &row.id, None, AuditAction::CustomerUpdated, changes))
            .await?;
    }
    tx.commit().await?;
    Ok(row.to_api())
}

/// Writes the fields a request names into `row`, refusing every invalid one
/// (an MFA policy looser than `mfa_minimum`, the reseller's, among them).
fn apply(row: &mut CustomerRow, input: &PatchCustomer, mfa_minimum: MfaPolicy) -> Result<(), Error> {
    let mut errors = FieldErrors::default();
    if let Some(name) = &input.name {
        row.name = errors.check(fields::customer_name(name)).unwrap_or_default();
    }
    if let Some(description) = &input.description {
        row.description = errors.check(fields::description(description)).unwrap_or_default();
    }
    if let Some(reference) = &input.reference {
        row.reference = reference.as_deref().and_then(|r| errors.check(fields::reference(r)));
    }
    if let Some(region) = &input.region {
        row.region = region.as_deref().and_then(|r| errors.check(fields::region(r)));
    }
    if let Some(pbx) = &input.pbx {
        apply_pbx(row, pbx.as_ref(), &mut errors);
    }
    if let Some(PatchSettings { auto_assign_acd, default_time_zone, mfa }) = &input.settings {
        if let Some(policy) = mfa {
            row.mfa_policy =
                errors.check(mfa::check_policy("settings.mfa", *policy, mfa_minimum)).unwrap_or(row.mfa_policy);
        }
        if let Some(on) = auto_assign_acd {
            row.auto_assign_acd = *on;
        }
        if let Some(zone) = default_time_zone {
            row.default_time_zone = zone.as_deref().and_then(|z| {
                errors.check(
                    fields::time_zone_shape(z)
                        .map_err(|e| FieldError { field: "settings.defaultTimeZone".into(), ..e }),
                )
            });
        }
    }
    errors.finish()
}

/// A new PBX connection, or none. A change that leaves the secret out keeps
/// the stored one only while it goes to the same server (kind, scheme, host
/// and port): otherwise whoever may edit the address could have the server
/// send the key to a server of theirs. A new connection needs one.
fn apply_pbx(row: &mut CustomerRow, pbx: Option<&PbxConnectionInput>, errors: &mut FieldErrors) {
    let Some(pbx) = pbx else {
        (row.pbx_kind, row.pbx_base_url, row.pbx_account_id, row.pbx_secret) = (None, None, None, None);
        return;
    };
    let same_server = row.pbx_kind.as_deref() == Some(pbx.kind.as_str())
        && row.pbx_base_url.as_deref().is_some_and(|before| same_origin(before, &pbx.base_url));
    row.pbx_kind = Some(pbx.kind.as_str().to_owned());
    row.pbx_base_url = errors.check(fields::pbx_base_url(&pbx.base_url));
    row.pbx_account_id = errors.check(fields::pbx_account_id(&pbx.account_id));
    match &pbx.secret {
        Some(secret) => row.pbx_secret = errors.check(fields::pbx_secret(secret)),
        None if row.pbx_secret.is_some() && same_server => {}
        None if row.pbx_secret.is_some() => errors.0.push(FieldError::new(
            "pbx.secret",
            "required",
            "Give the API key again: the connection goes to another server",
        )),
        None => errors.0.push(FieldError::new("pbx.secret", "required", "Give the API key of the PBX")),
    }
}

/// Whether two URLs name the same scheme, host and port.
fn same_origin(a: &str, b: &str) -> bool {
    match (reqwest::Url::parse(a), reqwest::Url::parse(b)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin(),
        _ => false,
    }
}

/// What the audit trail keeps of a customer: everything but the secret,
/// of which only whether one is set.
fn audited(row: &CustomerRow) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("name".into(), json!(row.name));
    m.insert("description".into(), json!(row.description));
    m.insert("reference".into(), json!(row.reference));
    m.insert("region".into(), json!(row.region));
    m.insert("pbxKind".into(), json!(row.pbx_kind));
    m.insert("pbxBaseUrl".into(), json!(row.pbx_base_url));
    m.insert("pbxAccountId".into(), json!(row.pbx_account_id));
    m.insert("pbxSecret".into(), json!(row.pbx_secret.as_ref().map(|_| "set")));
    m.insert("autoAssignAcd".into(), json!(row.auto_assign_acd));
    m.insert("defaultTimeZone".into(), json!(row.default_time_zone));
    m.insert("mfa".into(), json!(row.mfa_policy.as_str()));
    m
}
