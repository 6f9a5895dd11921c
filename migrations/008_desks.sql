-- 008 help desks and consultations: companies, desks and their operators,
-- requests with topics, roles, offers, assignments, messages, a timeline and ratings.

-- Japan Standard Industrial Classification, major groups (大分類) A to T.
CREATE TABLE industries (
  code    TEXT PRIMARY KEY CHECK (length(code) = 1),
  name_ja TEXT NOT NULL,
  name_en TEXT NOT NULL
);
INSERT INTO industries VALUES
 ('A', '農業，林業', 'Agriculture and forestry'),
 ('B', '漁業', 'Fisheries'),
 ('C', '鉱業，採石業，砂利採取業', 'Mining and quarrying of stone and gravel'),
 ('D', '建設業', 'Construction'),
 ('E', '製造業', 'Manufacturing'),
 ('F', '電気・ガス・熱供給・水道業', 'Electricity, gas, heat supply and water'),
 ('G', '情報通信業', 'Information and communications'),
 ('H', '運輸業，郵便業', 'Transport and postal activities'),
 ('I', '卸売業，小売業', 'Wholesale and retail trade'),
 ('J', '金融業，保険業', 'Finance and insurance'),
 ('K', '不動産業，物品賃貸業', 'Real estate and goods rental and leasing'),
 ('L', '学術研究，専門・技術サービス業', 'Scientific research, professional and technical services'),
 ('M', '宿泊業，飲食サービス業', 'Accommodations, eating and drinking services'),
 ('N', '生活関連サービス業，娯楽業', 'Living-related and personal services and amusement services'),
 ('O', '教育，学習支援業', 'Education, learning support'),
 ('P', '医療，福祉', 'Medical, health care and welfare'),
 ('Q', '複合サービス事業', 'Compound services'),
 ('R', 'サービス業（他に分類されないもの）', 'Services, not elsewhere classified'),
 ('S', '公務（他に分類されるものを除く）', 'Government, except elsewhere classified'),
 ('T', '分類不能の産業', 'Industries unable to classify');

CREATE TABLE companies (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  prefecture TEXT NOT NULL REFERENCES prefectures(code),
  industry   TEXT NOT NULL REFERENCES industries(code),
  employees  TEXT NOT NULL CHECK (employees IN ('1-5', '6-20', '21-50', '51-100', '101-300', '301+')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE company_vendors (
  company_id INTEGER NOT NULL REFERENCES companies(account_id) ON DELETE CASCADE,
  name       TEXT NOT NULL,   -- as entered
  PRIMARY KEY (company_id, name)
);

CREATE TABLE desks (
  id           INTEGER PRIMARY KEY,
  prefecture   TEXT NOT NULL REFERENCES prefectures(code),
  name         TEXT NOT NULL,
  community_id INTEGER REFERENCES communities(id) ON DELETE SET NULL,
  hours        TEXT NOT NULL DEFAULT '',
  contact      TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL
);
CREATE INDEX desks_prefecture ON desks(prefecture, id);
CREATE TABLE desk_operators (
  desk_id    INTEGER NOT NULL REFERENCES desks(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (desk_id, account_id)
);
CREATE INDEX desk_operators_account ON desk_operators(account_id);

CREATE TABLE requests (
  id            INTEGER PRIMARY KEY,
  company_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  desk_id       INTEGER REFERENCES desks(id) ON DELETE SET NULL,
  prefecture    TEXT NOT NULL REFERENCES prefectures(code),  -- where help is needed
  kind          TEXT NOT NULL CHECK (kind IN ('advice', 'incident')),
  description   TEXT NOT NULL,
  mode          TEXT NOT NULL CHECK (mode IN ('remote', 'onsite')),
  urgency       TEXT NOT NULL CHECK (urgency IN ('low', 'normal', 'high')),
  status        TEXT NOT NULL CHECK (status IN ('open', 'offered', 'assigned', 'closed')),
  ring          INTEGER NOT NULL DEFAULT 0,    -- incident offers: 0 prefecture .. 3 nationwide
  sla_deadline  INTEGER,                       -- UTC; the next escalation is due then
  report        TEXT,
  hours_tenths  INTEGER,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  closed_at     INTEGER
);
CREATE INDEX requests_company ON requests(company_id, id);
CREATE INDEX requests_desk ON requests(desk_id, status, id);
CREATE INDEX requests_sla ON requests(sla_deadline) WHERE sla_deadline IS NOT NULL;

CREATE TABLE request_topics (
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  skill      TEXT NOT NULL REFERENCES skills(code),
  PRIMARY KEY (request_id, skill)
);
CREATE TABLE request_roles (
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  role       TEXT NOT NULL REFERENCES expert_role_types(code),
  PRIMARY KEY (request_id, role)
);
CREATE TABLE request_assignees (
  request_id  INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  expert_id   INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  assigned_at INTEGER NOT NULL,
  PRIMARY KEY (request_id, expert_id)
);
CREATE INDEX request_assignees_expert ON request_assignees(expert_id, assigned_at);
CREATE TABLE request_offers (
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  expert_id  INTEGER NOT NULL REFERENCES experts(account_id) ON DELETE CASCADE,
  ring       INTEGER NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'withdrawn')),
  offered_at INTEGER NOT NULL,
  PRIMARY KEY (request_id, expert_id)
);
CREATE INDEX request_offers_expert ON request_offers(expert_id, status);
CREATE TABLE request_messages (
  id         INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  author_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX request_messages_request ON request_messages(request_id, id);
CREATE TABLE request_events (
  id         INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  event      TEXT NOT NULL,   -- filed, routed, offered, escalated, accepted, assigned, transferred, updated, closed, rated
  actor_id   INTEGER,
  detail     TEXT
);
CREATE INDEX request_events_request ON request_events(request_id, id);
CREATE TABLE ratings (
  request_id INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
  stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment    TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
