-- sql/complaints.sql — the statements of src/store/complaints.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- The columns complaint_row reads, in its order.
-- @COMPLAINT_COLS
id, expert_id, coalesce(filed_by, 0), created_at, body, status, coalesce(resolution, '')

-- @SQL_ADD
INSERT INTO complaints(expert_id, filed_by, body, created_at) VALUES (?, ?, ?, ?)

-- @SQL_LIST
SELECT {COMPLAINT_COLS} FROM complaints WHERE ?1 IS NULL OR status = ?1 ORDER BY id DESC LIMIT
?2

-- @SQL_GET
SELECT {COMPLAINT_COLS} FROM complaints WHERE id = ?

-- @SQL_RESOLVE
UPDATE complaints SET status = ?2, resolution = ?3, resolved_at = ?4 WHERE id = ?1 AND status =
'open'
