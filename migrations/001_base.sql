-- 001 base: settings, reference data tables, accounts, sessions, audit.
-- Timestamps are UTC seconds since the epoch (INTEGER), as BIGINT would be in PostgreSQL.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value BLOB NOT NULL
);

CREATE TABLE regional_blocks (
  code    TEXT PRIMARY KEY,
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort    INTEGER NOT NULL
);

CREATE TABLE prefectures (
  code     TEXT PRIMARY KEY CHECK (length(code) = 2),
  name_ja  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  block    TEXT NOT NULL REFERENCES regional_blocks(code),
  tile_col INTEGER NOT NULL,
  tile_row INTEGER NOT NULL,
  UNIQUE (tile_col, tile_row)
);

-- Each neighbouring pair once, a < b; kind 'land' (shared border) or 'link' (fixed link).
CREATE TABLE prefecture_links (
  a    TEXT NOT NULL REFERENCES prefectures(code),
  b    TEXT NOT NULL REFERENCES prefectures(code),
  kind TEXT NOT NULL CHECK (kind IN ('land', 'link')),
  note TEXT,
  PRIMARY KEY (a, b),
  CHECK (a < b)
);

CREATE TABLE accounts (
  id                  INTEGER PRIMARY KEY,
  email               TEXT NOT NULL UNIQUE,   -- stored lower-cased
  password_hash       TEXT NOT NULL,          -- Argon2id, libsodium's encoded string
  display_name        TEXT NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('sme', 'expert', 'desk', 'admin')),
  prefecture          TEXT NOT NULL REFERENCES prefectures(code),
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   BLOB NOT NULL UNIQUE,          -- BLAKE2b of the token; the token itself is never stored
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('web', 'api')),
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_failures (
  id    INTEGER PRIMARY KEY,
  at    INTEGER NOT NULL,
  email TEXT NOT NULL,
  ip    TEXT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures(email, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

-- Security events. account_id is the subject, actor_id who acted; no foreign
-- keys, so the trail outlives a deleted account.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  event      TEXT NOT NULL,
  account_id INTEGER,
  actor_id   INTEGER,
  ip         TEXT,
  detail     TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
