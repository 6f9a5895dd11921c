-- sql/notifications.sql — the statements of src/store/notifications.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_ADD
INSERT INTO notifications(account_id, kind, args, link, created_at) VALUES (?, ?, ?, ?, ?)

-- @SQL_LIST
SELECT id, kind, args, link, created_at, read_at IS NULL FROM notifications WHERE account_id = ?
ORDER BY id DESC LIMIT ?

-- @SQL_UNREAD
SELECT count(*) FROM notifications WHERE account_id = ? AND read_at IS NULL

-- @SQL_READ
UPDATE notifications SET read_at = ?2 WHERE account_id = ?1 AND read_at IS NULL
