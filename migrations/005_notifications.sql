-- 005 notifications shown to a user in the site (the mail outbox comes later).
-- kind names a message in the catalogs (notify.KIND); args are its {0} {1} values, tab-separated.
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  args       TEXT NOT NULL DEFAULT '',
  link       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at    INTEGER
);
CREATE INDEX notifications_account ON notifications(account_id, read_at, id);
