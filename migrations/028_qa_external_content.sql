-- 028 the search index keeps no copy of the text: its rows are read from the questions and
-- their answers through the view qa_docs (FTS5's external content), one row per visible
-- question with the key, title, text and filter words of migration 015. The key is an
-- expression index on questions, so a row is found by it (a snippet) and read in its order
-- (a rebuild).
--
-- Triggers keep the index equal to the view inside every transaction that changes what it
-- shows: before a change a row leaves the index with the text it was indexed with (FTS5
-- needs that text to delete it), after the change it comes back with the new text. Only the
-- kakekomi tokenizer can do that, so a writer without it (the sqlite3 shell) cannot change a
-- question or an answer: use `kakekomi sql`. A change to the view or to the tokenizer
-- (src/domain/bigram.c) needs a migration that rebuilds the index: 'rebuild' below.
DROP TABLE qa_fts;

CREATE INDEX questions_search_key ON questions((created_at << 31) |
  ((best_answer_id IS NOT NULL) << 30) | id) WHERE hidden = 0;

CREATE VIEW qa_docs(search_key, title, body, facets, id) AS
  SELECT (q.created_at << 31) | ((q.best_answer_id IS NOT NULL) << 30) | q.id, q.title,
         q.body || coalesce(char(10) || (SELECT group_concat(a.body || coalesce(char(10) ||
           a.addendum, ''), char(10)) FROM answers a WHERE a.question_id = q.id AND
           a.hidden = 0), ''),
         't' || hex(q.topic) || ' l' || q.level || ' t' || hex(q.topic) || 'l' || q.level ||
         ' b' || (q.best_answer_id IS NOT NULL),
         q.id
  FROM questions q WHERE q.hidden = 0;

CREATE VIRTUAL TABLE qa_fts USING fts5(title, body, facets, tokenize = 'kakekomi',
  content = 'qa_docs', content_rowid = 'search_key');

CREATE TRIGGER qa_docs_q_i AFTER INSERT ON questions BEGIN
  INSERT INTO qa_fts(rowid, title, body, facets)
    SELECT search_key, title, body, facets FROM qa_docs WHERE id = NEW.id; END;
CREATE TRIGGER qa_docs_q_ub BEFORE UPDATE OF title, body, topic, level, best_answer_id, hidden,
  created_at ON questions BEGIN
  INSERT INTO qa_fts(qa_fts, rowid, title, body, facets)
    SELECT 'delete', search_key, title, body, facets FROM qa_docs WHERE id = OLD.id; END;
CREATE TRIGGER qa_docs_q_ua AFTER UPDATE OF title, body, topic, level, best_answer_id, hidden,
  created_at ON questions BEGIN
  INSERT INTO qa_fts(rowid, title, body, facets)
    SELECT search_key, title, body, facets FROM qa_docs WHERE id = NEW.id; END;
-- Its answers go after the question (a cascade), when the view no longer shows it.
CREATE TRIGGER qa_docs_q_d BEFORE DELETE ON questions BEGIN
  INSERT INTO qa_fts(qa_fts, rowid, title, body, facets)
    SELECT 'delete', search_key, title, body, facets FROM qa_docs WHERE id = OLD.id; END;

CREATE TRIGGER qa_docs_a_ib BEFORE INSERT ON answers BEGIN
  INSERT INTO qa_fts(qa_fts, rowid, title, body, facets)
    SELECT 'delete', search_key, title, body, facets FROM qa_docs WHERE id = NEW.question_id;
  END;
CREATE TRIGGER qa_docs_a_ia AFTER INSERT ON answers BEGIN
  INSERT INTO qa_fts(rowid, title, body, facets)
    SELECT search_key, title, body, facets FROM qa_docs WHERE id = NEW.question_id; END;
CREATE TRIGGER qa_docs_a_ub BEFORE UPDATE OF body, addendum, hidden, question_id ON answers
  BEGIN
  INSERT INTO qa_fts(qa_fts, rowid, title, body, facets)
    SELECT 'delete', search_key, title, body, facets FROM qa_docs
    WHERE id IN (OLD.question_id, NEW.question_id); END;
CREATE TRIGGER qa_docs_a_ua AFTER UPDATE OF body, addendum, hidden, question_id ON answers
  BEGIN
  INSERT INTO qa_fts(rowid, title, body, facets)
    SELECT search_key, title, body, facets FROM qa_docs
    WHERE id IN (OLD.question_id, NEW.question_id); END;
CREATE TRIGGER qa_docs_a_db BEFORE DELETE ON answers BEGIN
  INSERT INTO qa_fts(qa_fts, rowid, title, body, facets)
    SELECT 'delete', search_key, title, body, facets FROM qa_docs WHERE id = OLD.question_id;
  END;
CREATE TRIGGER qa_docs_a_da AFTER DELETE ON answers BEGIN
  INSERT INTO qa_fts(rowid, title, body, facets)
    SELECT search_key, title, body, facets FROM qa_docs WHERE id = OLD.question_id; END;

INSERT INTO qa_fts(qa_fts) VALUES ('rebuild');
INSERT INTO qa_fts(qa_fts) VALUES ('optimize');
