-- The web interface's sign-ins: one row per browser session. The cookie holds a random secret;
-- the row holds only its SHA-256 (as api_tokens do), so a copy of the database signs nobody in.
-- Sign-out deletes the row, removing a user deletes its rows, and expired rows are swept away.
CREATE TABLE web_sessions (
    id_hash     TEXT    NOT NULL PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
