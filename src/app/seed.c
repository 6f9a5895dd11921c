#include "app/seed.h"
#include "util/progress.h"
#include "store/desks.h"
#include "app/accounts.h"
#include "domain/date.h"
#include "domain/expert.h"
#include "domain/rng.h"
#include "domain/token.h"
#include "store/seed.h"
#include "store/communities.h"
#include "store/credentials.h"
#include "store/experts.h"
#include "store/prefectures.h"
#include "store/qa.h"
#include "store/requests.h"
#include "store/taxonomy.h"

#include <stdio.h>
#include <string.h>

static const char *const surnames[] = {
    "佐藤", "鈴木", "高橋",   "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
    "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林",   "斎藤", "清水",
    "山崎", "森",   "池田",   "橋本", "阿部", "石川", "山下", "中島", "石井", "小川",
    "前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本",
    "金城", "比嘉", "大城",   "新垣", "工藤", "菊地", "千葉", "今井", "原田", "河野"};
static const char *const given[] = {
    "大輔", "健太", "翔太", "拓也", "直樹",   "誠",   "浩二", "和也",   "亮",   "隆",
    "美咲", "陽子", "由美", "恵",   "真由美", "彩",   "香織", "智子",   "裕子", "さくら",
    "一郎", "修",   "正人", "勝",   "茂",     "明美", "京子", "久美子", "千尋", "葵",
    "蓮",   "悠真", "陽菜", "結衣", "大和",   "湊",   "花子", "太郎",   "次郎", "舞"};
static const char *const employers[] = {"地域の情報システム会社",
                                        "地方銀行",
                                        "製造業の情報システム部門",
                                        "ITコンサルティング会社",
                                        "大学",
                                        "高専",
                                        "自治体の情報政策課",
                                        "セキュリティベンダー",
                                        "通信事業者",
                                        "個人事業主"};
static const char *const bios[] = {
    "中小企業の情報セキュリティ対策を、経営者目線でわかりやすく支援します。",
    "ランサムウェア被害の初動対応と復旧を数多く経験しています。",
    "工場のネットワークや制御システムの守り方を現場と一緒に考えます。",
    "Microsoft 365 やクラウドの設定見直しが得意です。",
    "地域の勉強会で啓発セミナーの講師をしています。",
    "定年後、地元の企業のお役に立ちたいと活動しています。",
    "育児が一段落し、リモートで相談に乗っています。",
    "Webサイトの脆弱性診断と改修の助言を行っています。",
    "取引先から求められるセキュリティ対策の整理をお手伝いします。",
    "Uターンして地元でIT支援を始めました。"};
static const char *const vendors[] = {"ウイルス対策ソフトA社", "UTM製品B社", "クラウドC社",
                                      "複合機D社", "回線E社"};

/* One reproducible sequence for everything seeded (domain/rng.h). */
static struct rng g;
static int pick(int n)
{
	return rng_pick(&g, n);
}
#define PICK(arr) (arr)[pick((int)(sizeof(arr) / sizeof *(arr)))]

int seed_batches(struct db *db, int n, int batch, int64_t start, const char *what,
                 int (*make)(struct db *, struct arena *, int64_t, void *), void *ctx)
{
	int rc = KK_OK;
	struct progress bar;
	progress_start(&bar, what, n);
	for (int i = 0; i < n && rc == KK_OK; i += batch) {
		if (db_begin(db) < 0)
			return KK_ERR;
		struct arena *a = arena_new();
		for (int k = i; k < n && k < i + batch && rc == KK_OK; k++)
			rc = make(db, a, start + k, ctx);
		arena_free(a);
		if (rc == KK_OK && db_commit(db) < 0)
			rc = KK_ERR;
		if (rc != KK_OK)
			db_rollback(db);
		progress_step(&bar, i + batch < n ? i + batch : n);
	}
	progress_end(&bar);
	return rc;
}

