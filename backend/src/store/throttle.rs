//! The throttle's windows when they are shared by every instance
//! (PostgreSQL): one row per key, counted by an upsert that locks it.

use super::Db;

/// One failure more in each window, all or none: when one of them was
/// already at its limit, nothing is counted and the answer is the start of
/// the last such window to end. A window that started at
/// or before `expired_ms` starts again at `now_ms`. Keys are counted in
/// order, so concurrent attempts lock the rows in one order.
pub async fn take(
    db: &Db,
    limits: &[(String, u32)],
    now_ms: i64,
    expired_ms: i64,
) -> Result<Result<(), i64>, sqlx::Error> {
    let mut sorted: Vec<&(String, u32)> = limits.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut tx = db.begin().await?;
    let mut locked: Option<i64> = None;
    for (key, limit) in sorted {
        let (failures, started): (i64, i64) = sqlx::query_as(
            "INSERT INTO throttle_windows (key, started_ms, failures) VALUES ($1, $2, 1) \
             ON CONFLICT (key) DO UPDATE SET \
               started_ms = CASE WHEN throttle_windows.started_ms <= $3 THEN $2 ELSE throttle_windows.started_ms END, \
               failures = CASE WHEN throttle_windows.started_ms <= $3 THEN 1 ELSE throttle_windows.failures + 1 END \
             RETURNING failures, started_ms",
        )
        .bind(key)
        .bind(now_ms)
        .bind(expired_ms)
        .fetch_one(&mut *tx)
        .await?;
        if failures > i64::from(*limit) {
            locked = locked.max(Some(started));
        }
    }
    if let Some(started) = locked {
        tx.rollback().await?;
        return Ok(Err(started));
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// Takes one failure back from each window.
pub async fn give_back(db: &Db, keys: &[String]) -> Result<(), sqlx::Error> {
    for key in keys {
        sqlx::query("UPDATE throttle_windows SET failures = failures - 1 WHERE key = $1 AND failures > 0")
            .bind(key)
            .execute(db)
            .await?;
    }
    Ok(())
}

pub async fn clear(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM throttle_windows WHERE key = $1").bind(key).execute(db).await.map(drop)
}

/// Drops the windows that started at or before `expired_ms`.
pub async fn forget_expired(db: &Db, expired_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM throttle_windows WHERE started_ms <= $1").bind(expired_ms).execute(db).await.map(drop)
}
