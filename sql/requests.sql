-- sql/requests.sql — the statements of src/store/requests.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_REQ_ADD
INSERT INTO requests(company_id, desk_id, prefecture, kind, description, mode, urgency, status,
created_at, updated_at, assessment_id, filed_in) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9,
?10, ?3)

-- @SQL_TOPICS_DEL
DELETE FROM request_topics WHERE request_id = ?

-- @SQL_ROLES_DEL
DELETE FROM request_roles WHERE request_id = ?

-- @SQL_TOPIC_ADD
INSERT OR IGNORE INTO request_topics(request_id, skill) VALUES (?, ?)

-- @SQL_ROLE_ADD
INSERT OR IGNORE INTO request_roles(request_id, role) VALUES (?, ?)

-- @SQL_REQ_GET
SELECT company_id, coalesce(desk_id, 0), prefecture, kind, description, mode, urgency, status,
ring, coalesce(sla_deadline, 0), report, coalesce(hours_tenths, 0), created_at, updated_at,
coalesce(closed_at, 0), coalesce(assessment_id, 0) FROM requests WHERE id = ?

-- @SQL_REQ_TOPICS
SELECT skill FROM request_topics WHERE request_id = ? ORDER BY skill

-- @SQL_REQ_ROLES
SELECT role FROM request_roles WHERE request_id = ? ORDER BY role

-- @SQL_REQ_URGENCY
UPDATE requests SET urgency = ?2, updated_at = ?3 WHERE id = ?1

-- @SQL_REQ_DESK
UPDATE requests SET desk_id = ?2, updated_at = ?3, prefecture = coalesce((SELECT prefecture FROM
desks WHERE id = ?2), prefecture) WHERE id = ?1

-- @SQL_REQ_STATUS
UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1

-- @SQL_REQ_RING
UPDATE requests SET ring = ?2, sla_deadline = ?3, updated_at = ?4 WHERE id = ?1

-- @SQL_REQ_CLOSE
UPDATE requests SET status = 'closed', report = ?2, hours_tenths = ?3, closed_at = ?4,
updated_at = ?4, sla_deadline = NULL WHERE id = ?1 AND status <> 'closed'

-- Urgency high first, then the oldest.
-- @REQ_ORDER
ORDER BY CASE urgency WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, created_at, id

-- @REQ_FILTER
AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR kind = ?3)

-- @SQL_LIST_COMPANY
SELECT id FROM requests WHERE company_id = ?1{REQ_FILTER}{REQ_ORDER} LIMIT ?4

-- @SQL_LIST_DESK
SELECT id FROM requests WHERE desk_id IN (SELECT desk_id FROM desk_operators WHERE account_id =
?1){REQ_FILTER}{REQ_ORDER} LIMIT ?4

-- @SQL_LIST_EXPERT
SELECT id FROM requests WHERE (id IN (SELECT request_id FROM request_assignees WHERE expert_id =
?1) OR id IN (SELECT request_id FROM request_offers WHERE expert_id = ?1 AND status =
'open')){REQ_FILTER}{REQ_ORDER} LIMIT ?4

-- @SQL_LIST_ALL
SELECT id FROM requests WHERE ?1 = ?1{REQ_FILTER}{REQ_ORDER} LIMIT ?4

-- @SQL_DUE
SELECT id FROM requests WHERE sla_deadline IS NOT NULL AND sla_deadline <= ? ORDER BY
sla_deadline LIMIT ?

-- @SQL_HOURS
SELECT coalesce(sum(hours_tenths), 0) FROM requests WHERE company_id = ? AND status = 'closed'
AND closed_at >= ?

-- @SQL_NEXT
SELECT coalesce(min(sla_deadline), 0) FROM requests WHERE sla_deadline IS NOT NULL

-- @SQL_EVENT_ADD
INSERT INTO request_events(request_id, at, event, actor_id, detail) VALUES (?, ?, ?, ?, ?)

-- @SQL_EVENTS
SELECT at, event, coalesce(actor_id, 0), detail FROM request_events WHERE request_id = ? ORDER
BY id LIMIT ?

-- @SQL_MSG_ADD
INSERT INTO request_messages(request_id, author_id, body, created_at) VALUES (?, ?, ?, ?)

-- @SQL_MSGS
SELECT id, coalesce(author_id, 0), body, created_at FROM request_messages WHERE request_id = ?
ORDER BY id LIMIT ?