/* One generated expert number i; the account cannot log in ("!" is no Argon2 hash). */
static int make_expert(struct db *db, struct arena *a, int64_t i, int64_t *id)
{
	const struct taxonomy *tax = taxonomy();
	const struct prefecture *prefs = prefectures_all();
	char name[64], email[64];
	snprintf(name, sizeof name, "%s %s", PICK(surnames), PICK(given));
	snprintf(email, sizeof email, "seed-%lld@kakekomi.example", (long long)i);
	const char *pref = prefs[i < PREF_COUNT ? i : pick(PREF_COUNT)].code;
	if (accounts_create(db, email, "!", name, "expert", pref, id) != KK_OK)
		return KK_ERR;
	struct expert e;
	memset(&e, 0, sizeof e);
	e.id = *id;
	e.display_name = arena_strdup(a, name);
	e.prefecture = pref;
	e.remote = pick(20) == 0; /* few work nationwide */
	e.modes = 1 + pick(3);
	e.hours_per_week = 1 + pick(12);
	e.on_call = pick(3) == 0;
	e.bio = PICK(bios);
	e.employer = PICK(employers);
	e.employer_supports = pick(2);
	e.background = tax->backgrounds[pick(tax->nbackgrounds)].code;
	e.ethics_accepted_at = pick(10) ? db_now() - pick(300) * 86400 : 0;
	expert_default_visibility(e.vis);
	e.languages[e.nlanguages++] = "ja";
	if (pick(4) == 0)
		e.languages[e.nlanguages++] = "en";
	/* Serve one or two neighbours half of the time. */
	const struct prefecture *home = prefecture_by_code(pref);
	for (int k = 0; k < home->nneighbours && k < 2; k++)
		if (pick(2))
			e.serves[e.nserves++] = home->neighbours[k];
	int nskills = 1 + pick(4);
	for (int k = 0; k < nskills; k++) {
		const char *code = tax->skills[pick(tax->nskills)].code;
		bool dup = false;
		for (int j = 0; j < e.nskills; j++)
			dup |= strcmp(e.skills[j].code, code) == 0;
		if (!dup) {
			e.skills[e.nskills].code = code;
			e.skills[e.nskills].level = 1 + pick(4);
			e.nskills++;
		}
	}
	e.roles[e.nroles++] = tax->roles[pick(tax->nroles)].code;
	if (pick(3) == 0 && strcmp(e.roles[0], tax->roles[0].code) != 0)
		e.roles[e.nroles++] = tax->roles[0].code;
	if (pick(6) == 0)
		e.conflicts[e.nconflicts++] = PICK(vendors);
	if (experts_save(db, &e) != KK_OK)
		return KK_ERR;
	/* A third hold a certificate; a few of those have lapsed. */
	if (pick(3) == 0) {
		char number[CERT_NUMBER_TEXT], issued[11], expires[11];
		token_cert_number(number);
		date_jst(db_now() - pick(700) * 86400, issued);
		date_add_years(issued, 1, expires);
		if (certificates_issue(db, number, e.id, pick(4) ? "basic" : "advanced", issued,
		                       expires, 0) != KK_OK)
			return KK_ERR;
	}
	return KK_OK;
}

static int one_expert(struct db *db, struct arena *a, int64_t i, void *ctx)
{
	(void)ctx;
	int64_t id;
	return make_expert(db, a, i, &id);
}

int seed_experts(struct db *db, int n)
{
	int64_t start = seed_count(db, SEED_EXPERTS);
	if (start < 0 || !taxonomy() || !prefectures_all())
		return KK_ERR;
	g.state = 20190318u + (uint64_t)start; /* the date of the minutes */
	return seed_batches(db, n, 1000, start, "experts", one_expert, NULL);
}

/* Type and the words after the prefecture's name. */
static const char *const community_kinds[][2] = {
    {"chamber", "商工会議所 中小企業相談窓口"},
    {"network", "サイバーセキュリティ勉強会"},
    {"municipality", " 情報政策課"},
    {"university", " 高専・大学セキュリティ人材ネットワーク"},
    {"police", "警察 サイバー犯罪相談窓口"},
    {"vendor", " ITベンダー協議会"},
    {"association", "工業会 情報セキュリティ部会"},
};

