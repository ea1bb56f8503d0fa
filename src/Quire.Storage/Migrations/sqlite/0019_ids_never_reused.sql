-- quire:foreign-keys-off
-- Ids are never handed out twice. A plain INTEGER PRIMARY KEY gives a new row the largest id plus one, so once the
-- newest page, space or property was deleted its id went to the next one; Confluence never reuses an id, and clients
-- keep them (publishers store page ids in their files). AUTOINCREMENT takes the next id from sqlite_sequence, which
-- only grows. PostgreSQL's identity columns never reuse a value, so this migration is SQLite's alone.
--
-- Rebuilt: every table whose ids a client sees or may keep (content with its comments and attachments, spaces, space
-- permissions, labels, space, content and user properties, templates, inline tasks, custom content states) or that
-- other rows name without a foreign key (users: views, inline tasks; relations and audit records, for the same rule).
-- Left as they are: tables whose ids nobody outside the row sees (api_tokens: tokens are named by their random
-- token_id; content_versions: by number; content_restrictions, global_permissions: by their subject; audit_settings:
-- one row) and tables keyed by text.
--
-- SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt as its ALTER TABLE documentation describes
-- (https://www.sqlite.org/lang_altertable.html, "other kinds of table schema changes"): new table, copy, drop, rename,
-- then its indexes and triggers again. The first line above makes the migrator run this script with foreign keys off
-- (a PRAGMA SQLite ignores inside a transaction, so it is set before the transaction begins): with them on, dropping
-- content would delete every row that references it. Before committing, the migrator runs PRAGMA foreign_key_check and
-- rolls everything back if any reference is broken. The triggers are dropped first and made again last, so no rename
-- meets a trigger naming a table that is, for that moment, gone. Copying keeps every id, and writing the largest into
-- sqlite_sequence is what AUTOINCREMENT does on insert, so no id up to the current largest is handed out again.

DROP TRIGGER IF EXISTS content_search_insert;
DROP TRIGGER IF EXISTS content_search_title;
DROP TRIGGER IF EXISTS content_search_delete;
DROP TRIGGER IF EXISTS content_search_label_added;
DROP TRIGGER IF EXISTS content_search_label_removed;
DROP TRIGGER IF EXISTS relations_content_deleted;
DROP TRIGGER IF EXISTS relations_space_deleted;
DROP TRIGGER IF EXISTS relations_user_deleted;

CREATE TABLE users_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO users_new (id, account_id, user_name, user_name_lower, email, email_lower, display_name, password_hash, time_zone, created_at)
SELECT id, account_id, user_name, user_name_lower, email, email_lower, display_name, password_hash, time_zone, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX ix_users_display_name ON users (lower(display_name));

CREATE TABLE user_properties_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, key)
);
INSERT INTO user_properties_new (id, user_id, key, value, version, created_at, updated_at)
SELECT id, user_id, key, value, version, created_at, updated_at FROM user_properties;
DROP TABLE user_properties;
ALTER TABLE user_properties_new RENAME TO user_properties;

CREATE TABLE spaces_new (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO spaces_new (id, key, key_lower, name, type, status, description, homepage_id, route_override_enabled, pending_deletion,
                        created_by, created_at)
SELECT id, key, key_lower, name, type, status, description, homepage_id, route_override_enabled, pending_deletion,
       created_by, created_at FROM spaces;
DROP TABLE spaces;
ALTER TABLE spaces_new RENAME TO spaces;
CREATE INDEX ix_spaces_name ON spaces (lower(name));
CREATE INDEX ix_spaces_created_by ON spaces (created_by, type);

CREATE TABLE space_permissions_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id    INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
    group_id    TEXT    REFERENCES groups (id) ON DELETE CASCADE,
    anonymous   INTEGER NOT NULL DEFAULT 0,
    operation   TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    CHECK ((user_id IS NOT NULL) + (group_id IS NOT NULL) + (anonymous <> 0) = 1)
);
INSERT INTO space_permissions_new (id, space_id, user_id, group_id, anonymous, operation, target_type)
SELECT id, space_id, user_id, group_id, anonymous, operation, target_type FROM space_permissions;
DROP TABLE space_permissions;
ALTER TABLE space_permissions_new RENAME TO space_permissions;
CREATE UNIQUE INDEX ux_space_permissions ON space_permissions
    (space_id, COALESCE(user_id, 0), COALESCE(group_id, ''), anonymous, operation, target_type);
CREATE INDEX ix_space_permissions_user ON space_permissions (user_id, operation, target_type);
CREATE INDEX ix_space_permissions_group ON space_permissions (group_id, operation, target_type);

CREATE TABLE labels_new (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    prefix   TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    owner_id INTEGER NOT NULL DEFAULT 0,
    UNIQUE (prefix, name, owner_id)
);
INSERT INTO labels_new (id, prefix, name, owner_id) SELECT id, prefix, name, owner_id FROM labels;
DROP TABLE labels;
ALTER TABLE labels_new RENAME TO labels;

