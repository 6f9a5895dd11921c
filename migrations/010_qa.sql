-- 010 the Q&A knowledge base: questions (the asker stays anonymous: only the
-- prefecture and industry are shown), answers by experts, helpful marks, reports,
-- and a full-text index with the kakekomi bigram tokenizer (src/domain/bigram.c).
CREATE TABLE questions (
  id             INTEGER PRIMARY KEY,
  asker_id       INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,
  topic          TEXT NOT NULL REFERENCES skills(code),
  level          INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  prefecture     TEXT,
  industry       TEXT,
  best_answer_id INTEGER,
  answers        INTEGER NOT NULL DEFAULT 0,
  hidden         INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL
);
CREATE INDEX questions_recent ON questions(hidden, created_at);
CREATE INDEX questions_topic ON questions(topic, hidden, created_at);
CREATE INDEX questions_asker ON questions(asker_id);

CREATE TABLE answers (
  id           INTEGER PRIMARY KEY,
  question_id  INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  expert_id    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  body         TEXT NOT NULL,
  helpful      INTEGER NOT NULL DEFAULT 0,
  hidden       INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
);
CREATE INDEX answers_question ON answers(question_id, id);
CREATE INDEX answers_expert ON answers(expert_id);

CREATE TABLE helpful_marks (
  answer_id  INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, account_id)
);

CREATE TABLE post_reports (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('question', 'answer')),
  post_id     INTEGER NOT NULL,
  reporter_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  reason      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

-- One row per visible question (rowid = question id): its title, and its body
-- followed by its visible answers.
CREATE VIRTUAL TABLE qa_fts USING fts5(title, body, tokenize = 'kakekomi');
