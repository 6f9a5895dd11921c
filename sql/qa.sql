-- sql/qa.sql — the statements of src/store/qa.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- A question is settled (migrations/030) when created before ?9.
-- @SQL_Q_ADD
INSERT INTO questions(asker_id, title, body, topic, level, prefecture, industry, created_at,
settled) VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?8 < ?9)

-- @SQL_Q_SETTLE
UPDATE questions SET settled = 1 WHERE id IN (SELECT id FROM questions WHERE settled = 0 AND
created_at < ?1 LIMIT ?2)

-- @SQL_Q_GET
SELECT coalesce(asker_id, 0), title, body, topic, level, prefecture, industry,
coalesce(best_answer_id, 0), answers, hidden, created_at FROM questions WHERE id = ?

-- @SQL_Q_BEST
UPDATE questions SET best_answer_id = ?2 WHERE id = ?1

-- @SQL_Q_HIDE
UPDATE questions SET hidden = ?2 WHERE id = ?1

-- @SQL_Q_RECENT
SELECT id FROM questions WHERE hidden = 0 AND (?1 IS NULL OR topic = ?1) AND (?2 = 0 OR answers
= 0) ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4

-- @SQL_A_ADD
INSERT INTO answers(question_id, expert_id, body, created_at) VALUES (?, ?, ?, ?)

-- @SQL_A_COUNT
UPDATE questions SET answers = (SELECT count(*) FROM answers WHERE question_id = ?1 AND hidden =
0) WHERE id = ?1

-- The columns answer_row reads, in its order.
-- @ANSWER_COLS
id, question_id, coalesce(expert_id, 0), body, helpful, hidden, created_at,
coalesce(confirmed_at, 0), addendum

-- @SQL_A_GET
SELECT {ANSWER_COLS} FROM answers WHERE id = ?

-- @SQL_A_LIST
SELECT {ANSWER_COLS} FROM answers WHERE question_id = ? AND hidden = 0 ORDER BY id LIMIT ?

-- @SQL_A_CONFIRM
UPDATE answers SET confirmed_at = ?2, addendum = coalesce(?3, addendum) WHERE id = ?1

-- @SQL_A_HIDE
UPDATE answers SET hidden = ?2 WHERE id = ?1

-- @SQL_HELPFUL
INSERT INTO helpful_marks(answer_id, account_id, created_at) VALUES (?, ?, ?)

-- @SQL_HELPFUL_MARKED
SELECT count(*) FROM helpful_marks WHERE answer_id = ?1 AND account_id = ?2

-- @SQL_HELPFUL_COUNT
UPDATE answers SET helpful = helpful + 1 WHERE id = ? RETURNING helpful

-- @SQL_REPORT
INSERT INTO post_reports(kind, post_id, reporter_id, reason, created_at) VALUES (?, ?, ?, ?, ?)

-- Bulk questions are history: their follow-up (7 and 30 days) is done. Written with hidden = 2
-- (being loaded: hidden like any other nonzero value) and shown together when the load is
-- complete (SQL_BULK_ORDER, then SQL_BULK_SHOW for each), so the triggers index them in one
-- transaction, as a rebuild does, not a segment per batch. In the index's key order (the
-- column search_key, migrations/030): FTS5 writes out what it holds whenever a key is lower
-- than the last.
-- @SQL_BULK_Q
INSERT INTO questions(asker_id, title, body, topic, level, prefecture, industry, created_at,
answers, followup, hidden, settled) VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?9, 2, 2, ?8 < ?10)

-- @SQL_BULK_ORDER
SELECT id FROM questions WHERE hidden = 2 ORDER BY search_key

-- @SQL_BULK_SHOW
UPDATE questions SET hidden = 0 WHERE id = ?

-- @SQL_BULK_A
INSERT INTO answers(question_id, expert_id, body, created_at, helpful) VALUES (?, ?, ?, ?, ?)

-- Rebuild the index from the view qa_docs (migrations/028), then one segment, so looking
-- up a row (a snippet) costs one seek per term instead of one per segment (1 ms to 0.1 ms
-- at a million rows).
-- @SQL_FTS_REBUILD
INSERT INTO qa_fts(qa_fts) VALUES ('rebuild')

-- @SQL_FTS_OPTIMIZE
INSERT INTO qa_fts(qa_fts) VALUES ('optimize')

-- Merge the index's segments, writing about ?1 pages (migrations/031).
-- @SQL_FTS_MERGE
INSERT INTO qa_fts(qa_fts, rank) VALUES ('merge', ?1)

-- Whether the index holds exactly the rows of qa_docs: an error if not.
-- @SQL_FTS_CHECK
INSERT INTO qa_fts(qa_fts, rank) VALUES ('integrity-check', 1)

-- Reputation: 10 per best answer, 1 per helpful mark; nothing from one's own questions.
-- @SQL_RANKING
SELECT a.expert_id, sum(CASE WHEN q.best_answer_id = a.id THEN 10 ELSE 0 END) + sum(a.helpful),
count(*), sum(q.best_answer_id = a.id) FROM answers a JOIN questions q ON q.id = a.question_id
JOIN experts e ON e.account_id = a.expert_id WHERE a.hidden = 0 AND q.hidden = 0 AND e.hidden =
0 AND q.asker_id IS NOT a.expert_id AND (?1 IS NULL OR q.topic = ?1) AND (?2 IS NULL OR e.prefecture = ?2) GROUP BY a.expert_id
ORDER BY 2 DESC, 1 LIMIT ?3

-- @SQL_UNANSWERED
SELECT id, topic, prefecture, coalesce(asker_id, 0) FROM questions WHERE hidden = 0 AND answers
= 0 AND followup = ?2 AND created_at < ?1 ORDER BY created_at LIMIT ?3

-- @SQL_FOLLOWUP
UPDATE questions SET followup = ?2 WHERE id = ?1

-- @SQL_EXPERTS_FOR
SELECT e.account_id FROM expert_skills k JOIN experts e ON e.account_id = k.expert_id WHERE
k.skill = ?1 AND e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL ORDER BY e.prefecture <>
coalesce(?2, ''), k.level DESC, e.account_id LIMIT ?3

-- @SQL_REPORTS
SELECT r.id, r.kind, r.post_id, coalesce(r.reporter_id, 0), r.reason, r.created_at FROM
post_reports r WHERE (r.kind = 'question' AND EXISTS (SELECT 1 FROM questions q WHERE q.id =
r.post_id AND q.hidden = 0)) OR (r.kind = 'answer' AND EXISTS (SELECT 1 FROM answers a WHERE
a.id = r.post_id AND a.hidden = 0)) ORDER BY r.id DESC LIMIT ?
