-- Inline comments become dangling when an edit of their page removes their marker (v2's
-- resolutionStatus "dangling", v1's extensions.resolution.status): comment_resolutions takes that
-- status too. SQLite cannot change a CHECK constraint, so the table is rebuilt; nothing refers to it.
CREATE TABLE comment_resolutions_new (
    content_id  INTEGER NOT NULL PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL CHECK (status IN ('resolved', 'reopened', 'dangling')),
    modified_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    modified_at INTEGER NOT NULL
);
INSERT INTO comment_resolutions_new (content_id, status, modified_by, modified_at)
SELECT content_id, status, modified_by, modified_at FROM comment_resolutions;
DROP TABLE comment_resolutions;
ALTER TABLE comment_resolutions_new RENAME TO comment_resolutions;
