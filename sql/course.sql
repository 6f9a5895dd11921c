-- sql/course.sql — the statements of src/store/course.c (see sql/accounts.sql for the form).

-- The curriculum: each role's modules in order.
-- @SQL_MODULES
SELECT m.code, m.role, m.position, m.title_ja, m.title_en, m.summary_ja, m.summary_en
FROM course_modules m JOIN expert_role_types t ON t.code = m.role
ORDER BY t.sort, m.position LIMIT ?1

-- An account's completed modules, and how.
-- @SQL_COMPLETIONS
SELECT module, coalesce(event_id, 0), coalesce(marked_by, 0), reason, completed_at
FROM module_completions WHERE account_id = ?1 ORDER BY module LIMIT ?2

-- An admin marks a module completed, with a reason.
-- @SQL_MARK
INSERT INTO module_completions(account_id, module, marked_by, reason, completed_at)
VALUES (?1, ?2, ?3, ?4, ?5)

-- Upcoming sessions that cover any of the modules ?1 (a JSON list), soonest first.
-- @SQL_SESSIONS
SELECT e.id FROM events e WHERE e.status = 'scheduled' AND e.starts_at > ?2
  AND EXISTS (SELECT 1 FROM event_modules m WHERE m.event_id = e.id
              AND m.module IN (SELECT value FROM json_each(?1)))
ORDER BY e.starts_at, e.id LIMIT ?3