static int seed_communities(struct db *db)
{
	const struct prefecture *prefs = prefectures_all();
	int rc = KK_OK;
	for (int i = 0; i < 30 && rc == KK_OK; i++) {
		const struct prefecture *p = &prefs[(i * 7) % PREF_COUNT];
		const char *const *kind = community_kinds[i % 7];
		char name[160], desc[200];
		snprintf(name, sizeof name, "%s%s", p->name_ja, kind[1]);
		snprintf(desc, sizeof desc, "%sで中小企業のセキュリティ向上に取り組んでいます。",
		         p->name_ja);
		struct community c = {0, name, kind[0], desc, "info@kakekomi.example", 0, 0, {0}};
		c.prefs[c.nprefs++] = p->code;
		for (int k = 0; k < p->nneighbours && k < 2 && i % 3 == 0; k++)
			c.prefs[c.nprefs++] = p->neighbours[k];
		int64_t id;
		rc = communities_create(db, &c, &id);
		/* Members: seeded experts of that prefecture (the first 47 are one per prefecture).
		 */
		for (int k = 0; rc == KK_OK && k < 3; k++) {
			int64_t expert = k == 0 ? (i * 7) % PREF_COUNT : 47 + pick(253);
			char email[64];
			snprintf(email, sizeof email, "seed-%lld@kakekomi.example",
			         (long long)expert);
			struct account acc;
			struct arena *a = arena_new();
			if (accounts_by_email(db, a, email, &acc) == KK_OK)
				communities_join(db, id, acc.id);
			arena_free(a);
		}
	}
	return rc;
}

struct demo_account {
	const char *email, *role, *name, *pref;
};

static const struct demo_account demo_accounts[] = {
    {"admin@kakekomi.example", "admin", "運営事務局", "13"},
    {"desk@kakekomi.example", "desk", "大阪商工会議所 相談窓口", "27"},
    {"expert@kakekomi.example", "expert", "山田 花子", "27"},
    {"sme@kakekomi.example", "sme", "株式会社なにわ製作所", "27"},
};
static const char demo_password[] = "kakekomi-demo";

static int demo_profile(struct db *db, struct arena *a)
{
	struct account acc;
	struct expert e;
	if (accounts_by_email(db, a, "expert@kakekomi.example", &acc) != KK_OK)
		return KK_ERR;
	if (experts_get(db, a, acc.id, &e) == KK_OK)
		return KK_OK;
	memset(&e, 0, sizeof e);
	e.id = acc.id;
	e.display_name = acc.display_name;
	e.prefecture = "27";
	e.serves[e.nserves++] = "26";
	e.serves[e.nserves++] = "28";
	e.modes = MODE_REMOTE | MODE_ONSITE;
	e.hours_per_week = 6;
	e.on_call = true;
	e.bio = "大阪の製造業・小売業を中心に、インシデント対応と社員向け研修をしています。";
	e.employer = "なにわセキュリティ合同会社";
	e.employer_supports = true;
	e.background = "side_job";
	e.ethics_accepted_at = db_now();
	expert_default_visibility(e.vis);
	e.languages[e.nlanguages++] = "ja";
	e.languages[e.nlanguages++] = "en";
	e.skills[e.nskills++] = (struct expert_skill){"incident_response", 3};
	e.skills[e.nskills++] = (struct expert_skill){"awareness", 4};
	e.skills[e.nskills++] = (struct expert_skill){"malware", 3};
	e.roles[e.nroles++] = "responder";
	e.roles[e.nroles++] = "trainer";
	if (experts_save(db, &e) != KK_OK)
		return KK_ERR;
	char number[CERT_NUMBER_TEXT], issued[11], expires[11];
	token_cert_number(number);
	date_jst(db_now(), issued);
	date_add_years(issued, 1, expires);
	return certificates_issue(db, number, e.id, "basic", issued, expires, 0);
}

/* Desks in all 47 prefectures (hosted by a community of the prefecture where there
 * is one), the demo desk operator in Osaka, companies, and requests in every state. */
