-- sql/sessions.sql — the statements of src/store/sessions.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_INSERT
INSERT INTO sessions(token_hash, account_id, kind, created_at, last_seen_at) VALUES (?, ?, ?, ?,
?)

-- @SQL_FIND
SELECT id, account_id, kind, created_at, last_seen_at, coalesce(flash, '') FROM sessions WHERE
token_hash = ?

-- @SQL_TOUCH
UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1

-- @SQL_DELETE
DELETE FROM sessions WHERE id = ?

-- @SQL_FLASH
UPDATE sessions SET flash = ?2 WHERE id = ?1

-- @SQL_DELETE_ACCOUNT
DELETE FROM sessions WHERE account_id = ?

-- @SQL_EXPIRE
DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?

-- @SQL_RESET_ADD
INSERT INTO password_resets(token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)

-- @SQL_RESET_FIND
SELECT account_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at >
?

-- @SQL_RESET_USE
UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at
> ?2
