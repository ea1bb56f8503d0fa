-- Full-text search. One FTS5 row per piece of content, rowid = content id: its title, the
-- plain text of its body (extracted from storage format by the server, which writes it in
-- the same transaction as the body) and its shared (global and team) label names. The
-- porter stemmer makes "running" find "run". Status is not indexed: queries join content
-- and filter by status, so trashing and restoring change nothing here.
CREATE VIRTUAL TABLE content_search USING fts5 (title, body, labels, tokenize = 'porter unicode61');

-- Titles and labels follow their rows through triggers, so every path that writes them
-- (homepages, attachment uploads, copies and renames) keeps the index without knowing it;
-- deleting content (purges, space deletion, cascades to comments) removes its row.
CREATE TRIGGER content_search_insert AFTER INSERT ON content BEGIN
    INSERT INTO content_search (rowid, title, body, labels) VALUES (new.id, new.title, CASE WHEN new.body_storage = '' THEN '' END, '');
END;
CREATE TRIGGER content_search_title AFTER UPDATE OF title ON content WHEN new.title IS NOT old.title BEGIN
    UPDATE content_search SET title = new.title WHERE rowid = new.id;
END;
CREATE TRIGGER content_search_delete AFTER DELETE ON content BEGIN
    DELETE FROM content_search WHERE rowid = old.id;
END;
CREATE TRIGGER content_search_label_added AFTER INSERT ON content_labels BEGIN
    UPDATE content_search SET labels = (SELECT COALESCE(group_concat(l.name, ' '), '') FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                                        WHERE cl.content_id = new.content_id AND l.owner_id = 0)
    WHERE rowid = new.content_id;
END;
CREATE TRIGGER content_search_label_removed AFTER DELETE ON content_labels BEGIN
    UPDATE content_search SET labels = (SELECT COALESCE(group_concat(l.name, ' '), '') FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                                        WHERE cl.content_id = old.content_id AND l.owner_id = 0)
    WHERE rowid = old.content_id;
END;

-- Existing content: titles and labels now; a NULL body is indexed by the server at start-up.
INSERT INTO content_search (rowid, title, body, labels)
SELECT c.id, c.title, CASE WHEN c.body_storage = '' THEN '' END,
       COALESCE((SELECT group_concat(l.name, ' ') FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                 WHERE cl.content_id = c.id AND l.owner_id = 0), '')
FROM content c;
