-- V3: notifications. The outbox holds one row per delivery (event x channel), written in the
-- transaction that records its cause; country_health drives monitor alerts.

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  delivery_id     TEXT NOT NULL UNIQUE,             -- stable; sent as X-Monitor-Delivery
  channel         TEXT NOT NULL,
  event           TEXT NOT NULL,                    -- article.new, monitor.alert, monitor.recovered
  article_id      INTEGER REFERENCES articles(id),
  region          INTEGER,
  subject         TEXT NOT NULL,                    -- one line: mail subject, chat text
  payload         TEXT NOT NULL,                    -- the JSON body, fixed when the row is written
  status          TEXT NOT NULL DEFAULT 'pending',  -- pending, delivered, dead
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  delivered_at    TEXT
);
CREATE UNIQUE INDEX outbox_article_channel ON outbox(article_id, channel, event) WHERE article_id IS NOT NULL;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE country_health (
  region               INTEGER PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  alert_open           INTEGER NOT NULL DEFAULT 0,    -- 1 while a monitor.alert awaits its recovery
  last_problem         TEXT,
  updated_at           TEXT NOT NULL
);
