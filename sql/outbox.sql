-- sql/outbox.sql — the statements of src/store/outbox.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_ADD
INSERT INTO outbox(kind, recipient, subject, body, created_at, next_attempt_at) VALUES (?1, ?2,
?3, ?4, ?5, ?5)

-- The columns item_row reads, in their order.
-- @ITEM_COLS
id, kind, recipient, subject, body, attempts, created_at, coalesce(delivered_at, 0), last_error

-- @SQL_DUE
SELECT {ITEM_COLS} FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY
next_attempt_at, id LIMIT ?

-- @SQL_DONE
UPDATE outbox SET delivered_at = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1
AND delivered_at IS NULL

-- @SQL_FAIL
UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 WHERE id = ?1

-- @SQL_NEXT
SELECT coalesce(min(next_attempt_at), 0) FROM outbox WHERE delivered_at IS NULL

-- @SQL_RECENT
SELECT {ITEM_COLS} FROM outbox WHERE kind = 'mail' ORDER BY id DESC LIMIT ?

-- The queue: how many are waiting, and since when the oldest.
-- @SQL_STATS
SELECT count(*), coalesce(min(created_at), 0) FROM outbox WHERE delivered_at IS NULL
