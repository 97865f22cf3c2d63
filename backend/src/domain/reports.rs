//! Read-only views of a tenant: licence usage and the audit trail.

use switchboard_shared::{roles::CATALOGUE, AuditEvent, LicenceCount, LicenceUsage, Page, UserId};

use super::{Domain, Result, TenantScope};
use crate::store::{audit, users};

/// Every licensed role of the catalogue with the number of the tenant's users holding it.
pub async fn licences(d: &Domain, scope: &TenantScope) -> Result<LicenceUsage> {
    let licensed: Vec<&str> = CATALOGUE.iter().filter(|r| r.licensed).map(|r| r.key).collect();
    let counts = users::licence_counts(d.store.db(), &scope.tenant.id, &licensed).await?;
    let licences = licensed
        .iter()
        .map(|role| LicenceCount {
            role: (*role).to_owned(),
            count: counts.iter().find(|(r, _)| r == role).map_or(0, |(_, n)| *n as u64),
        })
        .collect();
    Ok(LicenceUsage { licences })
}

/// The tenant's audit trail (of one user, when named), newest first.
pub async fn audit_trail(
    d: &Domain,
    scope: &TenantScope,
    user_id: Option<&UserId>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<AuditEvent>> {
    Ok(audit::list(d.store.db(), &scope.tenant.id, user_id, limit, cursor).await?)
}
