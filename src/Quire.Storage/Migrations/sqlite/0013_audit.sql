-- The audit log (the Audit group): records written by Quire in the transaction of the change
-- they describe (space, permission, group and template administration) and by clients through
-- POST /audit. The author is kept as it was (its account id and name), so a record outlives
-- its user. search_text is the lower-cased text of every string the record holds, for the
-- searchString filter. Records older than the retention period are deleted as new ones come.
CREATE TABLE audit_records (
    id                 INTEGER PRIMARY KEY,
    created_at         INTEGER NOT NULL,
    author_account_id  TEXT,
    author_name        TEXT NOT NULL DEFAULT '',
    author_user_key    TEXT,
    remote_address     TEXT NOT NULL DEFAULT '',
    summary            TEXT NOT NULL DEFAULT '',
    description        TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL DEFAULT '',
    sys_admin          INTEGER NOT NULL,
    super_admin        INTEGER NOT NULL,
    affected_object    TEXT NOT NULL,
    changed_values     TEXT NOT NULL,
    associated_objects TEXT NOT NULL,
    search_text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_audit_records_created ON audit_records (created_at, id);

-- The retention period: one row.
CREATE TABLE audit_settings (
    id               INTEGER PRIMARY KEY,
    retention_number INTEGER NOT NULL,
    retention_units  TEXT    NOT NULL
);
