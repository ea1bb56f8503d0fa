-- Site-wide settings as name/value rows (the site's cloud id for /settings/systemInfo), and the
-- look and feel selection and custom settings of the site (scope 'global') and of each space
-- (scope 'space:<id>', removed with its space). A scope without a row uses the defaults.
CREATE TABLE site_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE look_and_feel (
    scope    TEXT PRIMARY KEY,
    space_id BIGINT REFERENCES spaces (id) ON DELETE CASCADE,
    selected TEXT NOT NULL DEFAULT 'global',
    custom   TEXT
);
