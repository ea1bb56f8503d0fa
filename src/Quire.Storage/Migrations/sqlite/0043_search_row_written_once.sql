-- A new piece of content's search row may be written before the content itself, whole (title and body text), under the
-- id the insert is about to take (SearchIndexStore.TryWriteAheadAsync, inside the writer's transaction); the insert's
-- trigger then leaves it as it is. Before, a page creation wrote the row twice while it held the writer turn: this
-- trigger's row with the title alone, then the body's text as an FTS5 UPDATE, which deletes the row (reading and
-- tokenizing it again) and inserts it anew. Every other insert still gets its row here, as before. (PostgreSQL's search
-- row references its content, so it cannot come first; its trigger is unchanged.)
DROP TRIGGER content_search_insert;
CREATE TRIGGER content_search_insert AFTER INSERT ON content
WHEN NOT EXISTS (SELECT 1 FROM content_search WHERE rowid = new.id) BEGIN
    INSERT INTO content_search (rowid, title, body, labels) VALUES (new.id, new.title, CASE WHEN new.body_storage = '' THEN '' END, '');
END;
