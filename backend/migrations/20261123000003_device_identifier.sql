-- A device is known by its MAC address or SIP user: one per tenant.
CREATE UNIQUE INDEX devices_tenant_identifier ON devices (tenant_id, identifier);
