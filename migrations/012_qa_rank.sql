-- 012 the search index ranks by bm25 with titles weighing four times the text,
-- so "ORDER BY rank LIMIT n" finds the most relevant rows first.
INSERT INTO qa_fts(qa_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
