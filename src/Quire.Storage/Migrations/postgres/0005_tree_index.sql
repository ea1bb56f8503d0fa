-- Children of a page are found by parent and type together: with only (parent_id, position),
-- SQLite preferred the (type, status, id) index for a tree walk's step and read every page
-- of that type for each level. This index answers "pages under X" directly, in order.
CREATE INDEX ix_content_parent_type ON content (parent_id, type, position);
DROP INDEX ix_content_parent;
