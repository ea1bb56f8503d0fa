-- Content states (the Content states group): the status lozenge of a page's published version
-- and of its draft. A state is one of the three default space states (ids 0 to 2, kept in code)
-- or a user's custom state (ids from 3); the state set on content is copied (name, colour), so
-- it stays as it was placed. Bulk changes answer through content_state_tasks.
CREATE TABLE custom_content_states (
    id           BIGINT PRIMARY KEY,
    owner_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    color        TEXT NOT NULL,
    last_used_at BIGINT NOT NULL,
    UNIQUE (owner_id, name, color)
);

CREATE TABLE content_state_of (
    content_id BIGINT NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    state_id   BIGINT NOT NULL,
    name       TEXT NOT NULL,
    color      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (content_id, status)
);
CREATE INDEX ix_content_state_of_state ON content_state_of (state_id, status, content_id);

CREATE TABLE content_state_tasks (
    id         TEXT PRIMARY KEY,
    owner_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    result     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
