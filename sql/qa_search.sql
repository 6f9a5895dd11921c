-- sql/qa_search.sql — the statements of src/store/qa_search.c. tools/sqlgen.sh turns each
-- "-- @NAME" section into a C declaration: a name starting with SQL_ a statement
-- (static const char NAME[]), any other a fragment (#define) that {NAME} puts in.

-- Searching (see qa_search), in a lane of the index (?-pairs: its first and last key, or
-- the first and the end of the sample): the key of the ?3-th row; how many rows it has whose
-- key ends in the bits of ?3 all 0; tallies over those rows.
-- @SQL_FLOOR
SELECT id FROM qa_fts_docsize WHERE id BETWEEN ?1 AND ?2 ORDER BY id LIMIT 1 OFFSET ?3

-- @SQL_LANE_ROWS
SELECT count(*) FROM qa_fts_docsize WHERE id BETWEEN ?1 AND ?2 AND (id & ?3) = 0

-- @SQL_TALLY
SELECT kk_df(qa_fts, ?2, ?3, ?4) FROM qa_fts WHERE qa_fts MATCH ?1 AND rowid BETWEEN ?5 AND ?6
AND (rowid & ?7) = 0

-- A key's time, seconds since 2000 (key_time in src/store/qa_index.h, less its EPOCH): a
-- recent question's, then a settled one's.
-- @SECONDS
(CASE WHEN (rowid & 2305843009213693952) = 0 THEN
  (2305843009213693951 - (rowid & 2305843009213693951)) >> 25 ELSE
  ((511 - ((rowid >> 52) & 511)) << 22) | ((140737488355327 - (rowid & 140737488355327)) >> 25)
END)

-- Every match in a lane (keys ?5 to ?6) in key order; while the ranking's gate is open for
-- the row's time (?4, see rank_walk), whether one of the ?3 terms is in the title and the
-- BM25 (?2: the terms' row counts). Past it, only the key: the terms' positions are not read.
-- @SQL_RANKED
SELECT rowid, CASE WHEN kk_gate(?4, {SECONDS}) THEN kk_titled(qa_fts, ?3) END,
CASE WHEN kk_gate(?4, {SECONDS}) THEN kk_rank(qa_fts, ?2) END
FROM qa_fts WHERE qa_fts MATCH ?1 AND rowid BETWEEN ?5 AND ?6 ORDER BY rowid

-- Every match in a lane (keys ?2 to ?3) in key order.
-- @SQL_WALK
SELECT rowid FROM qa_fts WHERE qa_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid

-- @SQL_HIT
SELECT title, created_at, answers > 0 FROM questions WHERE id = ? AND hidden = 0

-- @SQL_SNIPPET
SELECT snippet(qa_fts, -1, char(1), char(2), '…', 24) FROM qa_fts WHERE qa_fts MATCH ?1 AND
rowid = ?2
