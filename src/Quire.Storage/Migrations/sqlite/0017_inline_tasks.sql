-- Inline tasks (the Inline tasks group): the ac:task elements of content bodies, kept in the
-- transaction that writes a body, each with a global id, its task id within the body, status,
-- body, the user it names first (assignee), the first date it holds (due), who wrote it and
-- who completed it. Bodies written before this migration are indexed by a one-time backfill at start.
CREATE TABLE inline_tasks (
    global_id    INTEGER PRIMARY KEY,
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
CREATE INDEX ix_inline_tasks_status ON inline_tasks (status, content_id);
