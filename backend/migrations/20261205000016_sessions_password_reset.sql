-- A session is one sign-in: the family of refresh tokens descended from it.
-- Access tokens name it (`sid`), and every request checks it is live, so
-- ending a session ends its access at once. The family id is the session id.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    -- When the refresh token now live expires (each rotation moves it).
    expires_at   TEXT NOT NULL,
    user_agent   TEXT,
    address      TEXT,
    ended        BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions (user_id, created_at);

-- The sign-ins made before sessions were kept.
INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, ended)
SELECT family_id, MIN(user_id), MIN(created_at), MAX(COALESCE(used_at, created_at)), MAX(expires_at), MIN(revoked)
FROM refresh_tokens GROUP BY family_id;

-- Links mailed to set a password: `activation` for a new person, `reset`
-- for a forgotten password. Each purpose only spends its own kind.
ALTER TABLE activation_tokens ADD COLUMN purpose TEXT NOT NULL DEFAULT 'activation';
