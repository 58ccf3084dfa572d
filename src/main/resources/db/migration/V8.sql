-- V8: full-text search over the archived texts (search, the console's /search), and each
-- article's language. The index's rowid is the article's id; it is written in the transaction
-- that records the article, and `reindex` rebuilds it from the archive (for articles archived
-- before this migration, whose texts only the archive holds).

ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- remove_diacritics 2: `greve` finds `Grève`, `sindicatos` finds `sindicatós`.
CREATE VIRTUAL TABLE article_search USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
