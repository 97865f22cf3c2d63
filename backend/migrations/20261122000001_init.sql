-- One schema for SQLite and PostgreSQL: only TEXT and BIGINT columns (booleans
-- are 0/1), ids are opaque generated strings, timestamps RFC 3339 UTC text.

CREATE TABLE tenants (
    id              TEXT PRIMARY KEY,
    parent_id       TEXT REFERENCES tenants (id),
    kind            TEXT NOT NULL CHECK (kind IN ('platform', 'reseller', 'customer')),
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    reference       TEXT,
    region          TEXT,
    auto_assign_acd BIGINT NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
CREATE INDEX tenants_parent ON tenants (parent_id, name);
CREATE UNIQUE INDEX tenants_reference ON tenants (parent_id, reference);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    display_name  TEXT NOT NULL,
    -- Lower-cased display name: the sort key, the same on both databases.
    name_key      TEXT NOT NULL,
    email         TEXT NOT NULL,
    -- The login: unique across the platform, case-insensitively.
    email_key     TEXT NOT NULL UNIQUE,
    status        TEXT NOT NULL CHECK (status IN ('invited', 'active', 'blocked')),
    time_zone     TEXT NOT NULL,
    external_id   TEXT,
    substitute_id TEXT REFERENCES users (id),
    extension     TEXT,
    service_user  BIGINT NOT NULL DEFAULT 0,
    password_hash TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL
);
CREATE INDEX users_tenant_name ON users (tenant_id, name_key, id);
CREATE UNIQUE INDEX users_tenant_extension ON users (tenant_id, extension);
CREATE UNIQUE INDEX users_tenant_external_id ON users (tenant_id, external_id);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role ON user_roles (role, user_id);

CREATE TABLE devices (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('softphone', 'deskphone')),
    identifier TEXT NOT NULL,
    -- A device is assigned to at most one user.
    user_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX devices_tenant ON devices (tenant_id, name);
CREATE INDEX devices_user ON devices (user_id);

-- Access-token signing keys, shared by every instance on one database.
CREATE TABLE signing_keys (
    kid        TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Refresh tokens, stored as SHA-256 of the opaque token. A family is every
-- token descended from one login.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used       BIGINT NOT NULL DEFAULT 0,
    revoked    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
