-- Keep content_search's heap rows narrow: with toast_tuple_target at its minimum, a row's
-- title, body text and tsvector move to TOAST storage, leaving about 100 bytes per row in the
-- heap instead of about 3 KB. A full-text match read through the GIN index then fetches only
-- those narrow rows (a GIN match on a plain word needs no recheck, so the tsvector is not read):
-- counting the matches of a common word in one space of 100,000 pages went from ~145 ms to
-- ~45 ms (bench/search-load.sh). Reading the space in date order and testing each row's
-- tsvector, the plan for a page of a common word, costs the same either way.
ALTER TABLE content_search SET (toast_tuple_target = 128);

-- Existing rows are rewritten to the new layout (the stored tsvector is computed again).
UPDATE content_search SET title = title;
