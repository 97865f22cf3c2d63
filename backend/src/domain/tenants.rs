//! The caller's own view: who they are, and the tenants they may switch to.

use switchboard_shared::{Me, Page, TenantSummary};

use super::{Caller, Domain, Result};
use crate::store::{tenants, users};

/// How many switchable tenants `me` lists; the switcher searches for the rest.
const FIRST_PAGE: i64 = 50;

/// The caller, their tenant, and the first tenants they may switch to.
pub async fn me(d: &Domain, caller: Caller) -> Result<Me> {
    let own = caller.tenant.summary();
    let below = caller.acts_below();
    let switchable = tenants::switchable(d.store.db(), &caller.tenant, below, None, FIRST_PAGE, None).await?;
    let mfa_enrolment_required = caller.must_enrol();
    let user = users::to_api(d.store.db(), caller.user, &own.id).await?;
    Ok(Me { user, tenant: own, tenants: switchable.items, mfa_enrolment_required })
}

/// The tenants the caller may switch to, searched (name or reference) and paged.
pub async fn switchable(
    d: &Domain,
    caller: &Caller,
    q: Option<&str>,
    limit: i64,
    cursor: Option<&str>,
) -> Result<Page<TenantSummary>> {
    Ok(tenants::switchable(d.store.db(), &caller.tenant, caller.acts_below(), q, limit, cursor).await?)
}
