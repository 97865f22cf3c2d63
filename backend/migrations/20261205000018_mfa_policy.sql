-- Each tenant's own multi-factor policy (off, optional, requiredForAdmins,
-- required); the policy in force is the strictest of a tenant's and its
-- ancestors'.
ALTER TABLE tenants ADD COLUMN mfa_policy TEXT NOT NULL DEFAULT 'optional';
