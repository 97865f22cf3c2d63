//! The keys that sign access tokens, when none is configured: shared by
//! every instance on the database.

use super::Db;
use crate::auth::tokens::random_token;

/// Adds a first key when there is none (losing the race to another
/// instance is fine: everyone reads the same rows).
pub async fn create_first(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO signing_keys (kid, secret, created_at) \
         SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM signing_keys)",
    )
    .bind(super::new_id::<String>())
    .bind(random_token())
    .bind(crate::time::now_text())
    .execute(db)
    .await?;
    Ok(())
}

/// Every key as (kid, secret, created at), oldest first.
pub async fn all(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT kid, secret, created_at FROM signing_keys ORDER BY created_at, kid").fetch_all(db).await
}

/// Adds a new key; returns its kid.
pub async fn add(db: &Db) -> Result<String, sqlx::Error> {
    let kid = super::new_id();
    sqlx::query("INSERT INTO signing_keys (kid, secret, created_at) VALUES ($1, $2, $3)")
        .bind(&kid)
        .bind(random_token())
        .bind(crate::time::now_text())
        .execute(db)
        .await?;
    Ok(kid)
}
