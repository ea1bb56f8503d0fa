-- A row of content_views may stand for several reads: the flush writes one row per piece of content
-- and reader in each batch (a couple of seconds of reads), with how many reads it stands for and
-- the last one's time. A page read thousands of times a second by one reader then costs one row per
-- batch instead of one per read. Counting views sums the counts.
ALTER TABLE content_views ADD COLUMN views INTEGER NOT NULL DEFAULT 1;
