-- 006 one-time links to set a password (imported experts, forgotten passwords).
CREATE TABLE password_resets (
  id          INTEGER PRIMARY KEY,
  token_hash  BLOB NOT NULL UNIQUE,      -- BLAKE2b of the token, as for sessions
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX password_resets_account ON password_resets(account_id);
