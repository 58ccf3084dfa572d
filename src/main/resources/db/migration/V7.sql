-- V7: the early-warning source (site.early_warning): its conditional-request validators, its
-- baseline, its last poll and its health; and the articles it saw but leaves to the walks.

CREATE TABLE early_warning (
  source               TEXT PRIMARY KEY,   -- rss or latest
  url                  TEXT NOT NULL,
  etag                 TEXT,               -- of the last answer whose every new item was handled
  last_modified        TEXT,
  baseline_at          TEXT,               -- the first poll: its items raised no alerts
  last_poll_at         TEXT,
  last_outcome         TEXT,               -- new, unchanged, not_modified, baseline or failed
  last_new_at          TEXT,               -- the last article it archived
  last_new_slug        TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_error           TEXT,
  last_error_at        TEXT,
  alert_open           INTEGER NOT NULL DEFAULT 0  -- a monitor.alert (kind source) awaits its recovery
);

-- Items of the source that it does not archive and does not fetch again; the walks still find
-- the ones listed under a configured country.
CREATE TABLE early_warning_skipped (
  slug      TEXT PRIMARY KEY,
  reason    TEXT NOT NULL,   -- baseline, outside (tagged with no configured country), untagged, unreadable, disallowed
  note      TEXT NOT NULL,   -- why, in words (the countries an outside article is about, say)
  seen_at   TEXT NOT NULL
);
