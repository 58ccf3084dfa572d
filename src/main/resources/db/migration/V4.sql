-- V4: articles that a listing links to but that are gone (404/410), articles found by the
-- fallback extractor while the layout is broken, and the validators and quality of archived articles.

CREATE TABLE gone_articles (
  slug          TEXT PRIMARY KEY,
  url           TEXT NOT NULL,
  status        INTEGER NOT NULL,   -- 404 or 410
  first_seen_at TEXT NOT NULL,
  checked_at    TEXT NOT NULL       -- fetched again once a day at most
);

CREATE TABLE degraded_articles (
  slug          TEXT PRIMARY KEY,
  url           TEXT NOT NULL,
  title         TEXT,
  region        INTEGER NOT NULL,
  reason        TEXT NOT NULL,      -- the layout problem that sent us to the fallback
  first_seen_at TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL
);

ALTER TABLE articles ADD COLUMN etag TEXT;
ALTER TABLE articles ADD COLUMN last_modified TEXT;
ALTER TABLE articles ADD COLUMN degraded INTEGER NOT NULL DEFAULT 0;  -- 1: archived with the fallback extractor
