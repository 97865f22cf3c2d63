-- When a refresh token was spent: a second presentation moments later is two
-- tabs racing with one cookie, not a replay (store/sessions.rs).
ALTER TABLE refresh_tokens ADD COLUMN used_at TEXT;
