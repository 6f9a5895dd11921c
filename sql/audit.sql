-- sql/audit.sql — the statements of src/store/audit.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_ADD
INSERT INTO audit_log(at, event, account_id, actor_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?)

-- @SQL_FAIL_ADD
INSERT INTO login_failures(at, email, ip) VALUES (?, ?, ?)

-- @SQL_FAIL_IP
SELECT count(*) FROM login_failures WHERE ip = ? AND at >= ?

-- @SQL_FAIL_PURGE
DELETE FROM login_failures WHERE at < ?

-- One (account, client) pair's failures since ?3, and when the last one was.
-- @SQL_FAIL_PAIR
SELECT count(*), coalesce(max(at), 0) FROM login_failures WHERE email = ?1 AND ip = ?2 AND at >= ?3
