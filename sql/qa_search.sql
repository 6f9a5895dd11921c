-- sql/qa_search.sql — the statements of src/store/qa_search.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- Searching (see qa_search): the key of the ?-th newest row; tallies over the rows from there;
-- the candidates.
-- @SQL_FLOOR
SELECT id FROM qa_fts_docsize ORDER BY id DESC LIMIT 1 OFFSET ?

-- @SQL_TALLY
SELECT kk_df(qa_fts, ?2, ?3, ?4) FROM qa_fts WHERE qa_fts MATCH ?1 AND rowid >= ?5

-- Every match, newest first; the BM25 (?2: the terms' row counts) of those the gate ?4 takes,
-- told whether one of the ?3 terms is in the title (see rank_walk).
-- @SQL_RANKED
SELECT rowid, CASE WHEN kk_gate(?4, rowid, kk_titled(qa_fts, ?3)) THEN kk_rank(qa_fts, ?2) END
FROM qa_fts WHERE qa_fts MATCH ?1 ORDER BY rowid DESC

-- Past the ranked candidates: every match, newest first (at most ?2).
-- @SQL_WALK
SELECT rowid FROM qa_fts WHERE qa_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2

-- @SQL_HIT
SELECT title, created_at, answers > 0 FROM questions WHERE id = ? AND hidden = 0

-- @SQL_SNIPPET
SELECT snippet(qa_fts, -1, char(1), char(2), '…', 24) FROM qa_fts WHERE qa_fts MATCH ?1 AND
rowid = ?2
