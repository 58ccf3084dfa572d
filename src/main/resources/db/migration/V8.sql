-- V8: full-text search over the archived texts (search, the console's /search), and each
-- article's language. The index's rowid is the article's id; it is written in the transaction
-- that records the article, and `reindex` rebuilds it from the archive (for articles archived
-- before this migration, whose texts only the archive holds).

ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- remove_diacritics 2: `greve` finds `Grève`, `sindicatos` finds `sindicatós`.
CREATE VIRTUAL TABLE article_search USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');

-- The daemon's web console: where it serves, or why it cannot (a port in use), for `status`.
CREATE TABLE web_console (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  listen     TEXT NOT NULL,     -- as configured, host:port
  url        TEXT,              -- where it serves; null when it could not start
  problem    TEXT,              -- why it could not start
  pid        INTEGER NOT NULL,  -- the daemon that wrote this row
  updated_at TEXT NOT NULL
);
