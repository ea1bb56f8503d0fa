-- A page's children in listing order with everything their listing filters on: a deep page of a
-- children listing (start=5000 under a parent of 6,000 pages) skips the rows before it in this
-- index alone, without reading those rows, and then seeks to its first row (ContentTreeStore's
-- keyset), so it costs about what the first page does. The (parent_id, type, position) index
-- stays: the next position of a new child is the last entry of a parent there, whatever its status.
CREATE INDEX ix_content_children ON content (parent_id, type, status, space_id, position, id);
