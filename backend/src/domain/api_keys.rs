//! API keys of service users: created (shown once), listed, revoked, each
//! change audited.

use serde_json::json;
use switchboard_shared::{fields, ApiKey, ApiKeyId, AuditAction, CreatedApiKey, NewApiKey, TenantId, UserId};

use super::{Caller, Domain, Error, Result, TenantScope};
use crate::store::{api_keys, audit, users};

/// The service user the request names, in the tenant; anyone else is refused.
async fn service_user(conn: &mut sqlx::AnyConnection, tenant: &TenantId, user_id: &UserId) -> Result<()> {
    let user = users::get_in_tenant(conn, tenant, user_id).await?.ok_or(Error::NotFound)?;
    if !user.service_user {
        return Err(Error::invalid("not_a_service_user", "only service users have API keys; people sign in"));
    }
    Ok(())
}

pub async fn list(d: &Domain, scope: &TenantScope, user_id: &UserId) -> Result<Vec<ApiKey>> {
    service_user(&mut *d.store.db().acquire().await?, &scope.tenant.id, user_id).await?;
    Ok(api_keys::list(d.store.db(), user_id).await?)
}

/// A new key for the service user; the key itself is in this answer only.
pub async fn create(
    d: &Domain,
    scope: &TenantScope,
    caller: &Caller,
    user_id: &UserId,
    input: NewApiKey,
) -> Result<CreatedApiKey> {
    let name = fields::api_key_name(&input.name).map_err(Error::field)?;
    caller.require_recent_authentication()?;
    let mut tx = d.store.tenant_write(&scope.tenant.id).await?;
    service_user(&mut tx, &scope.tenant.id, user_id).await?;
    let (id, created_at, key) = api_keys::create(&mut tx, user_id, &name).await?;
    let changes = json!({ "apiKey": { "id": id, "name": name } });
    let entry = audit::Entry::by(&caller.user, &scope.tenant.id, Some(user_id), AuditAction::ApiKeyCreated, changes);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(CreatedApiKey { id, name, created_at, key })
}

/// Revokes a key: it stops working at once.
pub async fn revoke(
    d: &Domain,
    scope: &TenantScope,
    caller: &Caller,
    user_id: &UserId,
    key_id: &ApiKeyId,
) -> Result<()> {
    let mut tx = d.store.tenant_write(&scope.tenant.id).await?;
    users::get_in_tenant(&mut tx, &scope.tenant.id, user_id).await?.ok_or(Error::NotFound)?;
    if !api_keys::revoke(&mut tx, user_id, key_id).await? {
        return Err(Error::NotFound);
    }
    let changes = json!({ "apiKey": { "id": key_id } });
    let entry = audit::Entry::by(&caller.user, &scope.tenant.id, Some(user_id), AuditAction::ApiKeyRevoked, changes);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
