-- 013 follow-up of unanswered questions: 1 once experts of the topic and region
-- were told (after 7 days), 2 once the asker was pointed to their desk (30 days).
ALTER TABLE questions ADD COLUMN followup INTEGER NOT NULL DEFAULT 0;
CREATE INDEX questions_unanswered ON questions(answers, followup, created_at) WHERE hidden = 0;
