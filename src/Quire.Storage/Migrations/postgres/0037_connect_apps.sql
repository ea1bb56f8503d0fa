-- Connect apps a site admin installed by descriptor (the UPM REST API, `quire app install`).
--
-- connect_apps: one row per installed app. shared_secret is kept as given to the app (not hashed):
-- Quire must use it again, to verify the app's HS256 JWTs and to sign what it sends the app
-- (lifecycle callbacks, webhooks). client_key identifies this installation (the JWTs' iss);
-- oauth_client_id is the issuer of the app's user-impersonation assertions. user_id is the app's own
-- user (users.account_type 'app'), which the app's requests act as. descriptor is the JSON as installed.
-- scopes: the descriptor's scopes, upper case, space separated.
CREATE TABLE connect_apps (
    app_key         TEXT    NOT NULL PRIMARY KEY,
    client_key      TEXT    NOT NULL UNIQUE,
    oauth_client_id TEXT    NOT NULL UNIQUE,
    shared_secret   TEXT    NOT NULL,
    base_url        TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    descriptor      TEXT    NOT NULL,
    scopes          TEXT    NOT NULL,
    enabled         BOOLEAN NOT NULL,
    user_id         BIGINT  NOT NULL REFERENCES users (id),
    installed_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    installed_at    BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

-- Modules an app registered at run time (Dynamic modules): its descriptor's own modules stay in the
-- descriptor. A module key is unique per app across both.
CREATE TABLE connect_app_modules (
    app_key     TEXT    NOT NULL REFERENCES connect_apps (app_key) ON DELETE CASCADE,
    module_key  TEXT    NOT NULL,
    module_type TEXT    NOT NULL,
    module      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (app_key, module_key)
);

-- Access tokens issued to apps with ACT_AS_USER (the user-impersonation flow): only a SHA-256 of the
-- token is stored; the token acts as user_id, narrowed by scopes (the app's, or fewer it asked for), until expires_at.
CREATE TABLE connect_access_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    app_key    TEXT    NOT NULL REFERENCES connect_apps (app_key) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scopes     TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX ix_connect_access_tokens_app ON connect_access_tokens (app_key);

-- The RSA keys that sign installed/uninstalled callbacks (RS256 with kid, as Connect's signed install):
-- apps fetch the public key by kid from Quire. Kept in the database so every node signs with, and
-- publishes, the same keys.
CREATE TABLE connect_install_keys (
    kid         TEXT    NOT NULL PRIMARY KEY,
    private_key TEXT    NOT NULL,
    public_key  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

-- An app's user says so (v1 accountType / v2 accountType "app"); everybody else is 'atlassian'.
ALTER TABLE users ADD COLUMN account_type TEXT NOT NULL DEFAULT 'atlassian';

-- A descriptor webhook declared excludeBody: its requests carry no event body.
ALTER TABLE webhooks ADD COLUMN exclude_body BOOLEAN NOT NULL DEFAULT FALSE;
