-- sql/desks.sql — the statements of src/store/desks.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_COMPANY_UPSERT
INSERT INTO companies(account_id, name, prefecture, industry, employees, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT(account_id) DO UPDATE SET name = ?2, prefecture
= ?3, industry = ?4, employees = ?5, updated_at = ?6

-- @SQL_VENDORS_DEL
DELETE FROM company_vendors WHERE company_id = ?

-- @SQL_VENDOR_ADD
INSERT OR IGNORE INTO company_vendors(company_id, name) VALUES (?, ?)

-- @SQL_COMPANY_GET
SELECT name, prefecture, industry, employees FROM companies WHERE account_id = ?

-- @SQL_VENDORS
SELECT name FROM company_vendors WHERE company_id = ? ORDER BY name

-- @SQL_DESK_ADD
INSERT INTO desks(prefecture, name, community_id, hours, contact, created_at) VALUES (?, ?, ?,
?, ?, ?)

-- @SQL_DESK_GET
SELECT id, prefecture, name, coalesce(community_id, 0), hours, contact FROM desks WHERE id = ?

-- @SQL_DESK_LIST
SELECT id, prefecture, name, coalesce(community_id, 0), hours, contact FROM desks ORDER BY
prefecture, id LIMIT ?

-- @SQL_DESK_FOR
SELECT d.id FROM desks d JOIN prefectures p ON p.code = d.prefecture WHERE p.block = (SELECT
block FROM prefectures WHERE code = ?1) ORDER BY d.prefecture <> ?1, d.id LIMIT 1

-- @SQL_OPERATOR_ADD
INSERT OR IGNORE INTO desk_operators(desk_id, account_id) VALUES (?, ?)

-- @SQL_DESKS_OF
SELECT desk_id FROM desk_operators WHERE account_id = ? ORDER BY desk_id LIMIT ?

-- @SQL_OPERATORS
SELECT account_id FROM desk_operators WHERE desk_id = ? ORDER BY account_id LIMIT ?
