-- A user removed from the site (the admin endpoint, `quire user remove`) keeps its row, so what it
-- wrote stays attributed to its account, as Confluence keeps a former user's content; removed_at
-- says it is gone: no password, no tokens, no groups, and v2 answers accountStatus "inactive".
ALTER TABLE users ADD COLUMN removed_at BIGINT;
