-- ASP.NET Core data protection's key ring (the keys behind antiforgery tokens and cookies), kept in
-- the database rather than on one machine's disk: every node of a PostgreSQL site then accepts what
-- another issued (a form rendered by one node and posted to another), and the keys outlive a
-- container's file system. Each row is one key element as data protection writes it (XML).
CREATE TABLE data_protection_keys (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT    NOT NULL,
    xml           TEXT    NOT NULL,
    created_at    INTEGER  NOT NULL
);
