-- Likes: who likes a page, blog post or comment (v2's Like group; Confluence's web interface
-- adds and removes them through /wiki/rest/likes/1.0/content/{id}/likes). One row per user and
-- content (the primary key makes a repeated like a no-op and answers the count from the index);
-- the likers of a content are listed oldest like first, a keyset walk over (created_at, user_id),
-- which ix_likes_order serves without reading the table. Likes go with their content and their
-- user (ON DELETE CASCADE), as watches do.
CREATE TABLE likes (
    content_id BIGINT  NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (content_id, user_id)
);
CREATE INDEX ix_likes_order ON likes (content_id, created_at, user_id);
CREATE INDEX ix_likes_user ON likes (user_id, content_id);

-- Inline comments' resolution (v2's resolutionStatus, resolved through PUT /inline-comments/{id}):
-- a row only once a comment has been resolved or reopened, so an inline comment without one is
-- open. Kept beside content rather than in it: only inline comments have it, and no content read
-- but theirs pays for it. The last user to change it and when, as v2 reports them.
CREATE TABLE comment_resolutions (
    content_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL CHECK (status IN ('resolved', 'reopened')),
    modified_by BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    modified_at BIGINT  NOT NULL
);
