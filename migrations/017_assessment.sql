-- 017 the self-assessment: a versioned item bank (NIST CSF 2.0's six functions),
-- a company's assessments and answers, consent to statistics, and the peer
-- figures kept up to date as assessments are stored (so a result page never
-- scans every assessment).

CREATE TABLE assessment_items (
  version    INTEGER NOT NULL,
  code       TEXT NOT NULL,                 -- GV1 .. RC6, stable within a version
  function   TEXT NOT NULL CHECK (function IN ('GV', 'ID', 'PR', 'DE', 'RS', 'RC')),
  sort       INTEGER NOT NULL,
  weight     INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 3),
  effort     TEXT NOT NULL CHECK (effort IN ('low', 'medium', 'high')),
  skills     TEXT NOT NULL,                 -- taxonomy skill codes, space-separated
  roles      TEXT NOT NULL,                 -- expert role codes, space-separated
  question_ja TEXT NOT NULL, question_en TEXT NOT NULL,
  why_ja      TEXT NOT NULL, why_en      TEXT NOT NULL,
  step_ja     TEXT NOT NULL, step_en     TEXT NOT NULL,
  PRIMARY KEY (version, code)
);

CREATE TABLE assessments (
  id           INTEGER PRIMARY KEY,
  company_id   INTEGER REFERENCES accounts(id) ON DELETE CASCADE,  -- NULL: an unclaimed draft
  draft_hash   BLOB UNIQUE,                   -- SHA-256 of the draft token while unclaimed
  version      INTEGER NOT NULL,
  total        INTEGER NOT NULL,
  gv INTEGER NOT NULL, id_ INTEGER NOT NULL, pr INTEGER NOT NULL,
  de INTEGER NOT NULL, rs INTEGER NOT NULL, rc INTEGER NOT NULL,
  counted_in   TEXT,                          -- the peer groups its figures are in now, or NULL
  created_at   INTEGER NOT NULL
);
CREATE INDEX assessments_company ON assessments(company_id, id);
CREATE INDEX assessments_counted ON assessments(company_id) WHERE counted_in IS NOT NULL;
CREATE INDEX assessments_drafts ON assessments(created_at) WHERE company_id IS NULL;

CREATE TABLE assessment_answers (
  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
  item          TEXT NOT NULL,
  answer        TEXT NOT NULL CHECK (answer IN
                  ('not_done', 'partly', 'done', 'reviewed', 'dont_know', 'not_applicable')),
  PRIMARY KEY (assessment_id, item)
);

-- Answers saved screen by screen before an assessment is finished, under the
-- browser's random token, so leaving and reopening keeps them (deleted after 7 days).
CREATE TABLE assessment_progress (
  token_hash BLOB PRIMARY KEY,
  answers    TEXT NOT NULL,                  -- JSON object: item code → answer code
  updated_at INTEGER NOT NULL
);

-- Asked once on the company page: may this company's latest assessment feed statistics?
ALTER TABLE companies ADD COLUMN statistics_consent INTEGER NOT NULL DEFAULT 0;

-- Peer groups: 'all', 'b:<block>', 'p:<prefecture>', 'i:<industry>', 's:<industry>:<size>'.
-- Each counts the latest assessment (of one version) of each consenting company.
CREATE TABLE peer_scores (
  version INTEGER NOT NULL,
  grp     TEXT NOT NULL,
  score   INTEGER NOT NULL,                  -- total, 0..100
  n       INTEGER NOT NULL,
  PRIMARY KEY (version, grp, score)
) WITHOUT ROWID;
CREATE TABLE peer_items (
  version    INTEGER NOT NULL,
  grp        TEXT NOT NULL,
  item       TEXT NOT NULL,
  doing      INTEGER NOT NULL,               -- answered done or reviewed
  applicable INTEGER NOT NULL,               -- answered anything but not_applicable
  PRIMARY KEY (version, grp, item)
) WITHOUT ROWID;

-- Requests may carry the assessment the company chose to share with them.
ALTER TABLE requests ADD COLUMN assessment_id INTEGER REFERENCES assessments(id) ON DELETE SET NULL;

