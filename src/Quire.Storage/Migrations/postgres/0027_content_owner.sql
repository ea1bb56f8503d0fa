-- v2's page owner: who owns a page now and who did before (PUT /wiki/api/v2/pages/{id} with ownerId
-- transfers it). NULL owner_id means the creator still owns it, so existing rows need no backfill.
ALTER TABLE content ADD COLUMN owner_id BIGINT NULL;
ALTER TABLE content ADD COLUMN last_owner_id BIGINT NULL;

-- v2 lists a space's pages by keyset on id (GET /spaces/{id}/pages, /pages?space-id=): a deep cursor
-- seeks here. (SQLite's ix_content_space already ends with the rowid; both engines keep one schema.)
CREATE INDEX ix_content_space_keyset ON content (space_id, type, status, id);
