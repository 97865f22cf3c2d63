-- The time zone new users of a tenant get when none is given (SPEC 3); NULL: UTC.
ALTER TABLE tenants ADD COLUMN default_time_zone TEXT;
