-- When the person last proved who they are in this session (password and,
-- with one, second factor): at sign-in, then at each re-authentication.
-- Sensitive changes need it within the last five minutes (step-up).
ALTER TABLE sessions ADD COLUMN authenticated_at TEXT;
