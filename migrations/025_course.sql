-- 025 the facilitator course: a curriculum of a few modules per expert role,
-- written by us in Japanese and English; which event sessions cover which
-- modules; who completed which (by attending such a session, or marked by an
-- admin with a reason); and the visibility of one's completed modules.
CREATE TABLE course_modules (
  code       TEXT PRIMARY KEY,
  role       TEXT NOT NULL REFERENCES expert_role_types(code),
  position   INTEGER NOT NULL,
  title_ja   TEXT NOT NULL,
  title_en   TEXT NOT NULL,
  summary_ja TEXT NOT NULL,
  summary_en TEXT NOT NULL
);
INSERT INTO course_modules VALUES
 ('ev_risk', 'evangelist', 1, '経営者にリスクを伝える', 'Explaining risk to an owner',
  '被害の実例と損失の大きさを、技術用語を使わずに経営の言葉で伝える。', 'Real cases and what they cost, told in the owner''s words rather than technical ones.'),
 ('ev_basics', 'evangelist', 2, '中小企業の基本対策', 'The basic measures for a small business',
  '更新、パスワード、バックアップ、メールの注意など、今日から始められる対策を教える。', 'Updates, passwords, backups and care with mail: what a small business can start today.'),
 ('ev_study', 'evangelist', 3, '勉強会を開く', 'Running a study group',
  '地域で勉強会を企画し、告知し、続けるための進め方。', 'Planning, announcing and keeping a local study group going.'),
 ('ad_assess', 'adviser', 1, 'セルフチェックの結果を読み解く', 'Reading a self-assessment with the owner',
  '結果から優先順位を決め、同業との比較を説明する。', 'Setting priorities from the result and explaining where the company stands among its peers.'),
 ('ad_plan', 'adviser', 2, '対策計画と予算の立て方', 'A plan and a budget the owner can keep',
  '一年の計画と無理のない予算、社内の役割分担を決める。', 'A year''s plan, a budget within reach and who does what in the company.'),
 ('ad_supply', 'adviser', 3, '取引先から求められる対策への対応', 'Answering what customers and suppliers ask',
  'サプライチェーンで求められる対策の確認と回答の手伝い。', 'Helping answer the security questions customers and the supply chain send.'),
 ('te_diagnose', 'technical', 1, '小規模ネットワークの点検', 'Checking a small office network',
  'ルーター、無線 LAN、端末の設定を短時間で点検する手順。', 'A short procedure for routers, Wi-Fi and devices.'),
 ('te_cloud', 'technical', 2, 'クラウドとアカウントの設定確認', 'Cloud and account settings',
  'Microsoft 365 や Google Workspace の共有設定と多要素認証を確かめる。', 'Checking sharing and multi-factor authentication in Microsoft 365 or Google Workspace.'),
 ('te_report', 'technical', 3, '診断結果を経営者に伝える', 'Reporting findings to an owner',
  '見つけたことを重要度の順に、次の一手とともに伝える。', 'What was found, most important first, each with its next step.'),
 ('re_first', 'responder', 1, 'インシデントの初動対応', 'First response to an incident',
  '被害の拡大を止め、状況を聞き取り、落ち着いて次を決める。', 'Stopping the damage from spreading, hearing what happened, deciding calmly what comes next.'),
 ('re_evidence', 'responder', 2, '証拠の保全と関係機関への連絡', 'Preserving evidence; police and authorities',
  'ログや端末を残し、警察(#9110)や関係機関への相談を手伝う。', 'Keeping logs and devices, and helping contact the police (#9110) and the authorities.'),
 ('re_recover', 'responder', 3, '復旧と再発防止の支援', 'Recovery and preventing a repeat',
  'バックアップからの復旧と、同じ被害を繰り返さないための対策。', 'Restoring from backups and the measures that keep it from happening again.'),
 ('tr_teach', 'trainer', 1, '中小企業向けの教え方', 'Teaching small businesses',
  '忙しい経営者と従業員に、短く具体的に教える方法。', 'Teaching busy owners and staff briefly and concretely.'),
 ('tr_exercise', 'trainer', 2, '演習の設計と進行', 'Designing and running an exercise',
  '机上演習のシナリオ作りと当日の進め方。', 'Writing a tabletop scenario and running the day.'),
 ('tr_feedback', 'trainer', 3, '受講者の理解を確かめる', 'Checking what learners took away',
  '理解度の確かめ方と、次の学びにつなげる振り返り。', 'Checking understanding, and a review that leads to the next step.');

CREATE TABLE event_modules (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  module   TEXT NOT NULL REFERENCES course_modules(code),
  PRIMARY KEY (event_id, module)
);
CREATE INDEX event_modules_module ON event_modules(module, event_id);

-- A completed module: by attending a session that covers it (event_id), or marked by an
-- admin (marked_by) with a reason.
CREATE TABLE module_completions (
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  module       TEXT NOT NULL REFERENCES course_modules(code),
  event_id     INTEGER REFERENCES events(id) ON DELETE SET NULL,
  marked_by    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  reason       TEXT NOT NULL DEFAULT '',
  completed_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, module)
);
CREATE INDEX module_completions_event ON module_completions(event_id);

-- Who may see one's completed modules (0 public .. 3 private, as the other fields).
ALTER TABLE experts ADD COLUMN v_modules INTEGER NOT NULL DEFAULT 0;
