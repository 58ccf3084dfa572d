-- V12: whether a monitor.alert of kind disk is open (storage.min_free): one row at most, so that a
-- disk short of space alerts once, not at every crawl, and recovers once.

CREATE TABLE disk_health (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  alert_open   INTEGER NOT NULL,   -- 1: monitor.alert (disk) was queued, monitor.recovered not yet
  last_problem TEXT,
  updated_at   TEXT NOT NULL
);
