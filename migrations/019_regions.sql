-- 019 the regional dashboard's figures, kept as events happen: a count per
-- metric, prefecture and day (Japan time) that triggers keep exact as requests
-- and questions are filed, change and are deleted; the time to the first
-- response of each request; and a generation number that every change bumps,
-- so a cached map (in any server process) knows when it is stale.

-- Where a request was filed: its prefecture may change when a desk transfers it.
ALTER TABLE requests ADD COLUMN filed_in TEXT REFERENCES prefectures(code);
UPDATE requests SET filed_in = prefecture;

CREATE TABLE region_days (
  metric TEXT NOT NULL,     -- requests_advice, requests_incident, incidents_widened,
                            -- requests_transferred, questions, questions_unanswered
  pref   TEXT NOT NULL,
  day    INTEGER NOT NULL,  -- days since 1970-01-01 in Japan time: (t + 32400) / 86400
  n      INTEGER NOT NULL,
  PRIMARY KEY (day, metric, pref)
) WITHOUT ROWID;
CREATE INDEX region_days_pref ON region_days(pref, day);

-- The first time a desk assigned, or an expert accepted, each request: seconds after filing.
CREATE TABLE region_responses (
  request_id INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
  pref       TEXT NOT NULL,
  day        INTEGER NOT NULL,  -- the day the request was filed
  seconds    INTEGER NOT NULL
);
CREATE INDEX region_responses_day ON region_responses(day, pref, seconds);

INSERT INTO settings(key, value) VALUES ('regions_gen', 0);

-- What there already is.
INSERT INTO region_days(metric, pref, day, n)
  SELECT 'requests_' || kind, filed_in, (created_at + 32400) / 86400, count(*) FROM requests
  GROUP BY 1, 2, 3;
INSERT INTO region_days(metric, pref, day, n)
  SELECT 'incidents_widened', filed_in, (created_at + 32400) / 86400, count(*) FROM requests
  WHERE kind = 'incident' AND ring >= 1 GROUP BY 1, 2, 3;
INSERT INTO region_days(metric, pref, day, n)
  SELECT 'requests_transferred', filed_in, (created_at + 32400) / 86400, count(*) FROM requests
  WHERE prefecture <> filed_in GROUP BY 1, 2, 3;
INSERT INTO region_days(metric, pref, day, n)
  SELECT 'questions', prefecture, (created_at + 32400) / 86400, count(*) FROM questions
  WHERE hidden = 0 AND prefecture IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO region_days(metric, pref, day, n)
  SELECT 'questions_unanswered', prefecture, (created_at + 32400) / 86400, count(*) FROM questions
  WHERE hidden = 0 AND answers = 0 AND prefecture IS NOT NULL GROUP BY 1, 2, 3;
INSERT INTO region_responses(request_id, pref, day, seconds)
  SELECT q.id, q.filed_in, (q.created_at + 32400) / 86400, min(e.at) - q.created_at
  FROM requests q JOIN request_events e ON e.request_id = q.id
  WHERE e.event IN ('assigned', 'accepted') GROUP BY q.id;

-- Requests: filed, widened beyond the prefecture, transferred out, deleted.
CREATE TRIGGER region_request_i AFTER INSERT ON requests BEGIN
  INSERT INTO region_days VALUES ('requests_' || NEW.kind, NEW.filed_in,
                                  (NEW.created_at + 32400) / 86400, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_request_u AFTER UPDATE OF ring, prefecture ON requests BEGIN
  INSERT INTO region_days VALUES ('incidents_widened', NEW.filed_in,
                                  (NEW.created_at + 32400) / 86400,
                                  (NEW.kind = 'incident' AND NEW.ring >= 1)
                                  - (OLD.kind = 'incident' AND OLD.ring >= 1))
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO region_days VALUES ('requests_transferred', NEW.filed_in,
                                  (NEW.created_at + 32400) / 86400,
                                  (NEW.prefecture <> NEW.filed_in) - (OLD.prefecture <> OLD.filed_in))
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_request_d AFTER DELETE ON requests BEGIN
  UPDATE region_days SET n = n - 1 WHERE day = (OLD.created_at + 32400) / 86400
    AND pref = OLD.filed_in
    AND (metric = 'requests_' || OLD.kind
         OR (metric = 'incidents_widened' AND OLD.kind = 'incident' AND OLD.ring >= 1)
         OR (metric = 'requests_transferred' AND OLD.prefecture <> OLD.filed_in));
  DELETE FROM region_responses WHERE request_id = OLD.id;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_response_i AFTER INSERT ON request_events
  WHEN NEW.event IN ('assigned', 'accepted') BEGIN
  INSERT OR IGNORE INTO region_responses(request_id, pref, day, seconds)
    SELECT id, filed_in, (created_at + 32400) / 86400, NEW.at - created_at FROM requests
    WHERE id = NEW.request_id;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;

-- Questions: asked, answered (or the answer hidden), hidden, deleted.
CREATE TRIGGER region_question_i AFTER INSERT ON questions
  WHEN NEW.prefecture IS NOT NULL AND NEW.hidden = 0 BEGIN
  INSERT INTO region_days VALUES ('questions', NEW.prefecture, (NEW.created_at + 32400) / 86400, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO region_days VALUES ('questions_unanswered', NEW.prefecture,
                                  (NEW.created_at + 32400) / 86400, NEW.answers = 0)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_question_u AFTER UPDATE OF answers, hidden ON questions
  WHEN NEW.prefecture IS NOT NULL
   AND ((OLD.hidden = 0) <> (NEW.hidden = 0) OR (OLD.answers = 0) <> (NEW.answers = 0)) BEGIN
  INSERT INTO region_days VALUES ('questions', NEW.prefecture, (NEW.created_at + 32400) / 86400,
                                  (NEW.hidden = 0) - (OLD.hidden = 0))
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO region_days VALUES ('questions_unanswered', NEW.prefecture,
                                  (NEW.created_at + 32400) / 86400,
                                  (NEW.hidden = 0 AND NEW.answers = 0)
                                  - (OLD.hidden = 0 AND OLD.answers = 0))
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_question_d AFTER DELETE ON questions
  WHEN OLD.prefecture IS NOT NULL AND OLD.hidden = 0 BEGIN
  UPDATE region_days SET n = n - 1 WHERE day = (OLD.created_at + 32400) / 86400
    AND pref = OLD.prefecture
    AND (metric = 'questions' OR (metric = 'questions_unanswered' AND OLD.answers = 0));
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;

-- What the stock figures read besides the registry (which has registry_gen).
CREATE TRIGGER region_community_i AFTER INSERT ON community_prefectures BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_community_d AFTER DELETE ON community_prefectures BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_desk_i AFTER INSERT ON desks BEGIN
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
