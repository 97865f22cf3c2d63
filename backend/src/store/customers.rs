//! Customer tenants with their details, settings and PBX connection.

use sqlx::{AnyConnection, FromRow};
use switchboard_shared::{Customer, CustomerSettings, MfaPolicy, PbxConnection, PbxKind, TenantId};

use super::{
    columns::{Flag, Policy},
    sql::Args,
    Db,
};

const COLUMNS: &str = "id, parent_id, name, description, reference, region, auto_assign_acd, default_time_zone, \
                       pbx_kind, pbx_base_url, pbx_account_id, pbx_secret, created_at, mfa_policy";

/// No `Debug`: the row holds the PBX secret, which is never logged.
#[derive(Clone, FromRow)]
pub struct CustomerRow {
    pub id: TenantId,
    /// The reseller (a customer always has one).
    pub parent_id: TenantId,
    pub name: String,
    pub description: String,
    pub reference: Option<String>,
    pub region: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub auto_assign_acd: bool,
    pub default_time_zone: Option<String>,
    pub pbx_kind: Option<String>,
    pub pbx_base_url: Option<String>,
    pub pbx_account_id: Option<String>,
    pub pbx_secret: Option<String>,
    pub created_at: String,
    /// The customer's own MFA policy (its reseller's may be stricter).
    #[sqlx(try_from = "Policy")]
    pub mfa_policy: MfaPolicy,
}

/// What a connector needs to reach a customer's PBX.
pub struct PbxTarget {
    pub kind: PbxKind,
    pub base_url: String,
    pub account_id: String,
    pub secret: Option<String>,
}

impl CustomerRow {
    pub fn pbx(&self) -> Option<PbxTarget> {
        Some(PbxTarget {
            kind: PbxKind::parse(self.pbx_kind.as_deref()?)?,
            base_url: self.pbx_base_url.clone()?,
            account_id: self.pbx_account_id.clone()?,
            secret: self.pbx_secret.clone(),
        })
    }

    pub fn to_api(&self) -> Customer {
        Customer {
            id: self.id.clone(),
            reseller_id: self.parent_id.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            reference: self.reference.clone(),
            region: self.region.clone(),
            pbx: self.pbx().map(|p| PbxConnection {
                kind: p.kind,
                base_url: p.base_url,
                account_id: p.account_id,
                has_secret: p.secret.is_some(),
            }),
            settings: CustomerSettings {
                auto_assign_acd: self.auto_assign_acd,
                default_time_zone: self.default_time_zone.clone(),
                mfa: self.mfa_policy,
            },
            created_at: self.created_at.clone(),
        }
    }
}

pub async fn get(conn: &mut AnyConnection, id: &TenantId) -> Result<Option<CustomerRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM tenants WHERE id = $1 AND kind = 'customer'"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// These customers, in the order of `ids`.
pub async fn many(db: &Db, ids: &[TenantId]) -> Result<Vec<CustomerRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut args = Args::default();
    let sql = format!("SELECT {COLUMNS} FROM tenants WHERE kind = 'customer' AND id IN ({})", args.list(ids));
    let mut rows = args.query_as::<CustomerRow>(&sql).fetch_all(db).await?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(rows)
}

/// The customer of this reseller holding this reference, if any.
pub async fn with_reference(
    conn: &mut AnyConnection,
    reseller_id: &TenantId,
    reference: &str,
) -> Result<Option<TenantId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM tenants WHERE parent_id = $1 AND reference = $2")
        .bind(reseller_id)
        .bind(reference)
        .fetch_optional(conn)
        .await
}

pub async fn insert(conn: &mut AnyConnection, c: &CustomerRow) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO tenants (kind, {COLUMNS}) VALUES ('customer', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    );
    bind_all(sqlx::query(&sql), c).execute(conn).await?;
    Ok(())
}

pub async fn update(conn: &mut AnyConnection, c: &CustomerRow) -> Result<(), sqlx::Error> {
    let sql = "UPDATE tenants SET parent_id = $2, name = $3, description = $4, reference = $5, region = $6, \
               auto_assign_acd = $7, default_time_zone = $8, pbx_kind = $9, pbx_base_url = $10, \
               pbx_account_id = $11, pbx_secret = $12, created_at = $13, mfa_policy = $14 WHERE id = $1";
    bind_all(sqlx::query(sql), c).execute(conn).await?;
    Ok(())
}

/// Binds every column, in `COLUMNS` order, as `$1`…`$14`.
fn bind_all<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    c: &'q CustomerRow,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(&c.id)
        .bind(&c.parent_id)
        .bind(&c.name)
        .bind(&c.description)
        .bind(&c.reference)
        .bind(&c.region)
        .bind(i64::from(c.auto_assign_acd))
        .bind(&c.default_time_zone)
        .bind(&c.pbx_kind)
        .bind(&c.pbx_base_url)
        .bind(&c.pbx_account_id)
        .bind(&c.pbx_secret)
        .bind(&c.created_at)
        .bind(c.mfa_policy.as_str())
}