static int seed_desks_and_requests(struct db *db, struct arena *a)
{
	const struct prefecture *prefs = prefectures_all();
	int64_t osaka = 0;
	for (int i = 0; i < PREF_COUNT; i++) {
		struct community cs[1];
		int nc = communities_list(db, a, prefs[i].code, "chamber", cs, 1);
		char name[128];
		snprintf(name, sizeof name, "%s 駆け込み寺", prefs[i].name_ja);
		struct desk d = {0,
		                 nc ? cs[0].id : 0,
		                 prefs[i].code,
		                 arena_strdup(a, name),
		                 "平日 9:00–17:00 (Weekdays 9:00–17:00)",
		                 "#9110 (警察相談専用電話)"};
		int64_t id;
		if (desks_create(db, &d, &id) != KK_OK)
			return KK_ERR;
		if (strcmp(prefs[i].code, "27") == 0)
			osaka = id;
	}
	struct account desk, sme, expert;
	if (accounts_by_email(db, a, "desk@kakekomi.example", &desk) != KK_OK ||
	    accounts_by_email(db, a, "sme@kakekomi.example", &sme) != KK_OK ||
	    accounts_by_email(db, a, "expert@kakekomi.example", &expert) != KK_OK ||
	    desks_add_operator(db, osaka, desk.id) != KK_OK)
		return KK_ERR;
	struct company c = {sme.id, "株式会社なにわ製作所", "27", "E", "21-50", 1, {"UTM製品B社"}};
	if (companies_save(db, &c) != KK_OK)
		return KK_ERR;
	/* One request in each state, all at the Osaka desk. */
	static const struct {
		const char *kind, *status, *urgency, *topic, *text;
	} demo[] = {
	    {"advice", "open", "normal", "awareness", "社員向けの標的型メール対策の研修をしたい。"},
	    {"incident", "offered", "high", "incident_response",
	     "事務所のパソコンにランサムウェアの脅迫文が表示された。"},
	    {"advice", "assigned", "normal", "cloud", "Microsoft 365 の設定を見直したい。"},
	    {"advice", "closed", "low", "backup", "バックアップの取り方を相談したい。"},
	};
	for (size_t i = 0; i < sizeof demo / sizeof *demo; i++) {
		struct request q = {0};
		q.company_id = sme.id;
		q.desk_id = osaka;
		q.prefecture = "27";
		q.kind = demo[i].kind;
		q.description = demo[i].text;
		q.mode = "remote";
		q.urgency = demo[i].urgency;
		q.topics[q.ntopics++] = demo[i].topic;
		int64_t id;
		/* The details in the form the server writes them (app/requests.c). */
		char routed[32], assigned[32];
		snprintf(routed, sizeof routed, "desk %lld", (long long)osaka);
		snprintf(assigned, sizeof assigned, "expert %lld", (long long)expert.id);
		if (requests_create(db, &q, &id) != KK_OK ||
		    request_event_add(db, id, "filed", sme.id, q.kind) != KK_OK ||
		    request_event_add(db, id, "routed", 0, routed) != KK_OK)
			return KK_ERR;
		const char *st = demo[i].status;
		if (strcmp(st, "offered") == 0) {
			if (offers_add(db, id, expert.id, 0) != KK_OK ||
			    requests_set_ring(db, id, 0, db_now() + 1800) != KK_OK ||
			    request_event_add(db, id, "offered", 0, "ring 0: 1 offered") != KK_OK)
				return KK_ERR;
		}
		if (strcmp(st, "assigned") == 0 || strcmp(st, "closed") == 0) {
			if (assignees_add(db, id, expert.id) != KK_OK ||
			    request_event_add(db, id, "assigned", desk.id, assigned) != KK_OK)
				return KK_ERR;
		}
		if (strcmp(st, "closed") == 0) {
			if (requests_close(db, id, "週次バックアップと復元手順を整理しました。",
			                   15) != KK_OK ||
			    ratings_add(db, id, 5, "とても分かりやすかったです。") != KK_OK ||
			    request_event_add(db, id, "closed", expert.id, "1.5 h") != KK_OK ||
			    request_event_add(db, id, "rated", sme.id, "5") != KK_OK)
				return KK_ERR;
		} else if (requests_set_status(db, id, st) != KK_OK) {
			return KK_ERR;
		}
	}
	return KK_OK;
}

#define DEMO_QUESTIONS 400
#define DEMO_COMPANIES 3000
#define DEMO_EVENTS    80

/* Record a seeding step as done, in its own transaction. */
static int mark_done(struct db *db, const char *key)
{
	if (db_begin(db) < 0)
		return KK_ERR;
	int rc = seed_mark(db, key);
	rc = rc == KK_OK ? db_commit(db) : rc;
	if (rc != KK_OK)
		db_rollback(db);
	return rc;
}

