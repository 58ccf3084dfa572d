-- V15: when the site moves (a new CMS renumbers its taxonomy, or the site answers from another host).

-- A configured country whose region id the site no longer lists, found again under another id by its
-- name (or one of countries[].aliases). Its state (page states, baseline, articles, runs) stays under
-- the configured id (region); walks and the placing of articles by their tags use site_region. One
-- row per pair of ids, kept when the move ends (active 0): the monitor.alert (kind region_moved) is
-- queued with the row's insert, so a pair is alerted once ever, however often a site's list flips
-- between the ids. At most one active row per configured id: the move in force. A move ends when the
-- list in the language that showed it lists the configured id again; the rows go when the user writes
-- the new id into the configuration (the state is then moved under the new id, no second baseline).
CREATE TABLE region_moves (
  region      INTEGER NOT NULL,      -- the configured id: the key of the country's state
  site_region INTEGER NOT NULL,      -- the id the site lists the country under
  name        TEXT NOT NULL,         -- the configured name
  site_name   TEXT NOT NULL,         -- the name the site gives it there
  language    TEXT NOT NULL,         -- the language of the country list that showed the move
  detected_at TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1,   -- 1: the move in force
  PRIMARY KEY (region, site_region)
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
