-- Relations (the Relation group): named, one-way links from a user, a piece of content or a
-- space to another. 'favourite' is not stored here: a user's favourite is the my:favourite
-- label it puts on content or a space, which CQL's favourite field and the favourite space
-- listing already read. Ends are named by internal ids and are of three kinds, so instead of
-- foreign keys, triggers remove a relation when either end is deleted (also when the delete
-- is a cascade, as when a space takes its content with it).
CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    source_type TEXT    NOT NULL,
    source_id   INTEGER NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   INTEGER NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (name, source_type, source_id, target_type, target_id)
);
CREATE INDEX ix_relations_by_target ON relations (name, target_type, target_id, source_type, id);
CREATE INDEX ix_relations_source_end ON relations (source_type, source_id);
CREATE INDEX ix_relations_target_end ON relations (target_type, target_id);

CREATE TRIGGER relations_content_deleted AFTER DELETE ON content BEGIN
    DELETE FROM relations WHERE (source_type = 'content' AND source_id = OLD.id) OR (target_type = 'content' AND target_id = OLD.id);
END;
CREATE TRIGGER relations_space_deleted AFTER DELETE ON spaces BEGIN
    DELETE FROM relations WHERE (source_type = 'space' AND source_id = OLD.id) OR (target_type = 'space' AND target_id = OLD.id);
END;
CREATE TRIGGER relations_user_deleted AFTER DELETE ON users BEGIN
    DELETE FROM relations WHERE (source_type = 'user' AND source_id = OLD.id) OR (target_type = 'user' AND target_id = OLD.id);
END;
