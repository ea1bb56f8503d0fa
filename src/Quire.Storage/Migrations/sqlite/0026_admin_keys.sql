-- Admin keys (v2 /admin-key): a site admin turns one on for a while to act with admin-key
-- privileges on v2 calls that send Atl-Confluence-With-Admin-Key: true. One live key per user:
-- enabling again replaces the expiry. A key past expires_at is simply not live; nothing sweeps it.
CREATE TABLE admin_keys (
    user_id    INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    expires_at BIGINT  NOT NULL,
    created_at BIGINT  NOT NULL
);
