-- V13: history is pruned after storage.retention (crawl runs, finished deliveries, remembered
-- early-warning items, node check-ins); articles never are.

-- When the early-warning source last listed a remembered item (set at every full read of the
-- source, 200 not 304): an item is forgotten only when the source has not listed it for the
-- retention and the most recent full read did not list it, so one it still lists never comes
-- back as new. Validators cleared: the first poll after this migration is a full read that marks
-- what the source lists now.
ALTER TABLE early_warning_skipped ADD COLUMN last_listed_at TEXT;
UPDATE early_warning SET etag = NULL, last_modified = NULL;

-- The listing pages of pruned crawl runs, per country: the listing_pages_total metric is a
-- counter, and must not go down when the runs that counted them are pruned.
CREATE TABLE pruned_crawl_pages (
  region INTEGER PRIMARY KEY,
  pages  BIGINT NOT NULL
);
