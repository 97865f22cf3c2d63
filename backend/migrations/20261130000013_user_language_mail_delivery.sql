-- The language a user's e-mail is written in (en, fr, es, ru).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
-- The HTML part of each e-mail, and its delivery: 'stored' (no SMTP server:
-- the outbox is where it goes), 'pending', 'sent' or 'failed' (by SMTP).
ALTER TABLE outbox ADD COLUMN html TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN delivery TEXT NOT NULL DEFAULT 'stored';
ALTER TABLE outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
CREATE INDEX outbox_delivery ON outbox (delivery, id);
