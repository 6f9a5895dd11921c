-- sql/regions.sql — the statements of src/store/regions.c (see sql/accounts.sql for the form).

-- The generation of everything the map reads: region_days and responses (regions_gen),
-- the registry (registry_gen); both only grow, so their sum changes whenever either does.
-- @SQL_GENERATION
SELECT coalesce(sum(value), 0) FROM settings WHERE key IN ('regions_gen', 'registry_gen')
-- Each alone: the activity (regions_gen) and the registry (registry_gen).
-- @SQL_GENERATIONS
SELECT (SELECT value FROM settings WHERE key = 'regions_gen'),
       (SELECT value FROM settings WHERE key = 'registry_gen'),
       (SELECT value FROM settings WHERE key = 'assess_gen')

-- The counts of the period's days ?1..?2 per prefecture and metric.
-- @SQL_FLOWS
SELECT pref, metric, sum(n) FROM region_days WHERE day BETWEEN ?1 AND ?2 GROUP BY pref, metric

-- Per prefecture: active experts (a visible profile, ethics accepted), those certified now,
-- those on call who show it publicly.
-- @SQL_EXPERTS
SELECT e.prefecture, count(*),
  sum(EXISTS (SELECT 1 FROM certificates c WHERE c.expert_id = e.account_id AND c.status = 'valid')),
  sum(e.on_call = 1 AND e.v_on_call = 0)
FROM experts e WHERE e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL GROUP BY e.prefecture

-- Per prefecture: its active experts by role (sum() of each, in the order of
-- domain/regions.h's RM_ROLE_*).
-- @SQL_ROLES
SELECT e.prefecture, sum(r.role = 'evangelist'), sum(r.role = 'adviser'),
  sum(r.role = 'technical'), sum(r.role = 'responder'), sum(r.role = 'trainer')
FROM expert_roles r JOIN experts e ON e.account_id = r.expert_id
WHERE e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL GROUP BY e.prefecture

-- @SQL_COMMUNITIES
SELECT prefecture, count(*) FROM community_prefectures GROUP BY prefecture

-- The number of first responses and their lower median per prefecture, for requests filed
-- on days ?1..?2.
-- @SQL_MEDIANS
SELECT pref, c, seconds FROM (
  SELECT pref, seconds, row_number() OVER (PARTITION BY pref ORDER BY seconds) AS rn,
         count(*) OVER (PARTITION BY pref) AS c
  FROM region_responses WHERE day BETWEEN ?1 AND ?2)
WHERE rn = (c + 1) / 2

-- Every day's counts (day order: the table's key), and every first response.
-- @SQL_DAYS
SELECT pref, day, metric, n FROM region_days WHERE n <> 0
-- @SQL_RESPONSES
SELECT pref, day, seconds FROM region_responses

-- What a prefecture's companies asked about since day ?2, and what its experts offer.
-- @SQL_SKILLS_ASKED
SELECT t.skill, count(*) FROM request_topics t JOIN requests q ON q.id = t.request_id
WHERE q.filed_in = ?1 AND q.created_at >= ?2 * 86400 - 32400 GROUP BY t.skill ORDER BY 2 DESC, 1
LIMIT ?3
-- @SQL_SKILLS_OFFERED
SELECT k.skill, count(*) FROM expert_skills k JOIN experts e ON e.account_id = k.expert_id
WHERE e.prefecture = ?1 AND e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL GROUP BY k.skill

-- Who hosts each prefecture's desk; the types of the communities serving it; its companies.
-- @SQL_DESK_HOSTS
SELECT d.prefecture, c.type FROM desks d JOIN communities c ON c.id = d.community_id
ORDER BY d.id
-- @SQL_COMMUNITY_TYPES
SELECT p.prefecture, c.type, count(*) FROM community_prefectures p
JOIN communities c ON c.id = p.community_id GROUP BY 1, 2
-- @SQL_INDUSTRY_MIX
SELECT prefecture, count(*), sum(industry = 'E') FROM companies GROUP BY prefecture

-- One prefecture's flows per month since day ?2.
-- @SQL_PREF_MONTHLY
SELECT strftime('%Y-%m', day * 86400, 'unixepoch') AS month, metric, sum(n) FROM region_days
WHERE pref = ?1 AND day >= ?2 GROUP BY 1, 2 ORDER BY 1

-- The reference count per prefecture an admin uploaded, and what it is.
-- @SQL_REF_GET
SELECT pref, value FROM region_reference
-- @SQL_REF_LABEL
SELECT value FROM settings WHERE key = 'region_reference_label'
-- @SQL_REF_CLEAR
DELETE FROM region_reference
-- @SQL_REF_PUT
INSERT INTO region_reference(pref, value) VALUES (?1, ?2)
-- @SQL_REF_SET_LABEL
UPDATE settings SET value = ?1 WHERE key = 'region_reference_label'

-- The first day with any activity (today's when none).
-- @SQL_FIRST_DAY
SELECT min(day) FROM region_days WHERE n <> 0

-- Per prefecture: the companies whose latest self-assessment counts (they agreed), and per
-- NIST CSF function how many of them it applies to and how many scored under 50.
-- @SQL_ASSESSED
SELECT c.prefecture, count(*),
  sum(a.gv >= 0), sum(a.gv BETWEEN 0 AND 49), sum(a.id_ >= 0), sum(a.id_ BETWEEN 0 AND 49),
  sum(a.pr >= 0), sum(a.pr BETWEEN 0 AND 49), sum(a.de >= 0), sum(a.de BETWEEN 0 AND 49),
  sum(a.rs >= 0), sum(a.rs BETWEEN 0 AND 49), sum(a.rc >= 0), sum(a.rc BETWEEN 0 AND 49)
FROM assessments a JOIN companies c ON c.account_id = a.company_id
WHERE a.counted_in IS NOT NULL GROUP BY c.prefecture