CREATE TABLE space_properties_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO space_properties_new (id, space_id, key, value, version, version_at, version_by, version_message, minor_edit)
SELECT id, space_id, key, value, version, version_at, version_by, version_message, minor_edit FROM space_properties;
DROP TABLE space_properties;
ALTER TABLE space_properties_new RENAME TO space_properties;

-- Content keeps its columns in the order migrations 0001 and 0003 gave them.
CREATE TABLE content_new (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    type                TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    space_id            INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    parent_id           INTEGER REFERENCES content (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL DEFAULT 0,
    title               TEXT    NOT NULL,
    body_storage        TEXT    NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    created_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at          INTEGER NOT NULL,
    updated_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at          INTEGER NOT NULL,
    title_lower         TEXT    NOT NULL DEFAULT '',
    container_id        INTEGER REFERENCES content (id) ON DELETE CASCADE,
    comment_location    TEXT,
    inline_properties   TEXT,
    version_message     TEXT    NOT NULL DEFAULT '',
    minor_edit          INTEGER NOT NULL DEFAULT 0,
    posting_day         TEXT,
    status_before_trash TEXT
);
INSERT INTO content_new (id, type, status, space_id, parent_id, position, title, body_storage, version, created_by, created_at,
                         updated_by, updated_at, title_lower, container_id, comment_location, inline_properties, version_message,
                         minor_edit, posting_day, status_before_trash)
SELECT id, type, status, space_id, parent_id, position, title, body_storage, version, created_by, created_at,
       updated_by, updated_at, title_lower, container_id, comment_location, inline_properties, version_message,
       minor_edit, posting_day, status_before_trash FROM content;
DROP TABLE content;
ALTER TABLE content_new RENAME TO content;
CREATE INDEX ix_content_space ON content (space_id, type, status);
CREATE INDEX ix_content_parent_type ON content (parent_id, type, position);
CREATE INDEX ix_content_container ON content (container_id, type, status);
CREATE INDEX ix_content_listing ON content (type, status, id);
CREATE INDEX ix_content_title ON content (title_lower, type, status);
CREATE UNIQUE INDEX ux_content_page_title ON content (space_id, title_lower)
    WHERE type = 'page' AND status = 'current';
CREATE UNIQUE INDEX ux_content_blogpost_title ON content (space_id, posting_day, title_lower)
    WHERE type = 'blogpost' AND status = 'current';
CREATE UNIQUE INDEX ux_content_attachment_title ON content (container_id, title_lower)
    WHERE type = 'attachment' AND status = 'current';

CREATE TABLE content_properties_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    content_id      INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    key             TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    version_at      INTEGER NOT NULL,
    version_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    version_message TEXT    NOT NULL DEFAULT '',
    minor_edit      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (content_id, key)
);
INSERT INTO content_properties_new (id, content_id, key, value, version, version_at, version_by, version_message, minor_edit)
SELECT id, content_id, key, value, version, version_at, version_by, version_message, minor_edit FROM content_properties;
DROP TABLE content_properties;
ALTER TABLE content_properties_new RENAME TO content_properties;

CREATE TABLE relations_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    source_type TEXT    NOT NULL,
    source_id   INTEGER NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   INTEGER NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (name, source_type, source_id, target_type, target_id)
);
INSERT INTO relations_new (id, name, source_type, source_id, target_type, target_id, created_by, created_at)
SELECT id, name, source_type, source_id, target_type, target_id, created_by, created_at FROM relations;
DROP TABLE relations;
ALTER TABLE relations_new RENAME TO relations;
CREATE INDEX ix_relations_by_target ON relations (name, target_type, target_id, source_type, id);
CREATE INDEX ix_relations_source_end ON relations (source_type, source_id);
CREATE INDEX ix_relations_target_end ON relations (target_type, target_id);

CREATE TABLE content_templates_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id      INTEGER REFERENCES spaces (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    template_type TEXT    NOT NULL DEFAULT 'page',
    body_storage  TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    updated_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at    INTEGER NOT NULL
);
INSERT INTO content_templates_new (id, space_id, name, description, template_type, body_storage, created_by, created_at, updated_by, updated_at)
SELECT id, space_id, name, description, template_type, body_storage, created_by, created_at, updated_by, updated_at FROM content_templates;
DROP TABLE content_templates;
ALTER TABLE content_templates_new RENAME TO content_templates;
CREATE INDEX ix_content_templates_space ON content_templates (space_id, name, id);

