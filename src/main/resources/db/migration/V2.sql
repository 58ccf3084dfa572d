-- V2: the daemon's schedule, so that `status` (another process) can show each country's next run.

CREATE TABLE schedule (
  region      INTEGER PRIMARY KEY,
  next_run_at TEXT,                 -- null: scheduled, but no further run is due
  describe    TEXT NOT NULL,        -- "every 30m" or "cron ..."
  updated_at  TEXT NOT NULL
);
