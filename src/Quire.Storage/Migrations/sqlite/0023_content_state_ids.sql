-- Custom content-state ids come from the engine and are never given twice (issue 12): ids were
-- MAX(id)+1, which two concurrent creators could both take (PostgreSQL answered 500 to one)
-- and which gave the id of a deleted newest state to the next one, although a client may
-- still hold it. SQLite hands out AUTOINCREMENT ids above any it has used, so the table is
-- rebuilt with one. Nothing refers to its rows by foreign key (content_state_of copies the
-- state), so it can be dropped and renamed with foreign keys on.
CREATE TABLE custom_content_states_0023 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    color        TEXT NOT NULL,
    last_used_at INTEGER NOT NULL,
    UNIQUE (owner_id, name, color)
);
INSERT INTO custom_content_states_0023 (id, owner_id, name, color, last_used_at)
SELECT id, owner_id, name, color, last_used_at FROM custom_content_states;
DROP TABLE custom_content_states;
-- The rename carries the table's sqlite_sequence row (the highest id copied) along.
ALTER TABLE custom_content_states_0023 RENAME TO custom_content_states;

-- Ids 0 to 2 are the default space states, so custom ids start at 3 even in an empty table.
INSERT INTO sqlite_sequence (name, seq)
SELECT 'custom_content_states', 2
WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'custom_content_states');
UPDATE sqlite_sequence SET seq = 2 WHERE name = 'custom_content_states' AND seq < 2;
