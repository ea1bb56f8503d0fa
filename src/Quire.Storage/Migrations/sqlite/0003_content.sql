-- Content: pages, blog posts and comments with their versions, labels and properties.
-- The content row always holds the current (latest) version; content_versions keeps
-- every earlier version as it was, so old versions are readable and restorable.

ALTER TABLE content ADD COLUMN title_lower TEXT NOT NULL DEFAULT '';
ALTER TABLE content ADD COLUMN container_id INTEGER REFERENCES content (id) ON DELETE CASCADE;
ALTER TABLE content ADD COLUMN comment_location TEXT;
ALTER TABLE content ADD COLUMN inline_properties TEXT;
ALTER TABLE content ADD COLUMN version_message TEXT NOT NULL DEFAULT '';
ALTER TABLE content ADD COLUMN minor_edit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE content ADD COLUMN posting_day TEXT;
ALTER TABLE content ADD COLUMN status_before_trash TEXT;
UPDATE content SET title_lower = lower(title);

-- A page title is unique among the current pages of a space; a blog post title among
-- the current blog posts of a space posted on the same day.
CREATE UNIQUE INDEX ux_content_page_title ON content (space_id, title_lower)
    WHERE type = 'page' AND status = 'current';
CREATE UNIQUE INDEX ux_content_blogpost_title ON content (space_id, posting_day, title_lower)
    WHERE type = 'blogpost' AND status = 'current';
CREATE INDEX ix_content_container ON content (container_id, type, status);
CREATE INDEX ix_content_listing ON content (type, status, id);
CREATE INDEX ix_content_title ON content (title_lower, type, status);

CREATE TABLE content_versions (
    id           INTEGER PRIMARY KEY,
    content_id   INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    body_storage TEXT    NOT NULL,
    parent_id    INTEGER,
    message      TEXT    NOT NULL DEFAULT '',
    minor_edit   INTEGER NOT NULL DEFAULT 0,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (content_id, number)
);

CREATE TABLE content_labels (
    content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    label_id   INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (content_id, label_id)
);
CREATE INDEX ix_content_labels_label ON content_labels (label_id, content_id);

CREATE TABLE content_properties (
    id              INTEGER PRIMARY KEY,
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
