-- Space roles (v2 /space-roles): a named set of space permissions. The four system roles are rows
-- like the custom ones a site admin adds, so an assignment names every role the same way; they are
-- inserted first and so take ids 1-4. permissions: the role's space permissions as v2 names them
-- (operation/target, e.g. read/space), sorted and comma-separated: a role is read whole, never searched by one.
CREATE TABLE space_roles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    type        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    name_lower  TEXT    NOT NULL,
    description TEXT    NOT NULL,
    permissions TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_space_roles_name ON space_roles (name_lower);
CREATE INDEX ix_space_roles_type ON space_roles (type, id);
INSERT INTO space_roles (type, name, name_lower, description, permissions) VALUES
    ('SYSTEM', 'Admin', 'admin', 'Manages everything in the space.',
     'administer/space,archive/page,create/attachment,create/blogpost,create/comment,create/page,delete/attachment,delete/blogpost,delete/comment,delete/page,delete/space,export/space,read/space,restrict_content/space'),
    ('SYSTEM', 'Manager', 'manager', 'Manages the content of the space, but not its settings or who may use it.',
     'archive/page,create/attachment,create/blogpost,create/comment,create/page,delete/attachment,delete/blogpost,delete/comment,delete/page,export/space,read/space,restrict_content/space'),
    ('SYSTEM', 'Collaborator', 'collaborator', 'Adds and edits content in the space.',
     'create/attachment,create/blogpost,create/comment,create/page,read/space,restrict_content/space'),
    ('SYSTEM', 'Viewer', 'viewer', 'Views and comments on content in the space.',
     'create/comment,read/space');

-- Which role a user, a group or anonymous holds in a space: at most one each. Assigning one also
-- writes the role's permissions into space_permissions (what every permission check reads), so this
-- table only says where they came from; a v1 change of that subject's permissions drops its row.
CREATE TABLE space_role_assignments (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    space_id  INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    role_id   INTEGER NOT NULL REFERENCES space_roles (id),
    user_id   INTEGER REFERENCES users (id) ON DELETE CASCADE,
    group_id  TEXT    REFERENCES groups (id) ON DELETE CASCADE,
    anonymous INTEGER NOT NULL DEFAULT 0,
    CHECK ((user_id IS NOT NULL) + (group_id IS NOT NULL) + (anonymous <> 0) = 1)
);
CREATE UNIQUE INDEX ux_space_role_assignments_subject ON space_role_assignments
    (space_id, COALESCE(user_id, 0), COALESCE(group_id, ''), anonymous);
CREATE INDEX ix_space_role_assignments_space ON space_role_assignments (space_id, id);
CREATE INDEX ix_space_role_assignments_role ON space_role_assignments (role_id, id);

-- App properties (v2 /app/properties): site-wide JSON values by key, one set per app. Quire has no
-- apps yet, so site admins keep theirs under app_key 'site'; the apps issue gives each app its own key.
CREATE TABLE app_properties (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    app_key    TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (app_key, key)
);