CREATE TABLE audit_records_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at         INTEGER NOT NULL,
    author_account_id  TEXT,
    author_name        TEXT NOT NULL DEFAULT '',
    author_user_key    TEXT,
    remote_address     TEXT NOT NULL DEFAULT '',
    summary            TEXT NOT NULL DEFAULT '',
    description        TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL DEFAULT '',
    sys_admin          INTEGER NOT NULL,
    super_admin        INTEGER NOT NULL,
    affected_object    TEXT NOT NULL,
    changed_values     TEXT NOT NULL,
    associated_objects TEXT NOT NULL,
    search_text        TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_records_new (id, created_at, author_account_id, author_name, author_user_key, remote_address, summary, description,
                               category, sys_admin, super_admin, affected_object, changed_values, associated_objects, search_text)
SELECT id, created_at, author_account_id, author_name, author_user_key, remote_address, summary, description,
       category, sys_admin, super_admin, affected_object, changed_values, associated_objects, search_text FROM audit_records;
DROP TABLE audit_records;
ALTER TABLE audit_records_new RENAME TO audit_records;
CREATE INDEX ix_audit_records_created ON audit_records (created_at, id);

CREATE TABLE inline_tasks_new (
    global_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    content_id   INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    task_id      TEXT NOT NULL,
    status       TEXT NOT NULL,
    body         TEXT NOT NULL,
    creator_id   INTEGER,
    assignee_id  INTEGER,
    completed_by INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    due_at       INTEGER,
    completed_at INTEGER,
    UNIQUE (content_id, task_id)
);
INSERT INTO inline_tasks_new (global_id, content_id, task_id, status, body, creator_id, assignee_id, completed_by, created_at, updated_at,
                              due_at, completed_at)
SELECT global_id, content_id, task_id, status, body, creator_id, assignee_id, completed_by, created_at, updated_at,
       due_at, completed_at FROM inline_tasks;
DROP TABLE inline_tasks;
ALTER TABLE inline_tasks_new RENAME TO inline_tasks;
CREATE INDEX ix_inline_tasks_status ON inline_tasks (status, content_id);

-- Custom content states start at id 3 (0 to 2 are the default states, kept in code), so the sequence starts at 2 at least.
CREATE TABLE custom_content_states_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    color        TEXT NOT NULL,
    last_used_at INTEGER NOT NULL,
    UNIQUE (owner_id, name, color)
);
INSERT INTO custom_content_states_new (id, owner_id, name, color, last_used_at)
SELECT id, owner_id, name, color, last_used_at FROM custom_content_states;
DROP TABLE custom_content_states;
ALTER TABLE custom_content_states_new RENAME TO custom_content_states;
INSERT INTO sqlite_sequence (name, seq)
SELECT 'custom_content_states', 2 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'custom_content_states');
UPDATE sqlite_sequence SET seq = MAX(seq, 2) WHERE name = 'custom_content_states';

-- The triggers of migrations 0008 (search index) and 0011 (relations), as they were.
CREATE TRIGGER content_search_insert AFTER INSERT ON content BEGIN
    INSERT INTO content_search (rowid, title, body, labels) VALUES (new.id, new.title, CASE WHEN new.body_storage = '' THEN '' END, '');
END;
CREATE TRIGGER content_search_title AFTER UPDATE OF title ON content WHEN new.title IS NOT old.title BEGIN
    UPDATE content_search SET title = new.title WHERE rowid = new.id;
END;
CREATE TRIGGER content_search_delete AFTER DELETE ON content BEGIN
    DELETE FROM content_search WHERE rowid = old.id;
END;
CREATE TRIGGER content_search_label_added AFTER INSERT ON content_labels BEGIN
    UPDATE content_search SET labels = (SELECT COALESCE(group_concat(l.name, ' '), '') FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                                        WHERE cl.content_id = new.content_id AND l.owner_id = 0)
    WHERE rowid = new.content_id;
END;
CREATE TRIGGER content_search_label_removed AFTER DELETE ON content_labels BEGIN
    UPDATE content_search SET labels = (SELECT COALESCE(group_concat(l.name, ' '), '') FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                                        WHERE cl.content_id = old.content_id AND l.owner_id = 0)
    WHERE rowid = old.content_id;
END;
CREATE TRIGGER relations_content_deleted AFTER DELETE ON content BEGIN
    DELETE FROM relations WHERE (source_type = 'content' AND source_id = OLD.id) OR (target_type = 'content' AND target_id = OLD.id);
END;
CREATE TRIGGER relations_space_deleted AFTER DELETE ON spaces BEGIN
    DELETE FROM relations WHERE (source_type = 'space' AND source_id = OLD.id) OR (target_type = 'space' AND target_id = OLD.id);
END;
CREATE TRIGGER relations_user_deleted AFTER DELETE ON users BEGIN
    DELETE FROM relations WHERE (source_type = 'user' AND source_id = OLD.id) OR (target_type = 'user' AND target_id = OLD.id);
END;