int seed_demo(struct db *db)
{
	struct arena *a = arena_new();
	int rc = KK_OK;
	for (size_t i = 0; i < sizeof demo_accounts / sizeof *demo_accounts && rc == KK_OK; i++) {
		const struct demo_account *d = &demo_accounts[i];
		struct account existing;
		int64_t id;
		if (accounts_by_email(db, a, d->email, &existing) == KK_OK)
			continue;
		rc = auth_create_account(db, d->email, demo_password, d->name, d->role, d->pref,
		                         &id);
	}
	if (rc == KK_OK && seed_marked(db, "seed_demo") == 0) {
		rc = seed_experts(db, 300);
		if (rc == KK_OK && db_begin(db) == KK_OK) {
			rc = seed_communities(db);
			if (rc == KK_OK)
				rc = demo_profile(db, a);
			if (rc == KK_OK)
				rc = seed_desks_and_requests(db, a);
			if (rc == KK_OK)
				rc = seed_mark(db, "seed_demo");
			if (rc == KK_OK)
				rc = db_commit(db);
			if (rc != KK_OK)
				db_rollback(db);
		}
	}
	arena_free(a);
	/* The Q&A: generated questions with answers by the demo experts, indexed. */
	if (rc == KK_OK && seed_marked(db, "seed_demo_qa") == 0) {
		rc = seed_questions(db, DEMO_QUESTIONS);
		if (rc == KK_OK)
			rc = seed_reindex(db, false);
		if (rc == KK_OK)
			rc = mark_done(db, "seed_demo_qa");
	}
	/* Companies that took the self-check, so a result has peers; the demo company's history. */
	if (rc == KK_OK && seed_marked(db, "seed_demo_assessments") == 0) {
		struct arena *sa = arena_new();
		struct account sme;
		rc = seed_assessments(db, DEMO_COMPANIES);
		if (rc == KK_OK)
			rc = seed_activity(db, 1);
		if (rc == KK_OK)
			rc = accounts_by_email(db, sa, "sme@kakekomi.example", &sme) == KK_OK
			         ? seed_company_history(db, sme.id)
			         : KK_ERR;
		arena_free(sa);
		if (rc == KK_OK)
			rc = mark_done(db, "seed_demo_assessments");
	}
	/* Study groups and events, and the demo accounts' own in Osaka. */
	if (rc == KK_OK && seed_marked(db, "seed_demo_events") == 0) {
		struct arena *ea = arena_new();
		struct account desk, sme, expert;
		int64_t desk_id = 0;
		rc = seed_events(db, DEMO_EVENTS);
		if (rc == KK_OK &&
		    (accounts_by_email(db, ea, "desk@kakekomi.example", &desk) != KK_OK ||
		     accounts_by_email(db, ea, "sme@kakekomi.example", &sme) != KK_OK ||
		     accounts_by_email(db, ea, "expert@kakekomi.example", &expert) != KK_OK ||
		     desks_for_prefecture(db, "27", &desk_id) != KK_OK))
			rc = KK_ERR;
		if (rc == KK_OK && db_begin(db) == KK_OK) {
			rc = seed_demo_events(db, desk_id, desk.id, sme.id, expert.id);
			rc = rc == KK_OK ? seed_mark(db, "seed_demo_events") : rc;
			rc = rc == KK_OK ? db_commit(db) : rc;
			if (rc != KK_OK)
				db_rollback(db);
		}
		arena_free(ea);
	}
	if (rc == KK_OK) {
		printf("demo accounts (password: %s):\n", demo_password);
		for (size_t i = 0; i < sizeof demo_accounts / sizeof *demo_accounts; i++)
			printf("  %-8s %s\n", demo_accounts[i].role, demo_accounts[i].email);
	}
	return rc;
}

/* ---- generated questions for the Q&A benchmarks ---- */

static const char *const q_subjects[] = {
    "ウイルス",   "ランサムウェア", "詐欺メール",   "パスワード",         "USBメモリ",
    "クラウド",   "Wi-Fi",          "バックアップ", "ホームページ改ざん", "情報漏えい",
    "標的型攻撃", "不正アクセス",   "テレワーク",   "スマートフォン",     "請求書詐欺",
    "個人情報",   "取引先のメール", "社員教育",     "Microsoft 365",      "ネットバンキング",
    "防犯カメラ", "レジのパソコン", "VPN",          "SNSアカウント",      "ウイルス対策ソフト"};
static const char *const q_aspects[] = {"対策",       "被害",     "予防",     "見分け方",
                                        "設定",       "費用",     "初動対応", "相談先",
                                        "社内ルール", "確認方法", "注意点",   "始め方"};
static const char *const q_sizes[] = {"従業員5人", "従業員20人ほど", "家族経営",
                                      "社員50人",  "パート含め12人", "個人事業"};
static const char *const q_trades[] = {"の製造業",     "の小売店", "の飲食店",   "の建設会社",
                                       "の会計事務所", "の旅館",   "の運送会社", "の歯科医院",
                                       "のIT企業",     "の農家"};
