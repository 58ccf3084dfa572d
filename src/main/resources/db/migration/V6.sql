-- V6: selectors learned by `calibrate` (and by self-repair): they replace the defaults, and the
-- selectors written under site.selectors in the YAML win over them, key by key.

CREATE TABLE learned_selectors (
  key        TEXT PRIMARY KEY,      -- site.selectors key, such as article_body
  selector   TEXT NOT NULL,
  learned_at TEXT NOT NULL
);
