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

-- v2's listings of pages and blog posts sorted by created date, modified date or title (sort=title,
-- -created-date, ...) walk these indexes as keyset ranges, one per status, in a space
-- (space_id, type, status, key, id) and site-wide (type, status, key, id), instead of sorting every
-- matching row on every page of the walk. The id ends each key, as it breaks the order's ties.
CREATE INDEX ix_content_space_created ON content (space_id, type, status, created_at, id);
CREATE INDEX ix_content_space_modified ON content (space_id, type, status, updated_at, id);
CREATE INDEX ix_content_space_title ON content (space_id, type, status, title, id);
CREATE INDEX ix_content_type_created ON content (type, status, created_at, id);
CREATE INDEX ix_content_type_modified ON content (type, status, updated_at, id);
CREATE INDEX ix_content_type_title ON content (type, status, title, id);