static const char *const q_worries[] = {"何から手を付ければよいか分かりません",
                                        "取引先から対策を求められています",
                                        "先週おかしなメールが届きました",
                                        "予算があまりありません",
                                        "詳しい社員がいません",
                                        "被害にあった同業者の話を聞いて不安です",
                                        "保険に入るべきか迷っています"};
static const char *const a_openers[] = {"まずは", "最初に", "結論から言うと、", "ご不安ですね。",
                                        "よくあるご相談です。"};
static const char *const a_advices[] = {
    "OSとソフトを最新の状態に保つことが基本です",
    "パスワードの使い回しをやめ、多要素認証を設定しましょう",
    "重要なデータは別の場所にバックアップを取ってください",
    "不審なメールの添付ファイルは開かないでください",
    "被害が疑われる端末はネットワークから切り離し、電源は切らずに相談してください",
    "社員向けに短い研修を年に一度行うと効果的です",
    "都道府県警察のサイバー犯罪相談窓口にも相談できます",
    "IPAの情報セキュリティ5か条から始めるのがおすすめです"};
static const char *const q_topics[] = {
    "awareness",   "malware", "accounts",          "backup",           "cloud",
    "m365",        "web",     "incident_response", "ransomware",       "network",
    "remote_work", "legal",   "office_it",         "phishing_training"};

/* What every generated question needs to know. */
struct question_seed {
	const struct prefecture *prefs;
	int64_t experts, first_expert, now;
};

static int one_question(struct db *db, struct arena *a, int64_t i, void *ctx)
{
	(void)i;
	const struct question_seed *qs = ctx;
	const char *subject = PICK(q_subjects), *aspect = PICK(q_aspects);
	struct question q = {0};
	q.title = arena_printf(a, "%sの%sについて教えてください", subject, aspect);
	q.body = arena_printf(a, "%s%sです。%sの%sについて相談です。%s。どうすればよいでしょうか。",
	                      PICK(q_sizes), PICK(q_trades), subject, aspect, PICK(q_worries));
	q.topic = PICK(q_topics);
	q.level = 1 + pick(4);
	q.prefecture = qs->prefs[pick(PREF_COUNT)].code;
	q.industry = arena_printf(a, "%c", 'A' + pick(20));
	q.created_at = qs->now - (int64_t)pick(3 * 365) * 86400 - pick(86400);
	int na = pick(4), best = na ? pick(na + 1) - 1 : -1;
	const char *answers[3];
	int64_t who[3], at[3];
	for (int j = 0; j < na; j++) {
		answers[j] = arena_printf(a, "%s%s。%sについては、%s。", PICK(a_openers),
		                          PICK(a_advices), subject, PICK(a_advices));
		who[j] = qs->experts > 0
		             ? qs->first_expert +
		                   pick((int)(qs->experts < 100000 ? qs->experts : 100000))
		             : 0;
		/* within a week of the question, never after today */
		int64_t after = q.created_at + pick(7 * 86400);
		at[j] = after < qs->now ? after : q.created_at + (qs->now - q.created_at) / 2;
	}
	int64_t id;
	return qa_insert_bulk(db, &q, answers, who, at, na, best, &id);
}

/* fn(db) in one transaction, with a progress bar named what. */
static int in_transaction(struct db *db, const char *what, int (*fn)(struct db *))
{
	if (db_begin(db) < 0)
		return KK_ERR;
	struct progress bar;
	progress_start(&bar, what, 0);
	db_progress(db, &bar);
	int rc = fn(db);
	db_progress(db, NULL);
	progress_end(&bar);
	if (rc != KK_OK) {
		db_rollback(db);
		return KK_ERR;
	}
	return db_commit(db);
}

int seed_questions(struct db *db, int n)
{
	struct question_seed qs = {prefectures_all(), seed_count(db, SEED_ALL_EXPERTS),
	                           seed_count(db, SEED_FIRST_EXPERT), db_now()};
	int64_t start = seed_count(db, SEED_QUESTIONS);
	if (start < 0 || !qs.prefs)
		return KK_ERR;
	g.state = 20190318u * 7 + (uint64_t)start;
	if (seed_batches(db, n, 5000, start, "questions", one_question, &qs) != KK_OK)
		return KK_ERR;
	return in_transaction(db, "search index", qa_bulk_show);
}

int seed_reindex(struct db *db, bool rebuild)
{
	return rebuild ? in_transaction(db, "search index", qa_reindex_all)
	               : in_transaction(db, "search index merge", qa_index_optimize);
}
