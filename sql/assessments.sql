-- sql/assessments.sql — the statements of src/store/assessments.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- @SQL_VERSION
SELECT coalesce(max(version), 0) FROM assessment_items

-- @SQL_ITEMS
SELECT code, function, effort, skills, roles, CASE WHEN ?2 = 'en' THEN question_en ELSE
question_ja END, CASE WHEN ?2 = 'en' THEN why_en ELSE why_ja END, CASE WHEN ?2 = 'en' THEN
step_en ELSE step_ja END, keywords, sort, weight FROM assessment_items WHERE version = ?1 ORDER
BY instr('GV ID PR DE RS RC', function), sort LIMIT ?3

-- @SQL_CREATE
INSERT INTO assessments(company_id, draft_hash, version, total, gv, id_, pr, de, rs, rc,
created_at) VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)

-- @SQL_ANSWER
INSERT INTO assessment_answers(assessment_id, item, answer) VALUES (?, ?, ?)

-- The columns assessment_row reads, in their order.
-- @ASSESSMENT_COLS
id, coalesce(company_id, 0), created_at, version, total, gv, id_, pr, de, rs, rc, counted_in

-- @SQL_GET
SELECT {ASSESSMENT_COLS} FROM assessments WHERE id = ?

-- @SQL_OF_COMPANY
SELECT {ASSESSMENT_COLS} FROM assessments WHERE company_id = ?1 ORDER BY id DESC LIMIT ?2

-- @SQL_DRAFT_IS
SELECT count(*) FROM assessments WHERE id = ?1 AND company_id IS NULL AND draft_hash = ?2

-- @SQL_ANSWERS
SELECT item, answer FROM assessment_answers WHERE assessment_id = ?1 LIMIT ?2

-- @SQL_CLAIM
UPDATE assessments SET company_id = ?2, draft_hash = NULL WHERE draft_hash = ?1 AND company_id
IS NULL

-- @SQL_PURGE
DELETE FROM assessments WHERE company_id IS NULL AND created_at < ?

-- @SQL_PURGE_PROGRESS
DELETE FROM assessment_progress WHERE updated_at < ?

-- @SQL_COUNTED
SELECT id FROM assessments WHERE company_id = ? AND counted_in IS NOT NULL

-- @SQL_LATEST
SELECT id FROM assessments WHERE company_id = ? ORDER BY id DESC LIMIT 1

-- @SQL_PEER_SCORE
INSERT INTO peer_scores(version, grp, score, n) SELECT version, ?2, total, ?3 FROM assessments
WHERE id = ?1 ON CONFLICT(version, grp, score) DO UPDATE SET n = n + excluded.n

-- @SQL_PEER_ITEMS
INSERT INTO peer_items(version, grp, item, doing, applicable) SELECT a.version, ?2, x.item, ?3 *
(x.answer IN ('done', 'reviewed')), ?3 * (x.answer <> 'not_applicable') FROM assessment_answers
x JOIN assessments a ON a.id = x.assessment_id WHERE x.assessment_id = ?1 ON CONFLICT(version,
grp, item) DO UPDATE SET doing = doing + excluded.doing, applicable = applicable +
excluded.applicable

-- @SQL_SET_COUNTED
UPDATE assessments SET counted_in = ?2 WHERE id = ?1

-- @SQL_HIST
SELECT score, n FROM peer_scores WHERE version = ?1 AND grp = ?2 AND n > 0

-- @SQL_PEER_ITEMS_OF
SELECT item, doing, applicable FROM peer_items WHERE version = ?1 AND grp = ?2 LIMIT ?3

-- @SQL_CONSENT
SELECT statistics_consent FROM companies WHERE account_id = ?

-- @SQL_SET_CONSENT
UPDATE companies SET statistics_consent = ?2 WHERE account_id = ?1

-- @SQL_PROGRESS_GET
SELECT answers FROM assessment_progress WHERE token_hash = ?

-- @SQL_PROGRESS_PUT
INSERT INTO assessment_progress(token_hash, answers, updated_at) VALUES (?1, ?2, ?3) ON
CONFLICT(token_hash) DO UPDATE SET answers = ?2, updated_at = ?3

-- @SQL_PROGRESS_DROP
DELETE FROM assessment_progress WHERE token_hash = ?

-- The groups an assessment counts in, as a JSON array for json_each.
-- @COUNTED_GROUPS
json_each('["' || replace(a.counted_in, ' ', '","') || '"]') g
-- The peer figures again from the assessments counted now (peer_rebuild).
-- @SQL_PEER_CLEAR_SCORES
DELETE FROM peer_scores
-- @SQL_PEER_CLEAR_ITEMS
DELETE FROM peer_items
-- @SQL_PEER_FILL_SCORES
INSERT INTO peer_scores(version, grp, score, n)
  SELECT a.version, g.value, a.total, count(*) FROM assessments a, {COUNTED_GROUPS}
  WHERE a.counted_in IS NOT NULL GROUP BY 1, 2, 3
-- @SQL_PEER_FILL_ITEMS
INSERT INTO peer_items(version, grp, item, doing, applicable)
  SELECT a.version, g.value, x.item, sum(x.answer IN ('done', 'reviewed')),
         sum(x.answer <> 'not_applicable')
  FROM assessments a JOIN assessment_answers x ON x.assessment_id = a.id, {COUNTED_GROUPS}
  WHERE a.counted_in IS NOT NULL GROUP BY 1, 2, 3
