-- sql/offers.sql — the statements of src/store/offers.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_ASSIGN
INSERT OR IGNORE INTO request_assignees(request_id, expert_id, assigned_at) VALUES (?, ?, ?)

-- @SQL_ASSIGNEES
SELECT expert_id FROM request_assignees WHERE request_id = ? ORDER BY assigned_at, expert_id
LIMIT ?

-- @SQL_OFFER_ADD
INSERT OR IGNORE INTO request_offers(request_id, expert_id, ring, status, offered_at) VALUES (?,
?, ?, 'open', ?)

-- @SQL_OFFER_STATUS
SELECT status FROM request_offers WHERE request_id = ? AND expert_id = ?

-- @SQL_OFFERS_OPEN
SELECT expert_id FROM request_offers WHERE request_id = ? AND status = 'open' ORDER BY expert_id
LIMIT ?

-- @SQL_OFFER_ACCEPT
UPDATE request_offers SET status = 'accepted' WHERE request_id = ?1 AND expert_id = ?2 AND
status = 'open' AND (SELECT status FROM requests WHERE id = ?1) = 'offered'

-- @SQL_OFFERS_WITHDRAW
UPDATE request_offers SET status = 'withdrawn' WHERE request_id = ? AND status = 'open'

-- @SQL_RATING_GET
SELECT stars, comment FROM ratings WHERE request_id = ?

-- @SQL_RATING_ADD
INSERT INTO ratings(request_id, stars, comment, created_at) VALUES (?, ?, ?, ?)
