-- 030 the search index in two tiers per lane: the questions of the last 30 days (recent) in
-- time order, as in 029, and the older ones (settled) in slices of time (2^22 seconds, about
-- 49 days; the newest first), a slice in blocks, one per topic, each newest first. A search
-- reads the recent ones as before; a search filtered by topic reads, in each settled slice,
-- only its topic's block (FTS5 skips the others' postings: a search that reads the whole
-- index for a topic reads a quarter as much); a walk through a settled slice sorts its
-- matches (src/store/qa_search.c), so the order stays newest first, the best answered first
-- within a second, then the higher id. A question is settled once 30 days old (the worker's
-- job, QA_SETTLE_AFTER in src/store/qa.h); the change re-indexes it (the triggers).
--
-- The key, from the top bit: the lane (level - 3, 2 bits, so lane 1 is the lowest key),
-- the tier (1 bit), then
--   recent:   2^61 - 1 less (seconds since 2000-01-01 << 25 | best answer << 24 | id)
--   settled:  511 - the slice (9 bits), the topic's place in the taxonomy (5 bits; 31: a
--             topic added after this migration), 2^47 - 1 less (the seconds in the slice
--             << 25 | best answer << 24 | id)
-- So ids have 24 bits (16.7 million questions) and times are good from 2000 to 2068. The key
-- is a column computed from the row (search_key), so the index, the view and the seed's
-- order share its one expression.
DROP VIEW qa_docs;
DROP INDEX questions_search_key;
DROP TRIGGER qa_docs_q_ub;
DROP TRIGGER qa_docs_q_ua;

ALTER TABLE questions ADD COLUMN settled INTEGER NOT NULL DEFAULT 0;
UPDATE questions SET settled = 1 WHERE created_at < unixepoch() - 30 * 86400;
CREATE INDEX questions_unsettled ON questions(created_at) WHERE settled = 0;

ALTER TABLE questions ADD COLUMN search_key INTEGER GENERATED ALWAYS AS (
  ((level - 3) << 62) | CASE WHEN settled = 0 THEN
    2305843009213693951 - ((max(min(created_at - 946684800, 2147483647), 0) << 25) |
                           ((best_answer_id IS NOT NULL) << 24) | id)
  ELSE
    2305843009213693952 |
    ((511 - (max(min(created_at - 946684800, 2147483647), 0) >> 22)) << 52) |
    (CASE topic WHEN 'accounts' THEN 0 WHEN 'awareness' THEN 1 WHEN 'backup' THEN 2
       WHEN 'cloud' THEN 3 WHEN 'ecommerce' THEN 4 WHEN 'endpoint' THEN 5
       WHEN 'forensics' THEN 6 WHEN 'governance' THEN 7 WHEN 'ics' THEN 8
       WHEN 'incident_response' THEN 9 WHEN 'iot' THEN 10 WHEN 'legal' THEN 11
       WHEN 'log_analysis' THEN 12 WHEN 'm365' THEN 13 WHEN 'malware' THEN 14
       WHEN 'network' THEN 15 WHEN 'office_it' THEN 16 WHEN 'pentest' THEN 17
       WHEN 'phishing_training' THEN 18 WHEN 'police_liaison' THEN 19 WHEN 'policy' THEN 20
       WHEN 'ransomware' THEN 21 WHEN 'remote_work' THEN 22 WHEN 'risk_assessment' THEN 23
       WHEN 'self_assessment' THEN 24 WHEN 'supply_chain' THEN 25 WHEN 'vuln_scan' THEN 26
       WHEN 'web' THEN 27 ELSE 31 END << 47) |
    (140737488355327 - (((max(min(created_at - 946684800, 2147483647), 0) & 4194303) << 25) |
                       ((best_answer_id IS NOT NULL) << 24) | id))
  END) VIRTUAL;

CREATE INDEX questions_search_key ON questions(search_key) WHERE hidden = 0;

CREATE VIEW qa_docs(search_key, title, body, facets, id) AS
  SELECT q.search_key, q.title,
         q.body || coalesce(char(10) || (SELECT group_concat(a.body || coalesce(char(10) ||
           a.addendum, ''), char(10)) FROM answers a WHERE a.question_id = q.id AND
           a.hidden = 0), ''),
         char(31) || 't' || hex(q.topic) || ' ' || char(31) || 't' || hex(q.topic) || 'l' ||
           q.level,
         q.id
  FROM questions q WHERE likely(q.hidden = 0) ORDER BY 1;

CREATE TRIGGER qa_docs_q_ub BEFORE UPDATE OF title, body, topic, level, best_answer_id, hidden,
  created_at, settled ON questions BEGIN
  INSERT INTO qa_fts(qa_fts, rowid, title, body, facets)
    SELECT 'delete', search_key, title, body, facets FROM qa_docs WHERE id = OLD.id; END;
CREATE TRIGGER qa_docs_q_ua AFTER UPDATE OF title, body, topic, level, best_answer_id, hidden,
  created_at, settled ON questions BEGIN
  INSERT INTO qa_fts(rowid, title, body, facets)
    SELECT search_key, title, body, facets FROM qa_docs WHERE id = NEW.id; END;

INSERT INTO qa_fts(qa_fts) VALUES ('rebuild');
INSERT INTO qa_fts(qa_fts) VALUES ('optimize');
