-- Global permissions and anonymous access.
--
-- global_permissions: site-wide grants, as Confluence's global permission screen holds them:
-- 'use' (may use the site) and 'create_space', each granted to a group, a user or anonymous.
-- Site administration stays membership of confluence-administrators.
CREATE TABLE global_permissions (
    id         INTEGER PRIMARY KEY,
    permission TEXT    NOT NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    group_id   TEXT    REFERENCES groups (id) ON DELETE CASCADE,
    anonymous  INTEGER NOT NULL DEFAULT 0,
    CHECK (permission IN ('use', 'create_space')),
    CHECK ((user_id IS NOT NULL) + (group_id IS NOT NULL) + (anonymous <> 0) = 1)
);
CREATE UNIQUE INDEX ux_global_permissions ON global_permissions
    (permission, COALESCE(user_id, 0), COALESCE(group_id, ''), anonymous);
CREATE INDEX ix_global_permissions_group ON global_permissions (group_id);

-- Until now every user could use the site and create spaces through confluence-users; keep
-- that as the seed. The group is otherwise created on first use, so create it here if no
-- user has needed it yet (same shape of id as GroupService gives). Seeded once, by this
-- migration, so that a grant an administrator revokes stays revoked across restarts.
INSERT INTO groups (id, name, name_lower, created_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
             substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       'confluence-users', 'confluence-users', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
WHERE NOT EXISTS (SELECT 1 FROM groups WHERE name_lower = 'confluence-users');

INSERT INTO global_permissions (permission, group_id)
SELECT p.permission, g.id FROM groups g, (SELECT 'use' AS permission UNION ALL SELECT 'create_space') p
WHERE g.name_lower = 'confluence-users';

-- space_permissions gains an anonymous subject: exactly one of user, group, anonymous.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt as its ALTER
-- TABLE documentation describes (nothing references space_permissions, and it has no
-- triggers or views), keeping ids and indexes.
CREATE TABLE space_permissions_new (
    id          INTEGER PRIMARY KEY,
    space_id    INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
    group_id    TEXT    REFERENCES groups (id) ON DELETE CASCADE,
    anonymous   INTEGER NOT NULL DEFAULT 0,
    operation   TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    CHECK ((user_id IS NOT NULL) + (group_id IS NOT NULL) + (anonymous <> 0) = 1)
);
INSERT INTO space_permissions_new (id, space_id, user_id, group_id, anonymous, operation, target_type)
SELECT id, space_id, user_id, group_id, 0, operation, target_type FROM space_permissions;
DROP TABLE space_permissions;
ALTER TABLE space_permissions_new RENAME TO space_permissions;
CREATE UNIQUE INDEX ux_space_permissions ON space_permissions
    (space_id, COALESCE(user_id, 0), COALESCE(group_id, ''), anonymous, operation, target_type);
CREATE INDEX ix_space_permissions_user ON space_permissions (user_id, operation, target_type);
CREATE INDEX ix_space_permissions_group ON space_permissions (group_id, operation, target_type);
