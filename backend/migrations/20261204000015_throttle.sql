-- Failed sign-ins and activations per key (an account from an address, an
-- account, an address), kept here on PostgreSQL so that every instance
-- counts against one limit (auth/throttle.rs; SQLite's one instance keeps
-- them in memory).
CREATE TABLE throttle_windows (
    key TEXT PRIMARY KEY,
    started_ms BIGINT NOT NULL,
    failures BIGINT NOT NULL
);
CREATE INDEX throttle_windows_started ON throttle_windows (started_ms);
