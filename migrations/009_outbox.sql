-- 009 the outbox: e-mail and webhooks waiting to be delivered by the worker.
-- A row is delivered once: it is marked delivered in the same step that
-- confirms delivery, and retried with backoff until then.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('mail', 'webhook')),
  recipient       TEXT NOT NULL,         -- e-mail address or URL
  subject         TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  delivered_at    INTEGER,
  last_error      TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL;
