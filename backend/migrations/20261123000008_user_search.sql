-- The users search index: the words of a user's name, e-mail, extension and
-- external id, folded to lower-case ASCII (see store/search.rs). Filled for
-- existing users by the backend on its first start after this migration.
CREATE TABLE user_search (
    tenant_id TEXT NOT NULL,
    word      TEXT NOT NULL,
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (tenant_id, word, user_id)
);
CREATE INDEX user_search_user ON user_search (user_id);
