-- sql/match_pool.sql — the statements of src/store/match_pool.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- The lists of the chosen experts (?1, a JSON array of ids).
-- @SQL_MATCH_SKILLS
SELECT expert_id, skill, level FROM expert_skills WHERE expert_id IN (SELECT value FROM
json_each(?1))

-- @SQL_MATCH_ROLES
SELECT expert_id, role FROM expert_roles WHERE expert_id IN (SELECT value FROM json_each(?1))

-- @SQL_MATCH_CONFLICTS
SELECT expert_id, name FROM expert_conflicts WHERE expert_id IN (SELECT value FROM
json_each(?1))

-- @SQL_MATCH_SERVES
SELECT expert_id, prefecture FROM expert_serves WHERE expert_id IN (SELECT value FROM
json_each(?1))
-- Candidates: experts with one of the skills (?1, a JSON array) or roles (?2), the nearest
-- to prefecture ?5 first (by home prefecture: 0 the same, 1 a neighbour, 2 the regional
-- block, 3 elsewhere), at most ?4 of them; on call only when ?3. They are chosen first, and
-- the per-expert figures computed for the chosen only.
-- @SQL_MATCH_EXPERTS
WITH rel(id) AS (SELECT expert_id FROM expert_skills WHERE skill IN (SELECT value FROM json_each(?1))
    UNION SELECT expert_id FROM expert_roles WHERE role IN (SELECT value FROM json_each(?2))),
  tiers(code, tier) AS (SELECT ?5, 0
    UNION ALL SELECT CASE WHEN a = ?5 THEN b ELSE a END, 1 FROM prefecture_links WHERE a = ?5 OR b = ?5
    UNION ALL SELECT code, 2 FROM prefectures WHERE code <> ?5
      AND block = (SELECT block FROM prefectures WHERE code = ?5)),
  best_tier(code, tier) AS (SELECT code, min(tier) FROM tiers GROUP BY code),
  chosen(id, tier) AS MATERIALIZED (SELECT e.account_id, coalesce(t.tier, 3)
    FROM rel JOIN experts e ON e.account_id = rel.id LEFT JOIN best_tier t ON t.code = e.prefecture
    WHERE e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL AND (?3 = 0 OR e.on_call = 1)
    ORDER BY 2, 1 LIMIT ?4)
SELECT e.account_id, e.prefecture, e.remote, e.modes, e.on_call, e.hours_per_week,
  (SELECT status FROM certificates c WHERE c.expert_id = e.account_id ORDER BY id DESC LIMIT 1),
  (SELECT count(*) FROM request_assignees x JOIN requests q ON q.id = x.request_id
    WHERE x.expert_id = e.account_id AND q.status <> 'closed'),
  (SELECT count(*) FROM ratings g JOIN request_assignees x ON x.request_id = g.request_id
    WHERE x.expert_id = e.account_id),
  (SELECT coalesce(sum(g.stars), 0) FROM ratings g JOIN request_assignees x
    ON x.request_id = g.request_id WHERE x.expert_id = e.account_id),
  (SELECT max(assigned_at) FROM request_assignees x WHERE x.expert_id = e.account_id),
  e.v_on_call, e.v_hours_per_week
FROM chosen JOIN experts e ON e.account_id = chosen.id ORDER BY chosen.tier, chosen.id
