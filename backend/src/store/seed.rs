//! Demo data written straight into the tables: a platform, the reseller
//! "Northwind Telecom" and its customers "Acme Ltd" (FR) and "Globex" (GB);
//! and bulk users or customers for benchmarks.

use sqlx::{Any, Transaction};
use switchboard_shared::{DeviceId, TenantId, UserId};

use super::{new_id, search, users::email_key, Db};

const ESSENTIAL: &str = "customer.user.pbx";
const ESSENTIAL_GB: &str = "customer.user.uc.essential";
const REALTIME: &str = "customer.user.pbx.realtime";

struct DemoUser<'a> {
    name: &'a str,
    email: &'a str,
    roles: &'a [&'a str],
    status: &'a str,
    extension: Option<&'a str>,
    service: bool,
    softphone: bool,
}

const fn person<'a>(
    name: &'a str,
    email: &'a str,
    roles: &'a [&'a str],
    status: &'a str,
    extension: Option<&'a str>,
) -> DemoUser<'a> {
    DemoUser { name, email, roles, status, extension, service: false, softphone: false }
}

const ADMIN: &[&str] = &["customer.user", "user.admin", "customer.settings"];
const ADMIN_SUPERVISOR: &[&str] =
    &["customer.user", "user.admin", "customer.user.supervisorl2", "customer.billables.admin"];
const AGENT: &[&str] = &["customer.user", "customer.user.uc", ESSENTIAL, REALTIME, "customer.user.acd"];
const PRO: &[&str] = &[
    "customer.user",
    "customer.user.uc",
    "customer.user.uc.remote",
    "customer.user.uc.softphone",
    ESSENTIAL,
    REALTIME,
];
const SUPERVISOR_L3: &[&str] =
    &["customer.user", "customer.user.supervisorl3", ESSENTIAL, REALTIME, "pbx.silentmonitor"];
const SUPERVISOR_L1: &[&str] = &["customer.user", "customer.user.supervisorl1", "recording.listener"];
const IMPORTED: &[&str] = &[ESSENTIAL, REALTIME];
const TEAMS: &[&str] = &["customer.user", "customer.user.microsoftteams", "customer.user.crm"];
const DEVICES: &[&str] = &["customer.user", "customer.device.admin", "customer.voice.admin"];

fn acme_users() -> Vec<DemoUser<'static>> {
    vec![
        person("Alice Martin", "admin@acme.example", ADMIN, "active", Some("100")),
        person("Bruno Lefèvre", "admin2@acme.example", ADMIN_SUPERVISOR, "active", Some("101")),
        person("Chloé Dubois", "admin3@acme.example", ADMIN, "active", Some("102")),
        person("Damien Moreau", "damien.moreau@acme.example", AGENT, "active", Some("110")),
        person("Élodie Laurent", "elodie.laurent@acme.example", AGENT, "active", Some("111")),
        person("Fabien Simon", "fabien.simon@acme.example", AGENT, "active", Some("112")),
        person("Gaëlle Michel", "gaelle.michel@acme.example", AGENT, "invited", Some("113")),
        DemoUser { softphone: true, ..person("Hugo Garcia", "hugo.garcia@acme.example", PRO, "active", Some("120")) },
        DemoUser {
            softphone: true, ..person("Inès Bernard", "ines.bernard@acme.example", PRO, "active", Some("121"))
        },
        person("Julien Petit", "julien.petit@acme.example", PRO, "blocked", Some("122")),
        person("Karine Roux", "karine.roux@acme.example", SUPERVISOR_L3, "active", Some("130")),
        person("Louis Fournier", "louis.fournier@acme.example", SUPERVISOR_L1, "active", Some("131")),
        person("Manon Girard", "manon.girard@acme.example", IMPORTED, "invited", Some("140")),
        person("Nicolas Bonnet", "nicolas.bonnet@acme.example", IMPORTED, "invited", Some("141")),
        person("Océane Dupont", "oceane.dupont@acme.example", IMPORTED, "invited", Some("142")),
        person("Pierre Lambert", "pierre.lambert@acme.example", TEAMS, "active", None),
        person("Quentin Fontaine", "quentin.fontaine@acme.example", TEAMS, "invited", None),
        person("Rose Chevalier", "rose.chevalier@acme.example", DEVICES, "active", Some("150")),
        person(
            "Sébastien Robin",
            "sebastien.robin@acme.example",
            &["customer.user", "customer.directories.contributor"],
            "active",
            None,
        ),
        person("Théo Masson", "theo.masson@acme.example", &["customer.user", "customer.user.crm"], "blocked", None),
        person("Ursula Blanc", "ursula.blanc@acme.example", AGENT, "active", Some("114")),
        DemoUser {
            service: true,
            ..person("CRM integration", "crm-sync@acme.example", &["customer.user", "webhooks.admin"], "active", None)
        },
    ]
}

