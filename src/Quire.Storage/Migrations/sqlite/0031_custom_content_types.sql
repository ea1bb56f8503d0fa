-- Custom content types (v2 /custom-content): in Cloud an app's customContent module declares them; Quire has no app
-- runtime yet, so a site admin declares them (admin REST endpoint or `quire custom-content-type add`). Content of a
-- declared type is an ordinary content row whose type is the key ("ac:app:module", "forge:app:env:module").
-- container_types: where content of the type may live (space, page, blogpost or custom type keys), comma-separated.
-- child_types: what may hang off it (attachment, comment or custom type keys), comma-separated.
CREATE TABLE custom_content_types (
    key             TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    container_types TEXT    NOT NULL,
    child_types     TEXT    NOT NULL,
    body_type       TEXT    NOT NULL,
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
);

-- Custom content of one type in one container (a page's, a blog post's, another custom content's), walked by id.
CREATE INDEX ix_content_container_keyset ON content (container_id, type, status, id);
