-- V9: articles that change after publication (site.recheck_window, site.recheck_every). An
-- article's first text is its articles row; each later text is a version here, written after its
-- file (YYYY-MM-DD-SLUG.v2.txt, ...) and in the transaction that queues its article.updated.

ALTER TABLE articles ADD COLUMN last_checked_at TEXT;  -- the last re-check, failed ones included (null: never re-checked)
ALTER TABLE articles ADD COLUMN removed_at TEXT;       -- a re-check got 404 or 410: article.removed was queued then

CREATE TABLE article_versions (
  article_id    INTEGER NOT NULL REFERENCES articles(id),
  version       INTEGER NOT NULL,   -- 2, 3, ...
  archive_path  TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  fetched_at    TEXT NOT NULL,
  PRIMARY KEY (article_id, version)
);
