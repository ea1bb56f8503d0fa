-- Page restrictions: who may read or update a page or blog post beyond the space's permissions.
-- A restriction for an operation is the set of its rows; no rows, no restriction.
CREATE TABLE content_restrictions (
    id         INTEGER PRIMARY KEY,
    content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    operation  TEXT    NOT NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    group_id   TEXT    REFERENCES groups (id) ON DELETE CASCADE,
    CHECK (operation IN ('read', 'update')),
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
);
CREATE UNIQUE INDEX ux_content_restrictions ON content_restrictions
    (content_id, operation, COALESCE(user_id, 0), COALESCE(group_id, ''));
CREATE INDEX ix_content_restrictions_subject ON content_restrictions (content_id, operation, user_id, group_id);
CREATE INDEX ix_content_restrictions_user ON content_restrictions (user_id);
CREATE INDEX ix_content_restrictions_group ON content_restrictions (group_id);

-- Read restrictions are inherited: a piece of content is readable only by who passes the read
-- restrictions of itself and of every ancestor (comments and attachments: their container's).
-- This table lists, for each piece of content, the ancestors-or-self that carry a read
-- restriction (its "guards"), kept in the writes that restrict, create and move content, so
-- a listing checks a viewer with one indexed probe per row instead of walking ancestors.
-- Guards go only when restrictions are removed through the API: a restriction whose last
-- user is deleted keeps hiding the page rather than opening it.
CREATE TABLE content_read_guards (
    content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    guard_id   INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    PRIMARY KEY (content_id, guard_id)
);
CREATE INDEX ix_content_read_guards_guard ON content_read_guards (guard_id);
