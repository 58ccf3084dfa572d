-- V5: crawl_runs grows by a row per country per cycle; the open runs a killed process left are
-- looked up at every start, so they get an index of their own.

CREATE INDEX crawl_runs_open ON crawl_runs(id) WHERE finished_at IS NULL;
