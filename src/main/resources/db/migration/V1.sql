-- V1: countries, articles and their links, listing pages, crawl runs.
-- Times are UTC, written as 2026-11-25T09:05:30.123Z.

CREATE TABLE countries (
  region                INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL,
  added_at              TEXT NOT NULL,
  -- set when the first complete crawl (the baseline) finished; articles found before are not alerted
  baseline_completed_at TEXT
);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  slug          TEXT NOT NULL UNIQUE,
  url           TEXT NOT NULL,
  title         TEXT NOT NULL,
  published     TEXT NOT NULL,
  countries     TEXT NOT NULL,      -- names from the article's own tags, comma separated
  archive_path  TEXT NOT NULL,      -- relative to the archive root
  sidecar_path  TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  baseline      INTEGER NOT NULL,   -- 1: found by a country's first crawl, never alerted
  fetched_at    TEXT NOT NULL,
  detected_at   TEXT NOT NULL
);

CREATE TABLE article_countries (
  article_id    INTEGER NOT NULL REFERENCES articles(id),
  region        INTEGER NOT NULL,
  first_seen_at TEXT NOT NULL,
  PRIMARY KEY (article_id, region)
);
CREATE INDEX article_countries_region ON article_countries(region);

CREATE TABLE listing_pages (
  region        INTEGER NOT NULL,
  from_offset   INTEGER NOT NULL,
  url           TEXT NOT NULL,
  etag          TEXT,
  last_modified TEXT,
  body_hash     TEXT NOT NULL,      -- sha256 of the response body: unchanged means nothing to parse
  text_hash     TEXT NOT NULL,      -- sha256 of the page in the listing archive format
  total         INTEGER,            -- result count of the summary line, when it had one
  next_url      TEXT,
  item_count    INTEGER NOT NULL,
  fetched_at    TEXT NOT NULL,
  PRIMARY KEY (region, from_offset)
);

CREATE TABLE crawl_runs (
  id           INTEGER PRIMARY KEY,
  region       INTEGER NOT NULL,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  pages        INTEGER NOT NULL DEFAULT 0,
  seen         INTEGER NOT NULL DEFAULT 0,
  new_articles INTEGER NOT NULL DEFAULT 0,
  archived     INTEGER NOT NULL DEFAULT 0,
  baseline     INTEGER NOT NULL DEFAULT 0,
  error        TEXT
);
CREATE INDEX crawl_runs_region ON crawl_runs(region, id);
