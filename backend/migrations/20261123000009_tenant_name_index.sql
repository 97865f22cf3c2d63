-- The tenant switcher reads tenants in (name, id) order: by parent for
-- reseller staff, across the whole tree for the platform.
DROP INDEX tenants_parent;
CREATE INDEX tenants_parent ON tenants (parent_id, name, id);
CREATE INDEX tenants_name ON tenants (name, id);
