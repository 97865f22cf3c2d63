-- When a message whose delivery failed is tried again (NULL: at once).
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
