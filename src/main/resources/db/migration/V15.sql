-- V15: when the site moves (a new CMS renumbers its taxonomy, or the site answers from another host).

-- A configured country whose region id the site no longer lists, found again under another id by its
-- name (or one of countries[].aliases). Its state (page states, baseline, articles, runs) stays under
-- the configured id (region); walks and the placing of articles by their tags use site_region. One
-- row per configured country: its monitor.alert (kind region_moved) is queued with the row, once per
-- new id. The row goes when the user writes the new id into the configuration (the state is then
-- moved under the new id, no second baseline) or when the site lists the configured id again.
CREATE TABLE region_moves (
  region      INTEGER PRIMARY KEY,   -- the configured id: the key of the country's state
  name        TEXT NOT NULL,         -- the configured name
  site_region INTEGER NOT NULL,      -- the id the site lists the country under now
  site_name   TEXT NOT NULL,         -- the name the site gives it there
  detected_at TEXT NOT NULL
);

-- A permanent redirect (301, 308) of site.base_url to another address: followed, and its
-- monitor.alert (kind site_moved) queued with the row, once per pair of addresses. The move ends
-- (ended_at) when the site redirects back or the configured base answers a listing or the feed itself;
-- seen again, it is in force again (ended_at cleared), without a second alert.
CREATE TABLE site_moves (
  from_base    TEXT NOT NULL,   -- the configured base URL
  to_base      TEXT NOT NULL,   -- where it redirects to: the base URL to write into the YAML
  status       INTEGER NOT NULL,
  detected_at  TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at     TEXT,            -- null while the move is in force
  PRIMARY KEY (from_base, to_base)
);
