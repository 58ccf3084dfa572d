-- V11: the nodes that run the daemon (one with SQLite; two or more sharing a PostgreSQL database),
-- which node ran each crawl, and deliveries claimed by one node while it sends them.

CREATE TABLE cluster_nodes (
  node_id         TEXT PRIMARY KEY,   -- cluster.node_id: the host name and pid unless configured
  host            TEXT NOT NULL,
  pid             INTEGER NOT NULL,
  started_at      TEXT NOT NULL,
  last_checkin_at TEXT NOT NULL,      -- every cluster.checkin_interval; two missed and the node counts as dead
  stopped_at      TEXT                -- set by an orderly stop
);

ALTER TABLE crawl_runs ADD COLUMN node_id TEXT;

-- A node sets both before it sends a delivery and clears them when it records the outcome; a claim
-- of a dead node, or one older than its lease, is taken over (the repeat keeps its delivery id).
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
