-- Activation links: single-use, expiring, stored as SHA-256 of the token.
CREATE TABLE activation_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used       BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX activation_tokens_user ON activation_tokens (user_id);

-- E-mail the portal has sent; without an SMTP server this is where it goes.
CREATE TABLE outbox (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    to_address TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX outbox_tenant ON outbox (tenant_id, id);
