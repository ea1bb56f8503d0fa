-- Classification levels (v2's Classification Level group): the site's levels, which a site admin
-- defines (Cloud's organization admin does it in Atlassian Administration), the default level of
-- a space, and the level placed on a piece of content. Levels are never deleted, only archived,
-- so what content carries always names a level; ids are never reused, since clients keep them.
-- position: the level's "order" in the spec (a reserved word in SQL). name_lower: names are
-- unique regardless of case. The site-wide default level (Cloud's organization-wide default) is
-- the site_settings row 'classification.default-level'.
CREATE TABLE classification_levels (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    name_lower  TEXT    NOT NULL,
    description TEXT,
    guideline   TEXT,
    color       TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_classification_levels_name ON classification_levels (name_lower);
CREATE INDEX ix_classification_levels_position ON classification_levels (position, id);

-- One default level per space (space admins set it); archiving a level clears the defaults naming it.
CREATE TABLE space_classification_defaults (
    space_id   INTEGER NOT NULL PRIMARY KEY REFERENCES spaces (id) ON DELETE CASCADE,
    level_id   INTEGER NOT NULL REFERENCES classification_levels (id),
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX ix_space_classification_defaults_level ON space_classification_defaults (level_id);

-- The level placed on a page, blog post, whiteboard or database (its editors set it); without a
-- row the content has its space's default, else the site's. It goes with the content when purged.
CREATE TABLE content_classification_levels (
    content_id INTEGER NOT NULL PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
    level_id   INTEGER NOT NULL REFERENCES classification_levels (id),
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL
);
