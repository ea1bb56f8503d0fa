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
