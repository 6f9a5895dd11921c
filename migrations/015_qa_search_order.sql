-- 015 the search index in recency order, so a search reads its newest matches
-- first and stops (see qa_search in src/store/qa.c): rowid = (created_at << 31)
-- | (has a best answer) << 30 | id. A third column holds the filters as words:
-- 't' and the topic in hex, 'l' and the level, the two as one word (a search
-- with both reads one short list), 'b1' with a best answer, else 'b0'.
DROP TABLE qa_fts;
CREATE VIRTUAL TABLE qa_fts USING fts5(title, body, facets, tokenize = 'kakekomi');
INSERT INTO qa_fts(rowid, title, body, facets)
  SELECT (q.created_at << 31) | ((q.best_answer_id IS NOT NULL) << 30) | q.id, q.title,
         q.body || coalesce(char(10) || (SELECT group_concat(a.body || coalesce(char(10) ||
           a.addendum, ''), char(10)) FROM answers a WHERE a.question_id = q.id AND a.hidden = 0),
           ''),
         't' || hex(q.topic) || ' l' || q.level || ' t' || hex(q.topic) || 'l' || q.level ||
         ' b' || (q.best_answer_id IS NOT NULL)
  FROM questions q WHERE q.hidden = 0;
-- One segment after the bulk build: a row's snippet then costs one seek per term.
INSERT INTO qa_fts(qa_fts) VALUES ('optimize');
