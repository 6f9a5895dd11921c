-- 004 registry: expert profiles, certificates, continuing learning (CPD),
-- communities, complaints, consent to the purpose of use.
-- Visibility levels: 0 public, 1 logged-in users, 2 desks (and admins), 3 private.

ALTER TABLE accounts ADD COLUMN consent_at INTEGER;   -- purpose of use accepted (APPI)

CREATE TABLE experts (
  account_id          INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  display_name        TEXT NOT NULL,
  prefecture          TEXT NOT NULL REFERENCES prefectures(code),
  remote              INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),  -- remote nationwide
  modes               INTEGER NOT NULL DEFAULT 0,   -- bit 1 remote, bit 2 on site
  hours_per_week      INTEGER NOT NULL DEFAULT 0,
  on_call             INTEGER NOT NULL DEFAULT 0 CHECK (on_call IN (0, 1)),
  languages           TEXT NOT NULL DEFAULT 'ja',   -- comma-separated language tags
  bio                 TEXT NOT NULL DEFAULT '',
  employer            TEXT NOT NULL DEFAULT '',
  employer_supports   INTEGER NOT NULL DEFAULT 0 CHECK (employer_supports IN (0, 1)),
  background          TEXT REFERENCES backgrounds(code),
  ethics_accepted_at  INTEGER,                      -- NULL: not accepted
  hidden              INTEGER NOT NULL DEFAULT 0,   -- hidden by an admin
  hidden_reason       TEXT,
  v_modes             INTEGER NOT NULL DEFAULT 0,
  v_hours_per_week    INTEGER NOT NULL DEFAULT 1,
  v_on_call           INTEGER NOT NULL DEFAULT 0,
  v_languages         INTEGER NOT NULL DEFAULT 0,
  v_bio               INTEGER NOT NULL DEFAULT 0,
  v_employer          INTEGER NOT NULL DEFAULT 2,
  v_employer_supports INTEGER NOT NULL DEFAULT 2,
  v_background        INTEGER NOT NULL DEFAULT 1,
  v_conflicts         INTEGER NOT NULL DEFAULT 0 CHECK (v_conflicts IN (0, 1)),
  v_ethics_accepted   INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX experts_prefecture ON experts(prefecture);
CREATE INDEX experts_remote ON experts(remote) WHERE remote = 1;

CREATE TABLE expert_serves (
  expert_id  INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  prefecture TEXT NOT NULL REFERENCES prefectures(code),
  PRIMARY KEY (expert_id, prefecture)
);
CREATE INDEX expert_serves_prefecture ON expert_serves(prefecture, expert_id);

CREATE TABLE expert_skills (
  expert_id INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  skill     TEXT NOT NULL REFERENCES skills(code),
  level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  PRIMARY KEY (expert_id, skill)
);
CREATE INDEX expert_skills_skill ON expert_skills(skill, level, expert_id);

CREATE TABLE expert_roles (
  expert_id INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  role      TEXT NOT NULL REFERENCES expert_role_types(code),
  PRIMARY KEY (expert_id, role)
);
CREATE INDEX expert_roles_role ON expert_roles(role, expert_id);

CREATE TABLE expert_conflicts (
  expert_id INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  PRIMARY KEY (expert_id, name)
);

CREATE TABLE certificates (
  id            INTEGER PRIMARY KEY,
  number        TEXT NOT NULL UNIQUE,             -- random, unguessable
  expert_id     INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  level         TEXT NOT NULL CHECK (level IN ('basic', 'advanced')),
  issued_on     TEXT NOT NULL,                    -- YYYY-MM-DD, Japan date
  expires_on    TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('valid', 'expired', 'suspended', 'revoked')),
  status_reason TEXT,
  issued_by     INTEGER,
  reminded_at   INTEGER,                          -- renewal reminder sent
  updated_at    INTEGER NOT NULL
);
CREATE INDEX certificates_expert ON certificates(expert_id);
CREATE INDEX certificates_expiry ON certificates(status, expires_on);

CREATE TABLE cpd_activities (
  id           INTEGER PRIMARY KEY,
  expert_id    INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('training', 'event', 'exercise', 'teaching', 'answer', 'consultation')),
  hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0),
  points       INTEGER NOT NULL,
  date         TEXT NOT NULL,                     -- YYYY-MM-DD
  note         TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL
);
CREATE INDEX cpd_expert_date ON cpd_activities(expert_id, date);

CREATE TABLE communities (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('chamber', 'municipality', 'network', 'vendor', 'university', 'police', 'other')),
  description TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE TABLE community_prefectures (
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  prefecture   TEXT NOT NULL REFERENCES prefectures(code),
  PRIMARY KEY (community_id, prefecture)
);
CREATE INDEX community_prefectures_pref ON community_prefectures(prefecture);
CREATE TABLE community_members (
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  expert_id    INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  joined_at    INTEGER NOT NULL,
  PRIMARY KEY (community_id, expert_id)
);
CREATE INDEX community_members_expert ON community_members(expert_id);

CREATE TABLE complaints (
  id          INTEGER PRIMARY KEY,
  expert_id   INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  filed_by    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  body        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  resolution  TEXT,
  created_at  INTEGER NOT NULL,
  resolved_at INTEGER
);
CREATE INDEX complaints_status ON complaints(status, created_at);
