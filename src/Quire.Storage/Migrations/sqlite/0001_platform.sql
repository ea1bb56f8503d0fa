-- Platform schema: users, credentials, groups, spaces and their properties, long tasks.
-- Times are Unix epoch milliseconds (UTC) in both engines, so that the same SQL reads
-- them the same way everywhere.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    account_id      TEXT    NOT NULL UNIQUE,
    user_name       TEXT    NOT NULL,
    user_name_lower TEXT    NOT NULL UNIQUE,
    email           TEXT    NOT NULL,
    email_lower     TEXT    NOT NULL UNIQUE,
    display_name    TEXT    NOT NULL,
    password_hash   TEXT,
    time_zone       TEXT    NOT NULL DEFAULT 'UTC',
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_users_display_name ON users (lower(display_name));

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    token_id     TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label        TEXT    NOT NULL,
    secret_hash  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

CREATE TABLE groups (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    name_lower TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE group_members (
    group_id TEXT    NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX ix_group_members_user ON group_members (user_id);

CREATE TABLE user_properties (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, key)
);

CREATE TABLE spaces (
    id                     INTEGER PRIMARY KEY,
    key                    TEXT    NOT NULL,
    key_lower              TEXT    NOT NULL UNIQUE,
    name                   TEXT    NOT NULL,
    type                   TEXT    NOT NULL,
    status                 TEXT    NOT NULL,
    description            TEXT    NOT NULL DEFAULT '',
    homepage_id            INTEGER,
    route_override_enabled INTEGER NOT NULL DEFAULT 0,
    pending_deletion       INTEGER NOT NULL DEFAULT 0,
    created_by             INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at             INTEGER NOT NULL
);
CREATE INDEX ix_spaces_name ON spaces (lower(name));

CREATE TABLE space_permissions (
    id          INTEGER PRIMARY KEY,
    space_id    INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
    group_id    TEXT    REFERENCES groups (id) ON DELETE CASCADE,
    operation   TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
);
CREATE UNIQUE INDEX ux_space_permissions ON space_permissions
    (space_id, COALESCE(user_id, 0), COALESCE(group_id, ''), operation, target_type);
CREATE INDEX ix_space_permissions_user ON space_permissions (user_id, operation, target_type);
CREATE INDEX ix_space_permissions_group ON space_permissions (group_id, operation, target_type);

CREATE TABLE labels (
    id       INTEGER PRIMARY KEY,
    prefix   TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    owner_id INTEGER NOT NULL DEFAULT 0,
    UNIQUE (prefix, name, owner_id)
);

CREATE TABLE space_labels (
    space_id INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (space_id, label_id)
);
CREATE INDEX ix_space_labels_label ON space_labels (label_id);

CREATE TABLE space_properties (
    id              INTEGER PRIMARY KEY,
    space_id        INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    key             TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    version_at      INTEGER NOT NULL,
    version_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version_message TEXT    NOT NULL DEFAULT '',
    minor_edit      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (space_id, key)
);

-- Content is the subject of its own issue; the platform needs its rows for space
-- homepages and for deleting a space with everything in it.
CREATE TABLE content (
    id           INTEGER PRIMARY KEY,
    type         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    space_id     INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    parent_id    INTEGER REFERENCES content (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    title        TEXT    NOT NULL,
    body_storage TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX ix_content_space ON content (space_id, type, status);
CREATE INDEX ix_content_parent ON content (parent_id, position);

CREATE TABLE long_tasks (
    id               TEXT    PRIMARY KEY,
    type             TEXT    NOT NULL,
    name_key         TEXT    NOT NULL,
    name_args        TEXT    NOT NULL DEFAULT '[]',
    payload          TEXT    NOT NULL DEFAULT '{}',
    owner_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status           TEXT    NOT NULL,
    percentage       INTEGER NOT NULL DEFAULT 0,
    finished         INTEGER NOT NULL DEFAULT 0,
    successful       INTEGER NOT NULL DEFAULT 0,
    messages         TEXT    NOT NULL DEFAULT '[]',
    attempts         INTEGER NOT NULL DEFAULT 0,
    claimed_by       TEXT,
    claim_expires_at INTEGER,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER
);
CREATE INDEX ix_long_tasks_pending ON long_tasks (finished, created_at);
CREATE INDEX ix_long_tasks_created ON long_tasks (created_at, id);
