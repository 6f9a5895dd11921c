-- sql/registry.sql — the statements of src/store/registry.c: the change log and the bulk
-- reads of the in-memory registry. tools/sqlgen.sh turns each "-- @NAME" section into a C
-- declaration: a name starting with SQL_ a statement, any other a fragment ({NAME}).
-- Each read comes twice: for every expert (a full load, one pass over each table) and for
-- the experts a JSON array ?1 names (after changes, through the primary keys).

-- Two subqueries: SQLite reads a lone min() or max() from the end of the index, but
-- min() and max() together scan every row.
-- @SQL_LOG_BOUNDS
SELECT coalesce((SELECT min(seq) FROM registry_changes), 0), coalesce((SELECT max(seq) FROM
registry_changes), 0)

-- @SQL_LOG_CHANGED
SELECT DISTINCT expert_id FROM registry_changes WHERE seq > ?1 AND seq <= ?2

-- @SQL_LOG_PRUNE
DELETE FROM registry_changes WHERE seq <= (SELECT max(seq) FROM registry_changes) - ?1

-- @SQL_SKILL_CODES
SELECT code FROM skills ORDER BY sort, code

-- @SQL_ROLE_CODES
SELECT code FROM expert_role_types ORDER BY sort, code

-- @REG_EXPERT
SELECT account_id, display_name, prefecture, remote, modes, hours_per_week, on_call, languages,
bio, employer, employer_supports, background, coalesce(ethics_accepted_at, 0), hidden, v_modes,
v_hours_per_week, v_on_call, v_languages, v_bio, v_employer, v_employer_supports, v_background,
v_conflicts, v_ethics_accepted, v_modules FROM experts

-- @SQL_EXPERTS_ALL
{REG_EXPERT} ORDER BY account_id

-- @SQL_EXPERTS_SOME
{REG_EXPERT} WHERE account_id IN (SELECT value FROM json_each(?1)) ORDER BY account_id

-- Skills in the taxonomy's order, as a profile lists them.
-- @REG_SKILLS
SELECT k.expert_id, k.skill, k.level FROM expert_skills k JOIN skills s ON s.code = k.skill

-- @SQL_SKILLS_ALL
{REG_SKILLS} ORDER BY k.expert_id, s.sort

-- @SQL_SKILLS_SOME
{REG_SKILLS} WHERE k.expert_id IN (SELECT value FROM json_each(?1)) ORDER BY k.expert_id, s.sort

-- @SQL_ROLES_ALL
SELECT expert_id, role FROM expert_roles

-- @SQL_ROLES_SOME
SELECT expert_id, role FROM expert_roles WHERE expert_id IN (SELECT value FROM json_each(?1))

-- @SQL_SERVES_ALL
SELECT expert_id, prefecture FROM expert_serves

-- @SQL_SERVES_SOME
SELECT expert_id, prefecture FROM expert_serves WHERE expert_id IN (SELECT value FROM
json_each(?1))

-- @SQL_CONFLICTS_ALL
SELECT expert_id, name FROM expert_conflicts ORDER BY expert_id, name

-- @SQL_CONFLICTS_SOME
SELECT expert_id, name FROM expert_conflicts WHERE expert_id IN (SELECT value FROM
json_each(?1)) ORDER BY expert_id, name

-- The latest certificate of each expert, and whether any is valid.
-- @REG_CERTS
SELECT c.expert_id, c.number, c.level, c.status, c.issued_on, c.expires_on,
coalesce(c.status_reason, ''), EXISTS (SELECT 1 FROM certificates v WHERE v.expert_id =
c.expert_id AND v.status = 'valid') FROM certificates c WHERE c.id = (SELECT max(id) FROM
certificates m WHERE m.expert_id = c.expert_id)

-- @SQL_CERTS_ALL
{REG_CERTS}

-- @SQL_CERTS_SOME
{REG_CERTS} AND c.expert_id IN (SELECT value FROM json_each(?1))

-- Open cases, ratings and the last assignment: what matching weighs besides the profile.
-- @REG_CASES
SELECT x.expert_id, sum(q.status <> 'closed'), count(g.request_id), coalesce(sum(g.stars), 0),
max(x.assigned_at) FROM request_assignees x JOIN requests q ON q.id = x.request_id LEFT JOIN
ratings g ON g.request_id = x.request_id

-- @SQL_CASES_ALL
{REG_CASES} GROUP BY x.expert_id

-- @SQL_CASES_SOME
{REG_CASES} WHERE x.expert_id IN (SELECT value FROM json_each(?1)) GROUP BY x.expert_id
