-- Bumped by every write in the tenant (in the write's transaction), so a
-- cached read of the tenant's users is fresh exactly while it matches.
ALTER TABLE tenants ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
