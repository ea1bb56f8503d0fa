-- Watches: who is notified of changes to a piece of content, to anything in a space, or to
-- anything carrying a label (the spec's "Content watches" group). One row per watcher and
-- thing watched (the primary key makes a repeated watch a no-op), with an index for each
-- direction: the watchers of a thing, and what a user watches (CQL's watcher field).
-- Watches go with their content, space and user (ON DELETE CASCADE), as labels and
-- restrictions do. A label watch names the label by its lower-cased name, as labels are
-- stored; label rows are never deleted, so it needs no cleanup.
CREATE TABLE content_watches (
    content_id BIGINT  NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (content_id, user_id)
);
CREATE INDEX ix_content_watches_user ON content_watches (user_id, content_id);

CREATE TABLE space_watches (
    space_id   BIGINT  NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (space_id, user_id)
);
CREATE INDEX ix_space_watches_user ON space_watches (user_id, space_id);

CREATE TABLE label_watches (
    label_name TEXT    NOT NULL,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (label_name, user_id)
);
CREATE INDEX ix_label_watches_user ON label_watches (user_id, label_name);
