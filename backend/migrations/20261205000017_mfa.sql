-- Authenticator codes (RFC 6238): one secret per person, enabled once a
-- first code from it was given. `last_step` is the last 30-second step
-- whose code was accepted: no code of it or an earlier step works again.
CREATE TABLE mfa_totp (
    user_id      TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    confirmed_at TEXT,
    last_step    BIGINT NOT NULL DEFAULT 0
);

-- Single-use recovery codes, kept as their SHA-256.
CREATE TABLE mfa_recovery_codes (
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (user_id, code_hash)
);

-- The second step of a sign-in whose password was right: its token's
-- SHA-256, five minutes, single-use, five codes at most.
CREATE TABLE mfa_challenges (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    spent      BIGINT NOT NULL DEFAULT 0
);
