-- Full-text search. One row per piece of content: its title, the plain text of its body
-- (extracted from storage format by the server, which writes it in the same transaction as
-- the body) and its shared (global and team) label names, with a weighted english tsvector
-- over all three (title A, labels B, body C) under a GIN index, and an expression index for
-- title-only searches. Status is not indexed: queries join content and filter by status, so
-- trashing and restoring change nothing here. Deleting content cascades to its row.
CREATE TABLE content_search (
    content_id BIGINT PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT,
    labels     TEXT NOT NULL DEFAULT '',
    document   tsvector GENERATED ALWAYS AS (
                   setweight(to_tsvector('english'::regconfig, title), 'A') ||
                   setweight(to_tsvector('english'::regconfig, labels), 'B') ||
                   setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')) STORED
);
CREATE INDEX ix_content_search_document ON content_search USING GIN (document);
CREATE INDEX ix_content_search_title ON content_search USING GIN (to_tsvector('english'::regconfig, title));

-- Titles and labels follow their rows through triggers, so every path that writes them
-- (homepages, attachment uploads, copies and renames) keeps the index without knowing it.
CREATE FUNCTION content_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO content_search (content_id, title, body) VALUES (NEW.id, NEW.title, CASE WHEN NEW.body_storage = '' THEN '' END);
    ELSIF NEW.title IS DISTINCT FROM OLD.title THEN
        UPDATE content_search SET title = NEW.title WHERE content_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER content_search_row AFTER INSERT OR UPDATE OF title ON content
    FOR EACH ROW EXECUTE FUNCTION content_search_row();

CREATE FUNCTION content_search_labels() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE target BIGINT;
BEGIN
    target := CASE WHEN TG_OP = 'DELETE' THEN OLD.content_id ELSE NEW.content_id END;
    UPDATE content_search SET labels = (SELECT COALESCE(string_agg(l.name, ' ' ORDER BY l.name), '')
                                        FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                                        WHERE cl.content_id = target AND l.owner_id = 0)
    WHERE content_id = target;
    RETURN NULL;
END $$;
CREATE TRIGGER content_search_labels AFTER INSERT OR DELETE ON content_labels
    FOR EACH ROW EXECUTE FUNCTION content_search_labels();

-- Existing content: titles and labels now; a NULL body is indexed by the server at start-up.
INSERT INTO content_search (content_id, title, body, labels)
SELECT c.id, c.title, CASE WHEN c.body_storage = '' THEN '' END,
       COALESCE((SELECT string_agg(l.name, ' ' ORDER BY l.name) FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                 WHERE cl.content_id = c.id AND l.owner_id = 0), '')
FROM content c;