fn globex_users() -> Vec<DemoUser<'static>> {
    vec![
        person("Hank Scorpio", "admin@globex.example", ADMIN, "active", Some("200")),
        person(
            "Mindy Simmons",
            "mindy.simmons@globex.example",
            &["customer.user", "customer.user.uc", ESSENTIAL_GB, "customer.user.acd"],
            "active",
            Some("210"),
        ),
        person("Frank Grimes", "frank.grimes@globex.example", &[ESSENTIAL_GB], "invited", Some("211")),
        person(
            "Lenny Leonard",
            "lenny.leonard@globex.example",
            &["customer.user", "customer.user.supervisorl2"],
            "active",
            Some("220"),
        ),
        person(
            "Carl Carlson",
            "carl.carlson@globex.example",
            &["customer.user", "customer.user.microsoftteams"],
            "blocked",
            None,
        ),
    ]
}

/// Whether the database has no tenant yet.
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let (tenants,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tenants").fetch_one(db).await?;
    Ok(tenants == 0)
}

/// Seeds the demo into a database that has no tenants yet, every account
/// with this password hash; false when it already had data.
pub async fn demo_if_empty(db: &Db, hash: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !lock_empty(&mut tx).await? {
        return Ok(false);
    }
    demo(&mut tx, hash).await?;
    tx.commit().await?;
    Ok(true)
}

/// Seeds the platform and its first administrator, invited at `email`, into
/// a database that has no tenants yet: their activation token, or `None`
/// when it already had data.
pub async fn admin_if_empty(db: &Db, email: &str) -> Result<Option<String>, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !lock_empty(&mut tx).await? {
        return Ok(None);
    }
    let platform = tenant(&mut tx, None, "platform", "Switchboard", None, None).await?;
    let admin = person("Administrator", email, &["platform.admin"], "invited", None);
    let id = user(&mut tx, &platform, &admin, None, "UTC").await?;
    let token = super::password_links::issue(&mut tx, &id, super::password_links::Purpose::Activation).await?;
    tx.commit().await?;
    Ok(Some(token))
}

