-- 031 the search index's small segments are merged two at a time (FTS5's usermerge; the
-- default is 4): every write to the index (a question asked, answered or settled) adds a
-- segment of a few pages, and FTS5 merges them as it writes only in proportion to what it
-- writes, so up to 16 gathered on a level (at a million questions, 17 segments made a
-- search of three terms a third slower). The worker's search job merges them ('merge',
-- src/app/jobs.c).
INSERT INTO qa_fts(qa_fts, rank) VALUES ('usermerge', 2);
