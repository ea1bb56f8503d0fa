-- Content templates (the Template group): page templates of the whole site (space_id NULL) or
-- of one space, with a storage-format body and labels. Blueprint templates come from apps,
-- which Quire does not run, so none are stored.
CREATE TABLE content_templates (
    id            INTEGER PRIMARY KEY,
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
CREATE INDEX ix_content_templates_space ON content_templates (space_id, name, id);

CREATE TABLE content_template_labels (
    template_id INTEGER NOT NULL REFERENCES content_templates (id) ON DELETE CASCADE,
    label_id    INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (template_id, label_id)
);
