-- 029 the search index in four lanes, one per level: rowid = (level - 1) << 61, then
-- 2^61 - 1 less (seconds since 2000-01-01 << 30 | the best-answer bit << 29 | the id), so
-- in ascending order the newest row comes first (FTS5 seeks forward cheaply, backward page
-- by page). A search filtered by level reads one lane; by topic and level, that
-- lane's rows of the topic, which FTS5 finds by skipping (the filter word's rows are near
-- each other); without a level filter the four lanes are walked together, newest first
-- (src/store/qa_search.c). Times are good from 2000 to 2068. The filter words are facet
-- words (src/domain/bigram.h): the topic, and the topic with the level, each after U+001F,
-- which nothing a person types makes, so a search needs no column filter (it made FTS5
-- read every term's positions) to keep its terms off them. The view is in key order, so a
-- rebuild adds the rows in the order FTS5 needs to write them in one go (it writes out what
-- it holds whenever a key is lower than the last); likely() tells the planner that most
-- questions are visible, so it reads them through questions_search_key instead of sorting.
DROP VIEW qa_docs;
DROP INDEX questions_search_key;

CREATE INDEX questions_search_key ON questions(((level - 1) << 61) | (2305843009213693951 -
  ((max(min(created_at - 946684800, 2147483647), 0) << 30) |
   ((best_answer_id IS NOT NULL) << 29) | id))) WHERE hidden = 0;

CREATE VIEW qa_docs(search_key, title, body, facets, id) AS
  SELECT ((q.level - 1) << 61) | (2305843009213693951 -
           ((max(min(q.created_at - 946684800, 2147483647), 0) << 30) |
            ((q.best_answer_id IS NOT NULL) << 29) | q.id)), q.title,
         q.body || coalesce(char(10) || (SELECT group_concat(a.body || coalesce(char(10) ||
           a.addendum, ''), char(10)) FROM answers a WHERE a.question_id = q.id AND
           a.hidden = 0), ''),
         char(31) || 't' || hex(q.topic) || ' ' || char(31) || 't' || hex(q.topic) || 'l' ||
           q.level,
         q.id
  FROM questions q WHERE likely(q.hidden = 0) ORDER BY 1;

INSERT INTO qa_fts(qa_fts) VALUES ('rebuild');
INSERT INTO qa_fts(qa_fts) VALUES ('optimize');
