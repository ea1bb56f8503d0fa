-- At every start a node looks for bodies the full-text index has not read (SearchIndexStore.UnindexedAsync:
-- content_search rows whose body is NULL, which only content older than the index has for long). Without an index that
-- was a scan of the whole table: 0.7 s at 100,000 pages, on every node's start. The rows it looks for are few, so a
-- partial index of them stays small; a page creation adds one entry (its row is inserted without the body, which the
-- same transaction then writes), left for vacuum.
-- PostgreSQL only: SQLite's index is an FTS5 table, which has no indexes of its own.
CREATE INDEX ix_content_search_unindexed ON content_search (content_id) WHERE body IS NULL;
