-- sql/qa_search.sql — the statements of src/store/qa_search.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- Searching (see qa_search): the key of the ?-th newest row; tallies over the rows from there;
-- the candidates.
-- @SQL_FLOOR
SELECT id FROM qa_fts_docsize ORDER BY id DESC LIMIT 1 OFFSET ?

-- @SQL_TALLY
SELECT kk_df(qa_fts, ?2, ?3, ?4) FROM qa_fts WHERE qa_fts MATCH ?1 AND rowid >= ?5

-- @SQL_NEWEST
SELECT rowid, kk_rank(qa_fts, ?2) FROM qa_fts WHERE qa_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3

-- Within a range in ascending order: FTS5 (3.40) read in descending order does not stop at a
-- lower bound on rowid when nothing matches (44 ms against 0.3).
-- @SQL_RANGE
SELECT rowid, kk_rank(qa_fts, ?2) FROM qa_fts WHERE qa_fts MATCH ?1 AND rowid >= ?4 AND rowid <
?5 ORDER BY rowid LIMIT ?3

-- Past the ranked candidates: every match, newest first (at most ?2).
-- @SQL_WALK
SELECT rowid FROM qa_fts WHERE qa_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2

-- How many match, up to ?2, counted without returning the rows.
-- @SQL_COUNT
SELECT count(*) FROM (SELECT rowid FROM qa_fts WHERE qa_fts MATCH ?1 LIMIT ?2)

-- @SQL_HIT
SELECT title, created_at, answers > 0 FROM questions WHERE id = ? AND hidden = 0

-- @SQL_SNIPPET
SELECT snippet(qa_fts, -1, char(1), char(2), '…', 24) FROM qa_fts WHERE qa_fts MATCH ?1 AND
rowid = ?2
