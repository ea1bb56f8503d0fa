-- Views of content (the Analytics group): one row per read of a piece of content by id, with
-- who read it (0 for the anonymous user) and when. Rows are written in batches by a background
-- flush, not by the read itself, and go with their content.
CREATE TABLE content_views (
    content_id BIGINT NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL,
    viewed_at  BIGINT NOT NULL
);
CREATE INDEX ix_content_views_content ON content_views (content_id, viewed_at, user_id);
