//! Devices: adding, removing, and a user's softphones. Each change commits
//! with its audit record.

use serde_json::json;
use switchboard_shared::{
    fields::{self, FieldError},
    roles::softphone_violation,
    AuditAction, CreateDevice, Device, DeviceId, DeviceKind, User, UserDevices, UserId,
};

use super::{users::member_for_write, Caller, Domain, Error, Result, TenantScope};
use crate::store::{
    audit,
    devices::{self, DeviceRow},
    tenants::TenantRow,
    users,
};

/// The tenant's devices, with the names of the users they are assigned to.
pub async fn list(d: &Domain, tenant: &TenantRow) -> Result<Vec<Device>> {
    Ok(devices::list(d.store.db(), &tenant.id).await?.into_iter().map(DeviceRow::into_api).collect())
}

/// `POST /customers/{tenantId}/devices`
pub async fn create(d: &Domain, tenant: &TenantRow, caller: &Caller, input: CreateDevice) -> Result<Device, Error> {
    let mut errors = Vec::new();
    let name = fields::device_name(&input.name).map_err(|e| errors.push(e)).ok();
    let identifier = fields::device_identifier(&input.identifier).map_err(|e| errors.push(e)).ok();
    let mut tx = d.store.tenant_write(&tenant.id).await?;
    if let Some(identifier) = &identifier {
        if devices::identifier_taken(&mut tx, &tenant.id, identifier).await? {
            errors.push(FieldError::new("identifier", "taken", "Another device of this tenant has this identifier"));
        }
    }
    let (Some(name), Some(identifier), true) = (name, identifier, errors.is_empty()) else {
        return Err(Error::Fields(errors));
    };
    let row = DeviceRow {
        id: crate::store::new_id(),
        tenant_id: tenant.id.clone(),
        name,
        kind: input.kind,
        identifier,
        user_id: None,
        created_at: crate::time::now_text(),
        user_name: None,
    };
    devices::insert(&mut tx, &row).await?;
    let changes = json!({ "device": { "id": row.id, "name": row.name, "kind": row.kind.as_str(), "identifier": row.identifier } });
    audit::record(&mut tx, audit::Entry::by(&caller.user, &tenant.id, None, AuditAction::DeviceCreated, changes))
        .await?;
    tx.commit().await?;
    Ok(row.into_api())
}

/// `DELETE /customers/{tenantId}/devices/{deviceId}`: an assigned device is unassigned with it.
pub async fn delete(d: &Domain, tenant: &TenantRow, caller: &Caller, device_id: &DeviceId) -> Result<(), Error> {
    let mut tx = d.store.tenant_write(&tenant.id).await?;
    let row = devices::get_in_tenant(&mut tx, &tenant.id, device_id).await?.ok_or(Error::NotFound)?;
    devices::delete(&mut tx, device_id).await?;
    let changes = json!({ "device": { "id": row.id, "name": row.name, "kind": row.kind.as_str(), "identifier": row.identifier } });
    audit::record(
        &mut tx,
        audit::Entry::by(&caller.user, &tenant.id, row.user_id.as_ref(), AuditAction::DeviceDeleted, changes),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `PUT /customers/{tenantId}/users/{userId}/devices`: exactly these
/// softphones, free or already the user's, and the user must hold Softphones.
pub async fn set_softphones(
    d: &Domain,
    ctx: &TenantScope,
    caller: &Caller,
    user_id: &UserId,
    input: UserDevices,
) -> Result<User, Error> {
    let tenant = &ctx.tenant;
    let mut tx = d.store.tenant_write(&tenant.id).await?;
    let (_, roles) = member_for_write(&mut tx, ctx, user_id).await?;
    let mut wanted: Vec<DeviceId> = input.device_ids.clone();
    wanted.sort();
    wanted.dedup();
    let mut errors = Vec::new();
    for id in &wanted {
        match devices::get_in_tenant(&mut tx, &tenant.id, id).await? {
            None => errors.push(FieldError::new(
                "deviceIds",
                "not_found",
                format!("No device of this tenant has the id {id}"),
            )),
            Some(d) if d.kind != DeviceKind::Softphone => {
                errors.push(FieldError::new("deviceIds", "not_softphone", format!("{} is not a softphone", d.name)))
            }
            Some(d) if d.user_id.as_ref().is_some_and(|u| u != user_id) => {
                errors.push(FieldError::new("deviceIds", "assigned", format!("{} is assigned to another user", d.name)))
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(Error::Fields(errors));
    }
    if !wanted.is_empty() {
        if let Some(v) = softphone_violation(&roles) {
            return Err(Error::Rules(vec![v]));
        }
    }
    let held = devices::softphones_of(&mut tx, user_id).await?;
    let added: Vec<&DeviceId> = wanted.iter().filter(|d| !held.contains(d)).collect();
    let removed: Vec<&DeviceId> = held.iter().filter(|d| !wanted.contains(d)).collect();
    if !(added.is_empty() && removed.is_empty()) {
        for id in &added {
            devices::assign(&mut tx, id, Some(user_id)).await?;
        }
        for id in &removed {
            devices::assign(&mut tx, id, None).await?;
        }
        users::touch(&mut tx, user_id).await?;
        let changes = json!({ "devicesAdded": added, "devicesRemoved": removed });
        audit::record(
            &mut tx,
            audit::Entry::by(&caller.user, &tenant.id, Some(user_id), AuditAction::UserDevices, changes),
        )
        .await?;
    }
    let row = users::get_in_tenant(&mut tx, &tenant.id, user_id).await?.ok_or(Error::NotFound)?;
    let user = users::to_api_on(&mut tx, row, &tenant.id).await?;
    tx.commit().await?;
    Ok(user)
}
