-- Keyset pagination for every sort the users list offers.
CREATE INDEX users_tenant_email ON users (tenant_id, email_key, id);
CREATE INDEX users_tenant_created ON users (tenant_id, created_at, id);
