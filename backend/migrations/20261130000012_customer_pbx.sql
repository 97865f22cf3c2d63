-- A customer's PBX connection (SPEC 2): its platform, where its directory is
-- and the credential to read it. The secret is write-only in the API.
ALTER TABLE tenants ADD COLUMN pbx_kind TEXT;
ALTER TABLE tenants ADD COLUMN pbx_base_url TEXT;
ALTER TABLE tenants ADD COLUMN pbx_account_id TEXT;
ALTER TABLE tenants ADD COLUMN pbx_secret TEXT;
