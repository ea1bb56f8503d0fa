-- OAuth 2.0 (3LO): apps a site admin registers, each user's consent to an app (a grant), and what the
-- token endpoint hands out. Secrets are never stored: only a SHA-256 of a client secret, code or token.
--
-- oauth_apps.callback_urls: the registered redirect URIs, one per line; scopes: the scopes the app may
-- ask for, space-separated (as OAuth writes them; neither holds a space or a line break).
CREATE TABLE oauth_apps (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id     TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    secret_hash   TEXT    NOT NULL,
    callback_urls TEXT    NOT NULL,
    scopes        TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX ix_oauth_apps_name ON oauth_apps (name, id);

-- A user's consent to an app: the scopes accepted last. Revoking it (or deleting the app) removes, by
-- cascade, every code and token issued under it.
CREATE TABLE oauth_grants (
    app_id     INTEGER NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scopes     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, user_id)
);
CREATE INDEX ix_oauth_grants_user ON oauth_grants (user_id, app_id);

-- A token family: the tokens that descend from one authorization code through refresh-token rotation.
-- A rotated refresh token presented again revokes its whole family (RFC 6819 5.2.2.3). expires_at is
-- the family's absolute end, however often it is refreshed.
CREATE TABLE oauth_token_families (
    id         TEXT    PRIMARY KEY,
    app_id     INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    scopes     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (app_id, user_id) REFERENCES oauth_grants (app_id, user_id) ON DELETE CASCADE
);
CREATE INDEX ix_oauth_token_families_grant ON oauth_token_families (app_id, user_id);

-- Authorization codes: single use, short-lived, bound to the app and the redirect URI. An exchanged code
-- keeps its row (family_id set) until it expires, so presenting it again revokes what it was exchanged for.
CREATE TABLE oauth_codes (
    code_hash    TEXT    PRIMARY KEY,
    app_id       INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    redirect_uri TEXT    NOT NULL,
    scopes       TEXT    NOT NULL,
    family_id    TEXT,
    expires_at   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    FOREIGN KEY (app_id, user_id) REFERENCES oauth_grants (app_id, user_id) ON DELETE CASCADE
);
CREATE INDEX ix_oauth_codes_expiry ON oauth_codes (expires_at);
CREATE INDEX ix_oauth_codes_grant ON oauth_codes (app_id, user_id);

-- Access and refresh tokens. rotated_at: a refresh token already exchanged (kept until it expires, to
-- recognise its reuse).
CREATE TABLE oauth_tokens (
    token_hash TEXT    PRIMARY KEY,
    family_id  TEXT    NOT NULL REFERENCES oauth_token_families (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('access', 'refresh')),
    expires_at INTEGER NOT NULL,
    rotated_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_oauth_tokens_family ON oauth_tokens (family_id);
CREATE INDEX ix_oauth_tokens_expiry ON oauth_tokens (expires_at);