INSERT INTO assessment_items VALUES
 (1,'GV1','GV',1,3,'low','governance policy','adviser',
  '経営者が情報セキュリティを自社の経営課題として扱い、責任者を決めていますか。','Does management treat information security as a business issue, with a named person responsible?',
  '責任者がいないと、対策も事故対応も誰の仕事でもなくなります。','Without someone responsible, neither prevention nor incident response is anyone''s job.',
  '社長または役員の中からセキュリティの責任者を一人決め、社内に知らせる。','Name one director as responsible for security and tell the staff.'),
 (1,'GV2','GV',2,2,'medium','policy governance','adviser',
  '情報の扱い方やパスワードなどの基本的なルールを文書にして、従業員に伝えていますか。','Are basic rules (handling information, passwords and the like) written down and given to staff?',
  '書かれたルールがないと、人によって対応がばらばらになります。','Without written rules, everyone does it their own way.',
  'IPA の「情報セキュリティ基本方針」のひな形を使い、1 ページの方針を作る。','Use IPA''s policy template to write a one-page security policy.'),
 (1,'GV3','GV',3,2,'low','awareness phishing_training','trainer evangelist',
  '従業員に年 1 回以上、セキュリティの教育や注意喚起をしていますか。','Do staff get security training or reminders at least once a year?',
  '多くの事故は、一通の不審なメールを開くことから始まります。','Many incidents start with one suspicious e-mail being opened.',
  '朝礼や会議で 10 分、最近の詐欺メールの例を共有する。','Spend ten minutes of a staff meeting on recent scam e-mails.'),
 (1,'GV4','GV',4,2,'medium','supply_chain governance','adviser',
  '取引先や委託先(IT 業者を含む)に、セキュリティ上の約束を契約で求めていますか。','Do contracts with suppliers and contractors (IT vendors included) include security commitments?',
  '委託先からの情報漏えいも、自社の責任として問われます。','A leak at a contractor is still your responsibility to your customers.',
  '主な委託先の契約書に、秘密保持と事故時の連絡義務があるか確かめる。','Check that your main contracts require confidentiality and prompt notice of incidents.'),
 (1,'GV5','GV',5,1,'low','governance','adviser',
  'セキュリティ対策のための予算や時間を、毎年確保していますか。','Do you set aside budget or time for security every year?',
  '予算がないと、必要な更新や買い替えが後回しになります。','Without a budget, needed updates and replacements get postponed.',
  '来年度の計画に、セキュリティの項目を一行加える。','Add a line for security to next year''s plan.'),
 (1,'GV6','GV',6,1,'low','legal governance','adviser',
  '個人情報保護法など、自社に関係する法令上の義務を把握していますか。','Do you know the legal duties that apply to you, such as the Personal Information Protection Act?',
  '漏えい時の報告義務を知らないと、対応が遅れ信用を失います。','Not knowing the duty to report a leak delays the response and costs trust.',
  '個人情報保護委員会の中小企業向けページを読み、報告の手順を書き留める。','Read the PPC''s page for small businesses and note how a leak is reported.'),
 (1,'ID1','ID',1,3,'medium','office_it risk_assessment','technical adviser',
  '社内のパソコン、スマートフォン、サーバーなどの機器を一覧にしていますか。','Do you keep a list of your computers, phones, servers and other devices?',
  '何があるか分からなければ、守ることも更新することもできません。','You cannot protect or update what you do not know you have.',
  '表計算で機器名、使用者、OS、購入時期の一覧を作る。','Make a spreadsheet of devices: name, user, operating system and purchase date.'),
 (1,'ID2','ID',2,2,'medium','risk_assessment','adviser',
  '顧客情報や設計図など、守るべき重要な情報がどこにあるか把握していますか。','Do you know where your important information (customer data, designs) is kept?',
  '重要な情報の場所が分かると、守り方の優先順位が決まります。','Knowing where your key information is tells you what to protect first.',
  '重要な情報を 5 つ挙げ、それぞれの保存場所を書き出す。','List your five most important kinds of information and where each is stored.'),
 (1,'ID3','ID',3,2,'low','cloud office_it','technical',
  '利用しているクラウドサービス(メール、ファイル共有、会計など)を把握していますか。','Do you know which cloud services you use (mail, file sharing, accounting and so on)?',
  '把握していないサービスに情報が残り、退職者が使い続けることがあります。','Data stays in forgotten services, and former staff may still have access.',
  '契約中のクラウドサービスと管理者アカウントを一覧にする。','List the cloud services you pay for and who holds their admin accounts.'),
 (1,'ID4','ID',4,2,'medium','risk_assessment self_assessment','adviser',
  'どんな被害が起こり得るか(情報漏えい、業務停止など)を考えたことがありますか。','Have you considered what could go wrong (a leak, a stoppage) and how bad it would be?',
  '起こり得る被害を知ると、限られた予算の使い道が決まります。','Knowing the likely harm tells you where a small budget does the most.',
  '「1 週間パソコンが使えなかったら」を想定し、困ることを書き出す。','Write down what would stop if your computers were unusable for a week.'),
 (1,'ID5','ID',5,1,'low','supply_chain','adviser',
  '取引先から求められているセキュリティ要件を把握していますか。','Do you know what security your customers require of you?',
  '大企業の取引先は、サプライチェーン対策として要件を求めることが増えています。','Large customers increasingly require security from their suppliers.',
  '主要な取引先の契約書や調達基準で、セキュリティの条項を確認する。','Check your main customers'' contracts and purchasing rules for security clauses.'),
 (1,'ID6','ID',6,1,'low','vuln_scan web','technical',
  'ホームページや外部に公開している機器を把握していますか。','Do you know what you expose to the internet (website, remote access, devices)?',
  '公開している機器は、世界中から攻撃の対象になります。','Anything exposed to the internet is attacked from all over the world.',
  'ホームページの管理者と、外部から接続できる機器を確認する。','Find out who runs your website and which devices can be reached from outside.'),
 (1,'PR1','PR',1,3,'low','endpoint office_it','technical',
  'OS やソフトウェアの更新(アップデート)を速やかに適用していますか。','Do you apply operating system and software updates promptly?',
  '攻撃の多くは、更新されていない既知の弱点を狙います。','Most attacks use known weaknesses that updates have already fixed.',
  'すべてのパソコンで自動更新を有効にする。','Turn on automatic updates on every computer.'),
 (1,'PR2','PR',2,3,'low','malware endpoint','technical',
  'すべてのパソコンでウイルス対策ソフトを有効にし、最新の状態にしていますか。','Is anti-malware enabled and up to date on every computer?',
  'ウイルス対策は、よくある攻撃の多くを入口で止めます。','Anti-malware stops many common attacks at the door.',
  '各パソコンでウイルス対策の状態が「有効」か確認する。','Check on each computer that protection shows as on.'),
 (1,'PR3','PR',3,3,'low','accounts','technical',
  'パスワードを使い回さず、推測されにくいものにしていますか。','Are passwords unique and hard to guess?',
  '使い回したパスワードは、一つの漏えいですべてのサービスに入られます。','A reused password lets one leak open every service.',
  'パスワード管理ソフトを導入し、重要なサービスから変更する。','Adopt a password manager and change the passwords of key services first.'),
 (1,'PR4','PR',4,3,'medium','accounts cloud','technical',
  'メールやクラウドに、二要素認証(多要素認証)を設定していますか。','Is two-factor authentication on for e-mail and cloud services?',
  'パスワードが盗まれても、二要素認証があれば入られにくくなります。','With a second factor, a stolen password alone is not enough.',
  'メールの管理画面で、全員の二要素認証を有効にする。','Turn on two-factor authentication for everyone in your mail service.'),
 (1,'PR5','PR',5,2,'medium','accounts office_it','technical',
  '退職者や異動者のアカウントをすぐに削除・変更していますか。','Are accounts of people who leave or change roles removed or changed at once?',
  '残ったアカウントは、不正アクセスの入口になります。','Leftover accounts are a way in.',
  '退職時のチェックリストに「アカウント停止」を加える。','Add "disable accounts" to your leaver checklist.'),
 (1,'PR6','PR',6,2,'medium','network remote_work','technical',
  'ルーターや無線 LAN の初期パスワードを変更し、暗号化を設定していますか。','Have router and Wi-Fi default passwords been changed, with encryption on?',
  '初期設定のままの機器は、簡単に乗っ取られます。','Devices left on default settings are easily taken over.',
  'ルーターの管理画面で、管理者パスワードと Wi-Fi の暗号化(WPA2 以上)を確認する。','In the router''s settings, check the admin password and WPA2 or better on Wi-Fi.'),
 (1,'DE1','DE',1,2,'low','phishing_training awareness','trainer',
  '不審なメールやおかしな動きに気づいたとき、従業員が報告する先を決めていますか。','Do staff know whom to tell when they see a suspicious e-mail or odd behaviour?',
  '早く気づいて報告されれば、被害は小さく抑えられます。','Reported early, an incident stays small.',
  '報告先(担当者と電話番号)を決め、全員に知らせる。','Choose whom to tell (a person and a phone number) and tell everyone.'),
 (1,'DE2','DE',2,2,'medium','log_analysis','technical',
  'パソコンやサーバー、クラウドの記録(ログ)を残していますか。','Do you keep logs of computers, servers and cloud services?',
  '記録がないと、何が起きたのか後から調べられません。','Without logs, no one can find out afterwards what happened.',
  'クラウドサービスのログ保存期間を確認し、できるだけ長くする。','Check how long your cloud services keep logs and lengthen it where you can.'),
 (1,'DE3','DE',3,2,'low','cloud accounts','technical',
  'メールやクラウドの「見知らぬ場所からのログイン」の通知を受け取っていますか。','Do you receive alerts of sign-ins from unfamiliar places for mail and cloud services?',
  '不正ログインに早く気づけば、情報を持ち出される前に止められます。','Noticing a break-in early stops it before data is taken.',
  '管理者アカウントでログイン通知を有効にする。','Turn on sign-in alerts for the admin accounts.'),
 (1,'DE4','DE',4,1,'medium','malware endpoint','technical',
  'ウイルス対策ソフトの警告を誰かが確認していますか。','Does someone look at the warnings anti-malware raises?',
  '警告が放置されると、感染に気づくのが遅れます。','Ignored warnings mean infections are noticed late.',
  '警告が出たら報告する決まりを作る。','Make it a rule that warnings are reported.'),
 (1,'DE5','DE',5,1,'low','web ecommerce','technical',
  'ホームページの改ざんや通販サイトの異常に気づく仕組みがありますか。','Would you notice if your website were defaced or your online shop misbehaved?',
  '改ざんされたサイトは、訪問者にウイルスを配ることがあります。','A defaced site may spread malware to its visitors.',
  '週に一度、自社サイトを開いて確認する担当者を決める。','Have someone open your website once a week and check it.'),
 (1,'DE6','DE',6,1,'high','vuln_scan pentest','technical',
  '外部に公開している機器やサイトの弱点を、定期的に点検していますか。','Do you check your internet-facing devices and sites for weaknesses regularly?',
  '弱点を先に見つければ、攻撃される前に直せます。','Found first, a weakness is fixed before it is used.',
  '年に一度、専門家に脆弱性診断を相談する。','Ask an expert about a vulnerability scan once a year.'),
 (1,'RS1','RS',1,3,'low','incident_response','responder adviser',
  '事故が起きたときの連絡先(社内の責任者、IT 業者、警察、相談窓口)を一覧にしていますか。','Do you have a list of whom to call in an incident (your lead, IT vendor, police, a help desk)?',
  '事故のときに連絡先を探すと、対応が何時間も遅れます。','Searching for contacts during an incident costs hours.',
  '連絡先を一枚の紙にまとめ、すぐ見える場所に貼る。','Put the contacts on one sheet and pin it where everyone can see it.'),
 (1,'RS2','RS',2,2,'medium','incident_response','responder',
  '事故が起きたときの手順(まず何をするか)を決めていますか。','Have you decided what to do first when an incident happens?',
  '手順がないと、慌てて証拠を消したり被害を広げたりします。','Without steps, people in a hurry destroy evidence or spread the damage.',
  '「ネットワークから外す、電源は切らない、責任者に連絡」の 3 点を決める。','Agree three first steps: disconnect from the network, leave it powered on, call the lead.'),
 (1,'RS3','RS',3,2,'low','legal police_liaison','adviser',
  '情報漏えいのとき、顧客や当局へ知らせる手順を把握していますか。','Do you know how to inform customers and authorities after a leak?',
  '法令で報告が義務づけられる場合があり、遅れると信用を失います。','Reporting may be a legal duty, and delay costs trust.',
  '個人情報保護委員会への報告の流れを確認する。','Read how a leak is reported to the Personal Information Protection Commission.'),
 (1,'RS4','RS',4,2,'high','incident_response ransomware','responder trainer',
  '事故対応の訓練や机上演習をしたことがありますか。','Have you ever practised responding to an incident, even on paper?',
  '一度練習しておくと、本番で落ち着いて動けます。','One rehearsal makes the real thing calmer.',
  '「ランサムウェアに感染したら」を題材に、30 分の机上演習をする。','Hold a 30-minute tabletop exercise on a ransomware infection.'),
 (1,'RS5','RS',5,1,'medium','forensics incident_response','responder',
  '事故のとき、調査を頼める専門家や業者の当てがありますか。','Do you know an expert or firm you could call to investigate an incident?',
  '事故のあとに探し始めると、対応できる人がすぐ見つからないことがあります。','Searching after the fact, you may find no one free in time.',
  'kakekomi で地元の対応者を探し、連絡先を控えておく。','Find local responders on kakekomi and keep their contacts.'),
 (1,'RS6','RS',6,1,'low','legal','adviser',
  'サイバー保険など、事故の費用に備えていますか。','Are you prepared for the cost of an incident, for example with cyber insurance?',
  '調査や復旧、賠償の費用は、中小企業には大きな負担です。','Investigation, recovery and damages weigh heavily on a small firm.',
  '取引のある保険会社に、サイバー保険の内容を問い合わせる。','Ask your insurer what cyber insurance would cover.'),
 (1,'RC1','RC',1,3,'medium','backup','technical',
  '重要なデータのバックアップを定期的に取っていますか。','Do you back up important data regularly?',
  'バックアップがあれば、ランサムウェアや故障から業務を戻せます。','With backups, you can recover from ransomware or a broken disk.',
  '重要なフォルダを毎日自動でバックアップする設定をする。','Set up a daily automatic backup of your important folders.'),
 (1,'RC2','RC',2,3,'medium','backup ransomware','technical',
  'バックアップの一つを、ネットワークから切り離した場所に保管していますか。','Is one copy of your backups kept disconnected from the network?',
  'つながったままのバックアップは、ランサムウェアに一緒に暗号化されます。','Backups left connected get encrypted by ransomware too.',
  '外付けディスクに週一回コピーし、終わったら外して保管する。','Copy to an external disk weekly and unplug it afterwards.'),
 (1,'RC3','RC',3,2,'medium','backup','technical',
  'バックアップから実際に戻せるか、試したことがありますか。','Have you ever tried restoring from your backups?',
  '戻せないバックアップは、ないのと同じです。','A backup that cannot be restored is no backup.',
  'ファイルを一つ選び、バックアップから戻してみる。','Pick one file and restore it from the backup.'),
 (1,'RC4','RC',4,2,'medium','incident_response governance','adviser',
  'システムが止まったとき、業務を続ける方法(紙での対応など)を決めていますか。','Do you know how to keep working if your systems stop (on paper, for example)?',
  '代わりの方法があれば、復旧までの間も顧客に対応できます。','A fallback lets you serve customers until systems are back.',
  '受注や請求を手作業で行う手順を一枚にまとめる。','Write one page on taking orders and invoicing by hand.'),
 (1,'RC5','RC',5,1,'low','incident_response','adviser',
  '事故のあと、顧客や取引先への説明の仕方を考えていますか。','Have you thought about how you would explain an incident to customers and partners?',
  '誠実で早い説明は、信用の回復を早めます。','A prompt, honest explanation speeds the return of trust.',
  'お知らせ文のひな形を用意しておく。','Prepare a template for a notice to customers.'),
 (1,'RC6','RC',6,1,'low','governance self_assessment','adviser',
  '事故や「ヒヤリハット」のあと、原因を振り返って対策を見直していますか。','After an incident or a near miss, do you review the cause and improve?',
  '振り返りがないと、同じ事故が繰り返されます。','Without a review, the same incident happens again.',
  '次の会議で、最近のヒヤリハットを一つ話し合う。','Discuss one recent near miss at your next meeting.');
