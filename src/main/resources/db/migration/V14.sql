-- V14: the pruning of deliveries delivered before storage.retention finds them by this index, not by
-- reading every delivered row while it holds the database (dead ones are found by outbox_due).
CREATE INDEX outbox_delivered ON outbox(status, delivered_at);
