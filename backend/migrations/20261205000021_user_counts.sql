-- The users list without scanning the tenant (issue 20).
-- A role's holders by tenant: a filter on a rarely held role reads them from
-- this index instead of walking every user of the tenant. Users never move
-- between tenants, so the copy of their tenant here cannot go stale.
ALTER TABLE user_roles ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '';
UPDATE user_roles SET tenant_id = (SELECT u.tenant_id FROM users u WHERE u.id = user_roles.user_id);
CREATE INDEX user_roles_tenant ON user_roles (tenant_id, role, user_id);

-- How many of a tenant's users have a status, in all (role '') and among a
-- role's holders: the list's total without counting rows. Kept by the
-- statements that write users and roles (store/users/counts.rs), in the
-- same transaction.
CREATE TABLE user_counts (
    tenant_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    status    TEXT NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, role, status)
);
INSERT INTO user_counts (tenant_id, role, status, n)
    SELECT tenant_id, '', status, COUNT(*) FROM users GROUP BY tenant_id, status;
INSERT INTO user_counts (tenant_id, role, status, n)
    SELECT u.tenant_id, r.role, u.status, COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id
    GROUP BY u.tenant_id, r.role, u.status;

-- A search's second word is tested per user from this index alone (it held
-- the user only, so each test read the table's row).
DROP INDEX user_search_user;
CREATE INDEX user_search_user ON user_search (user_id, word);

-- A rare status (blocked, say) leads the list from here.
CREATE INDEX users_tenant_status ON users (tenant_id, status);
