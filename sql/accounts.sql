-- sql/accounts.sql — the statements of src/store/accounts.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_INSERT
INSERT INTO accounts(email, password_hash, display_name, role, prefecture, created_at,
password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)

-- The columns account_row reads, in its order.
-- @ACCOUNT_COLS
id, email, display_name, role, prefecture, password_hash, created_at

-- @SQL_BY_EMAIL
SELECT {ACCOUNT_COLS} FROM accounts WHERE email = ?

-- @SQL_BY_ID
SELECT {ACCOUNT_COLS} FROM accounts WHERE id = ?

-- @SQL_SET_ROLE
UPDATE accounts SET role = ?2 WHERE id = ?1

-- @SQL_SET_PASSWORD
UPDATE accounts SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1

-- ?1 a LIKE pattern over e-mail and name ('' for all), ?2 a role ('' for any).
-- @ACCOUNT_MATCH
WHERE (?1 = '' OR email LIKE ?1 ESCAPE '\' OR display_name LIKE ?1 ESCAPE '\') AND (?2 = '' OR
role = ?2)

-- @SQL_LIST
SELECT {ACCOUNT_COLS} FROM accounts{ACCOUNT_MATCH} ORDER BY id DESC LIMIT ?3 OFFSET ?4

-- @SQL_COUNT
SELECT count(*) FROM accounts{ACCOUNT_MATCH}

-- @SQL_DELETE
DELETE FROM accounts WHERE id = ?

-- @SQL_SCRUB_AUDIT
UPDATE audit_log SET ip = NULL, detail = NULL WHERE account_id = ?1 OR actor_id = ?1

-- @SQL_SCRUB_FAILURES
DELETE FROM login_failures WHERE email = ?

-- @SQL_SET_CONSENT
UPDATE accounts SET consent_at = ?2 WHERE id = ?1

-- @SQL_CONSENT
SELECT coalesce(consent_at, 0) FROM accounts WHERE id = ?

-- @SQL_SECRET_GET
SELECT value FROM settings WHERE key = 'secret'

-- @SQL_SECRET_PUT
INSERT INTO settings(key, value) VALUES ('secret', ?) ON CONFLICT(key) DO NOTHING

-- @SQL_PREMIUM
SELECT premium FROM accounts WHERE id = ?

-- @SQL_SET_PREMIUM
UPDATE accounts SET premium = ?2 WHERE id = ?1
