-- V10: every language the site publishes in (countries[].languages). A listing page's state and a
-- country's baseline are per language: a language added later is walked first as a baseline of its
-- own, whose articles raise no alerts. English keeps its rows (language 'en') and the countries
-- table's baseline_completed_at.

CREATE TABLE listing_pages_by_language (
  region        INTEGER NOT NULL,
  language      TEXT NOT NULL,
  from_offset   INTEGER NOT NULL,
  url           TEXT NOT NULL,
  etag          TEXT,
  last_modified TEXT,
  body_hash     TEXT NOT NULL,
  text_hash     TEXT NOT NULL,
  total         INTEGER,
  next_url      TEXT,
  item_count    INTEGER NOT NULL,
  fetched_at    TEXT NOT NULL,
  PRIMARY KEY (region, language, from_offset)
);
INSERT INTO listing_pages_by_language(region, language, from_offset, url, etag, last_modified, body_hash, text_hash, total,
    next_url, item_count, fetched_at)
  SELECT region, 'en', from_offset, url, etag, last_modified, body_hash, text_hash, total, next_url, item_count, fetched_at
  FROM listing_pages;
DROP TABLE listing_pages;
ALTER TABLE listing_pages_by_language RENAME TO listing_pages;

-- The baseline of each language but English (which is countries.baseline_completed_at).
CREATE TABLE country_languages (
  region                INTEGER NOT NULL,
  language              TEXT NOT NULL,
  baseline_completed_at TEXT,
  PRIMARY KEY (region, language)
);
