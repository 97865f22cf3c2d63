-- Passkeys (WebAuthn): each credential as webauthn-rs keeps it (JSON: its id,
-- public key and signature counter; nothing secret), found by its id when a
-- discoverable sign-in names it.
CREATE TABLE passkeys (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    credential    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- A WebAuthn ceremony between its start and its finish, so that any
-- instance can finish what another started: the state webauthn-rs needs
-- back (its challenge), found by the SHA-256 of the ceremony's id, used
-- once, for five minutes. `user_id` is whom it is for (none for a
-- discoverable sign-in, whose credential names the person).
CREATE TABLE webauthn_ceremonies (
    id_hash    TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    TEXT REFERENCES users (id) ON DELETE CASCADE,
    state      TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX webauthn_ceremonies_expiry ON webauthn_ceremonies (expires_at);