/// Takes the lock that seeding holds and tells whether there are no tenants.
/// Several instances may start on one new database at once: the first to
/// take the lock seeds, the others find its data and leave it.
async fn lock_empty(tx: &mut Transaction<'_, Any>) -> Result<bool, sqlx::Error> {
    let lock = match tx.backend_name() {
        "PostgreSQL" => "SELECT pg_advisory_xact_lock(738201)",
        // A write statement takes SQLite's single write lock for the transaction.
        _ => "UPDATE tenants SET generation = generation WHERE id IS NULL",
    };
    sqlx::query(lock).execute(&mut **tx).await?;
    let (tenants,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tenants").fetch_one(&mut **tx).await?;
    Ok(tenants == 0)
}

async fn demo(tx: &mut Transaction<'_, Any>, hash: &str) -> Result<(), sqlx::Error> {
    let platform = tenant(tx, None, "platform", "Switchboard", None, None).await?;
    let northwind = tenant(tx, Some(&platform), "reseller", "Northwind Telecom", Some("NW"), None).await?;
    let acme = tenant(tx, Some(&northwind), "customer", "Acme Ltd", Some("ACME-001"), Some("FR")).await?;
    let globex = tenant(tx, Some(&northwind), "customer", "Globex", Some("GLOBEX-001"), Some("GB")).await?;
    for (id, zone) in [(&acme, "Europe/Paris"), (&globex, "Europe/London")] {
        sqlx::query("UPDATE tenants SET default_time_zone = $2 WHERE id = $1")
            .bind(id)
            .bind(zone)
            .execute(&mut **tx)
            .await?;
    }

    let operator = person("Olivia Operator", "ops@switchboard.example", &["platform.admin"], "active", None);
    let staff = person("Sam Staff", "staff@northwind.example", &["reseller.admin"], "active", None);
    user(tx, &platform, &operator, Some(hash), "UTC").await?;
    user(tx, &northwind, &staff, Some(hash), "Europe/London").await?;
    for (i, u) in acme_users().iter().enumerate() {
        let id = user(tx, &acme, u, Some(hash), "Europe/Paris").await?;
        if u.softphone {
            device(tx, &acme, &format!("Softphone {}", u.name), "softphone", &format!("sip:{}", u.email), Some(&id))
                .await?;
        }
        if u.extension.is_some() && i % 4 == 0 {
            device(
                tx,
                &acme,
                &format!("Desk phone {}", u.extension.unwrap_or_default()),
                "deskphone",
                &format!("00:1A:2B:3C:4D:{i:02X}"),
                Some(&id),
            )
            .await?;
        }
    }
    device(tx, &acme, "Spare softphone", "softphone", "sip:spare@acme.example", None).await?;
    // Acme is in France: its people read their e-mail in French.
    sqlx::query("UPDATE users SET language = 'fr' WHERE tenant_id = $1").bind(&acme).execute(&mut **tx).await?;
    for u in globex_users() {
        user(tx, &globex, &u, Some(hash), "Europe/London").await?;
    }
    Ok(())
}

async fn tenant(
    tx: &mut Transaction<'_, Any>,
    parent: Option<&TenantId>,
    kind: &str,
    name: &str,
    reference: Option<&str>,
    region: Option<&str>,
) -> Result<TenantId, sqlx::Error> {
    let id: TenantId = new_id();
    sqlx::query("INSERT INTO tenants (id, parent_id, kind, name, reference, region, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(parent)
        .bind(kind)
        .bind(name)
        .bind(reference)
        .bind(region)
        .bind(crate::time::now_text())
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

async fn user(
    tx: &mut Transaction<'_, Any>,
    tenant: &TenantId,
    u: &DemoUser<'_>,
    hash: Option<&str>,
    time_zone: &str,
) -> Result<UserId, sqlx::Error> {
    let id: UserId = new_id();
    let now = crate::time::now_text();
    // Invited users have not set a password yet.
    let hash = hash.filter(|_| u.status != "invited" && !u.service);
    sqlx::query(
        "INSERT INTO users (id, tenant_id, display_name, name_key, email, email_key, status, time_zone, \
         extension, service_user, password_hash, created_at, updated_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 1)",
    )
    .bind(&id)
    .bind(tenant)
    .bind(u.name)
    .bind(u.name.to_lowercase())
    .bind(u.email)
    .bind(email_key(u.email))
    .bind(u.status)
    .bind(time_zone)
    .bind(u.extension)
    .bind(i64::from(u.service))
    .bind(hash)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    search::index(tx, tenant, &id, &[u.name, u.email, u.extension.unwrap_or("")]).await?;
    for role in u.roles {
        sqlx::query("INSERT INTO user_roles (user_id, role, tenant_id) VALUES ($1, $2, $3)")
            .bind(&id)
            .bind(*role)
            .bind(tenant)
            .execute(&mut **tx)
            .await?;
    }
    super::users::counts::user(tx, &id, 1).await?;
    Ok(id)
}

async fn device(
    tx: &mut Transaction<'_, Any>,
    tenant: &TenantId,
    name: &str,
    kind: &str,
    identifier: &str,
    user: Option<&UserId>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO devices (id, tenant_id, name, kind, identifier, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(new_id::<DeviceId>())
        .bind(tenant)
        .bind(name)
        .bind(kind)
        .bind(identifier)
        .bind(user)
        .bind(crate::time::now_text())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Role sets the bulk users cycle through; each obeys the rules in a tenant
/// whose essential users must hold the real-time add-on.
const BULK_ROLES: &[&[&str]] = &[AGENT, PRO, IMPORTED, TEAMS, SUPERVISOR_L1, &["customer.user", "customer.user.crm"]];

/// `switchboard seed-users <tenant name> <count>`: adds `count` users to a
/// tenant in one transaction (for benchmarks). `None` when there is no such tenant.
pub async fn bulk_users(db: &Db, tenant_name: &str, count: usize) -> Result<Option<usize>, sqlx::Error> {
    let tenant: Option<TenantId> = sqlx::query_scalar("SELECT id FROM tenants WHERE name = $1 AND kind = 'customer'")
        .bind(tenant_name)
        .fetch_optional(db)
        .await?;
    let Some(tenant) = tenant else { return Ok(None) };
    let (existing,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM users WHERE tenant_id = $1").bind(&tenant).fetch_one(db).await?;
    let mut tx = db.begin().await?;
    members(&mut tx, &tenant, existing as usize, count).await?;
    tx.commit().await?;
    analyze(db).await?;
    Ok(Some(count))
}

/// Bulk users `first..first + count` of a tenant. They have no password:
/// they exist to be listed, searched and patched.
async fn members(
    tx: &mut Transaction<'_, Any>,
    tenant: &TenantId,
    first: usize,
    count: usize,
) -> Result<(), sqlx::Error> {
    super::tenants::bump_generation(tx, tenant).await?;
    // The random end of the tenant's id keeps e-mails apart across tenants.
    let domain = tenant.as_str().get(tenant.as_str().len().saturating_sub(8)..).unwrap_or("tenant");
    for n in first..first + count {
        let email = format!("user{n:05}@bulk.{domain}.example");
        let name = format!("{} {} {n:05}", FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
        let extension = format!("{}", 20_000 + n);
        // A new tenant's first is its administrator: until one exists the
        // rules refuse every other change.
        let (roles, status) = match n {
            0 => (ADMIN, "active"),
            _ if n.is_multiple_of(10) => (BULK_ROLES[n % BULK_ROLES.len()], "invited"),
            _ => (BULK_ROLES[n % BULK_ROLES.len()], "active"),
        };
        let u = person(&name, &email, roles, status, Some(&extension));
        user(tx, tenant, &u, None, "Europe/Paris").await?;
    }
    Ok(())
}

/// Fresh statistics and visibility after a bulk load on PostgreSQL, as
/// autovacuum would gather later: without them it plans the tenant queries
/// badly and reads the table beside each index. Not on
/// SQLite, which gathers none by itself: there the statistics would make
/// every statement whose plan a bound value could change be prepared again
/// at each run (its STAT4), and the list's plans are fixed by its queries.
async fn analyze(db: &Db) -> Result<(), sqlx::Error> {
    let mut conn = db.acquire().await?;
    if conn.backend_name() == "PostgreSQL" {
        sqlx::query("VACUUM ANALYZE").execute(&mut *conn).await?;
    }
    Ok(())
}

/// `switchboard seed-customers <reseller name> <count> [users each]`: adds
/// `count` customers under a reseller, each with `users_each` bulk users, in
/// one transaction (for benchmarks of the tenant switcher and of many
/// tenants). `None` when there is no such reseller.
pub async fn bulk_customers(
    db: &Db,
    reseller_name: &str,
    count: usize,
    users_each: usize,
) -> Result<Option<usize>, sqlx::Error> {
    let reseller: Option<TenantId> = sqlx::query_scalar("SELECT id FROM tenants WHERE name = $1 AND kind = 'reseller'")
        .bind(reseller_name)
        .fetch_optional(db)
        .await?;
    let Some(reseller) = reseller else { return Ok(None) };
    let (existing,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM tenants WHERE parent_id = $1").bind(&reseller).fetch_one(db).await?;
    let mut tx = db.begin().await?;
    for i in 0..count {
        let n = existing as usize + i;
        let name = format!("{} {} {n:05}", LAST[n % LAST.len()], TRADES[(n / LAST.len()) % TRADES.len()]);
        let id = tenant(&mut tx, Some(&reseller), "customer", &name, Some(&format!("BULK-{n:05}")), Some("FR")).await?;
        if users_each > 0 {
            members(&mut tx, &id, 0, users_each).await?;
        }
    }
    tx.commit().await?;
    analyze(db).await?;
    Ok(Some(count))
}

const TRADES: &[&str] = &["Bakery", "Clinic", "Freight", "Hotel", "Legal", "Motors", "Print", "Studio"];

const FIRST: &[&str] =
    &["Ada", "Boris", "Chen", "Dara", "Emil", "Fatou", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena"];
const LAST: &[&str] = &["Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka", "Urban", "Vidal"];
