-- The audit trail: written in the same transaction as the change it records.
CREATE TABLE audit_events (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    actor_id    TEXT,
    actor_email TEXT,
    user_id     TEXT,
    action      TEXT NOT NULL,
    changes     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id);
CREATE INDEX audit_events_user ON audit_events (tenant_id, user_id, id);
