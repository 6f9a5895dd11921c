-- 024 learning and events: study groups (勉強会), seminars for companies,
-- incident-response exercises, CTFs and facilitator course sessions, each held
-- by a community, a desk or the platform; registrations with a waiting list;
-- attendance that becomes verified CPD; calendar feeds.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('study', 'seminar', 'exercise', 'ctf', 'course')),
  audience     TEXT NOT NULL CHECK (audience IN ('companies', 'experts', 'everyone')),
  starts_at    INTEGER NOT NULL,                 -- UTC seconds
  ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at),
  prefecture   TEXT NOT NULL REFERENCES prefectures(code),
  venue        TEXT NOT NULL DEFAULT '',
  online       INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
  capacity     INTEGER NOT NULL CHECK (capacity > 0),
  community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,
  desk_id      INTEGER REFERENCES desks(id) ON DELETE SET NULL,
  cpd_points   INTEGER NOT NULL DEFAULT 0 CHECK (cpd_points BETWEEN 0 AND 40),
  description  TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  registered   INTEGER NOT NULL DEFAULT 0,       -- places taken, kept with the registrations
  waiting      INTEGER NOT NULL DEFAULT 0,       -- on the waiting list
  reminded_at  INTEGER,                          -- the day-before reminder went out
  created_by   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX events_start ON events(starts_at) WHERE status = 'scheduled';
CREATE INDEX events_pref ON events(prefecture, starts_at);
CREATE INDEX events_community ON events(community_id, starts_at);

CREATE TABLE event_skills (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  skill    TEXT NOT NULL REFERENCES skills(code),
  PRIMARY KEY (event_id, skill)
);
CREATE INDEX event_skills_skill ON event_skills(skill, event_id);

-- A registration: registered (a place), waitlisted (in order of seq), or cancelled.
CREATE TABLE event_registrations (
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status     TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
  seq        INTEGER NOT NULL,                   -- order of arrival on the waiting list
  attended   INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (event_id, account_id)
);
CREATE INDEX event_registrations_account ON event_registrations(account_id, status);
CREATE INDEX event_registrations_wait ON event_registrations(event_id, status, seq);

-- Organisers of a community (an admin marks them) create and run its events.
ALTER TABLE community_members ADD COLUMN organiser INTEGER NOT NULL DEFAULT 0;

-- CPD from an attended event is verified: it names the event, once per expert.
ALTER TABLE cpd_activities ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX cpd_event ON cpd_activities(expert_id, event_id) WHERE event_id IS NOT NULL;

-- The secret of an account's private calendar feed (/me/events/{secret}.ics).
CREATE TABLE calendar_secrets (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  secret     TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

-- Events held count as supply on the regional dashboard: a day's count per prefecture
-- (metric events_held, by the day it started), kept as events are made, moved, cancelled.
CREATE TRIGGER region_event_i AFTER INSERT ON events WHEN NEW.status = 'scheduled' BEGIN
  INSERT INTO region_days(metric, pref, day, n)
    VALUES ('events_held', NEW.prefecture, (NEW.starts_at + 32400) / 86400, 1)
    ON CONFLICT(day, metric, pref) DO UPDATE SET n = n + 1;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_event_u AFTER UPDATE OF status, prefecture, starts_at ON events BEGIN
  UPDATE region_days SET n = n - 1
    WHERE OLD.status = 'scheduled' AND metric = 'events_held' AND pref = OLD.prefecture
      AND day = (OLD.starts_at + 32400) / 86400;
  INSERT INTO region_days(metric, pref, day, n)
    SELECT 'events_held', NEW.prefecture, (NEW.starts_at + 32400) / 86400, 1
    WHERE NEW.status = 'scheduled'
    ON CONFLICT(day, metric, pref) DO UPDATE SET n = n + 1;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
CREATE TRIGGER region_event_d AFTER DELETE ON events WHEN OLD.status = 'scheduled' BEGIN
  UPDATE region_days SET n = n - 1
    WHERE metric = 'events_held' AND pref = OLD.prefecture
      AND day = (OLD.starts_at + 32400) / 86400;
  UPDATE settings SET value = value + 1 WHERE key = 'regions_gen';
END;
