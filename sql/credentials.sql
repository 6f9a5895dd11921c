-- sql/credentials.sql — the statements of src/store/credentials.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_ISSUE
INSERT INTO certificates(number, expert_id, level, issued_on, expires_on, status, issued_by,
updated_at) VALUES (?, ?, ?, ?, ?, 'valid', ?, ?)

-- @SQL_GET
SELECT {CERTIFICATE_COLS} FROM certificates WHERE number = ?

-- @SQL_STATUS
UPDATE certificates SET status = ?, status_reason = ?, updated_at = ? WHERE number = ?

-- @SQL_RENEW
UPDATE certificates SET status = 'valid', status_reason = NULL, expires_on = ?, reminded_at =
NULL, updated_at = ? WHERE number = ?

-- @SQL_EXPIRE
UPDATE certificates SET status = 'expired', updated_at = ? WHERE status = 'valid' AND expires_on
< ?

-- @SQL_DUE
UPDATE certificates SET reminded_at = ? WHERE id IN (SELECT id FROM certificates WHERE status =
'valid' AND expires_on <= ? AND reminded_at IS NULL LIMIT 256) RETURNING expert_id

-- @SQL_CPD_ADD
INSERT INTO cpd_activities(expert_id, kind, hours_tenths, points, date, note, created_at) VALUES
(?, ?, ?, ?, ?, ?, ?)

-- @SQL_CPD_LIST
SELECT id, kind, date, note, hours_tenths, points, coalesce(event_id, 0) FROM cpd_activities
WHERE expert_id = ? ORDER
BY date DESC, id DESC LIMIT ?

-- @SQL_CPD_SUM
SELECT coalesce(sum(points), 0) FROM cpd_activities WHERE expert_id = ? AND date >= ?
