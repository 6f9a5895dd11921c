/* main.c — the command line: serve, migrate, seed, user, import, backup, restore, reindex,
 * sql. */
#include "app/accounts.h"
#include "app/config.h"
#include "util/progress.h"
#include "app/experts_csv.h"
#include "app/handlers.h"
#include "app/jobs.h"
#include "app/registry.h"
#include "app/routes.h"
#include "app/seed.h"
#include "jobs/deliver.h"
#include "domain/token.h"
#include "http/server.h"
#include "app/session.h"
#include "store/db.h"
#include "store/experts.h"
#include "store/prefectures.h"
#include "store/qa.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"

#include <ctype.h>
#include <curl/curl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *db_path = "var/kakekomi.db";

static const char usage_main[] =
    "usage: kakekomi [--config FILE] [--db FILE] COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  serve [--listen ADDR:PORT] [--threads N] [--secure-cookies] [--trust-proxy]\n"
    "        [--search-cache N]\n"
    "                      migrate the database and serve HTTP until SIGINT/SIGTERM\n"
    "  migrate             apply pending database migrations\n"
    "  seed [--demo] [--experts N] [--questions N] [--assessments N] [--activity YEARS]\n"
    "                      add the demo data (idempotent) or N generated experts,\n"
    "                      questions or assessed companies, or years of requests\n"
    "  user add --email E --role R [--name N] [--prefecture PP] --password-stdin\n"
    "                      create an account of any role (sme, expert, desk, admin)\n"
    "  user reset-link --email E [--base-url URL]\n"
    "                      print a one-time link to set a password\n"
    "  import experts FILE.csv\n"
    "                      import experts, all rows or none\n"
    "  backup --to FILE    copy the live database with SQLite's online backup\n"
    "  restore --from FILE replace the database with a checked backup (server stopped)\n"
    "  reindex [--check]   rebuild the Q&A search index from the questions and answers\n"
    "  sql [STATEMENTS]    run SQL (from the argument or standard input) with kakekomi's\n"
    "                      tokenizer: the sqlite3 shell cannot write questions or answers\n"
    "\n"
    "every command takes --db FILE (default var/kakekomi.db, env KAKEKOMI_DB)\n"
    "and --help. Settings come from the configuration file (--config FILE, env\n"
    "KAKEKOMI_CONFIG, default /etc/kakekomi/kakekomi.conf when it exists: key = value),\n"
    "then the environment (KAKEKOMI_DB, KAKEKOMI_LISTEN, KAKEKOMI_THREADS,\n"
    "KAKEKOMI_SECURE_COOKIES=1, KAKEKOMI_TRUST_PROXY=1, ...), then the options, each\n"
    "overriding the one before. See kakekomi(8).\n";

static const char usage_serve[] =
    "usage: kakekomi [--db FILE] serve [--listen ADDR:PORT] [--threads N]\n"
    "                [--secure-cookies] [--trust-proxy] [--search-cache N]\n"
    "                [--incident-sla SECONDS] [--allowance-hours H] [--base-url URL]\n"
    "                [--smtp-url URL] [--smtp-user USER] [--mail-from ADDR]\n"
    "                [--webhook-url URL] [--retry-base SECONDS] [--metrics-allow ADDRS]\n"
    "  --listen ADDR:PORT  address to listen on (default 127.0.0.1:8080; env KAKEKOMI_LISTEN)\n"
    "  --threads N         worker threads (default: number of CPUs; env KAKEKOMI_THREADS)\n"
    "  --secure-cookies    mark cookies Secure, when served behind TLS (env "
    "KAKEKOMI_SECURE_COOKIES=1)\n"
    "  --trust-proxy       take the client address from X-Forwarded-For (env "
    "KAKEKOMI_TRUST_PROXY=1)\n"
    "  --search-cache N    directory searches kept in memory, invalidated by any registry\n"
    "                      change (default 64; 0 turns it off; env KAKEKOMI_SEARCH_CACHE)\n"
    "  --incident-sla S    seconds before an unanswered incident offer widens to the next\n"
    "                      ring of experts (default 1800; env KAKEKOMI_INCIDENT_SLA)\n"
    "  --allowance-hours H free consultation hours per company and year (default 10;\n"
    "                      env KAKEKOMI_ALLOWANCE_HOURS)\n"
    "  --base-url URL      how users reach the site, for links in e-mail\n"
    "                      (default http://127.0.0.1:8080; env KAKEKOMI_BASE_URL)\n"
    "  --smtp-url URL      smtp://host:port or smtps://host:port (env KAKEKOMI_SMTP_URL);\n"
    "                      without it, mail is kept for the admins' page /admin/mail\n"
    "  --smtp-user USER    SMTP login (env KAKEKOMI_SMTP_USER; password only in\n"
    "                      KAKEKOMI_SMTP_PASSWORD)\n"
    "  --mail-from ADDR    sender address (default kakekomi@localhost; env KAKEKOMI_MAIL_FROM)\n"
    "  --webhook-url URL   POST signed JSON events there (env KAKEKOMI_WEBHOOK_URL; the\n"
    "                      HMAC-SHA256 key only in KAKEKOMI_WEBHOOK_SECRET)\n"
    "  --metrics-allow A   client addresses /metrics answers, comma-separated (default\n"
    "                      127.0.0.1,::1; env KAKEKOMI_METRICS_ALLOW)\n"
    "  --retry-base S      seconds before the first delivery retry, doubling up to an hour\n"
    "                      (default 30; env KAKEKOMI_RETRY_BASE)\n";
static const char usage_migrate[] =
    "usage: kakekomi [--db FILE] migrate [--to N]\n"
    "  --to N        apply the migrations up to version N only (to test an upgrade)\n";
static const char usage_seed[] =
    "usage: kakekomi [--db FILE] seed [--demo] [--experts N] [--questions N] [--assessments N]\n"
    "                [--activity YEARS] [--events N]\n"
    "  --demo        the demo accounts, 300 experts in all 47 prefectures, 30 communities,\n"
    "                desks and requests, 400 Q&A questions with answers, 3000 companies\n"
    "                with a self-assessment, 80 events and the demo's own (idempotent)\n"
    "  --experts N   N more generated experts, reproducibly (for benchmarks; they cannot log in)\n"
    "  --questions N N generated questions with answers, reproducibly, then the search index\n"
    "  --assessments N  N generated companies with a self-assessment each, reproducibly,\n"
    "                then the peer figures (they cannot log in)\n"
    "  --activity YEARS  that many years of requests by the generated companies, with first\n"
    "                responses, widened incidents and transfers (1 to 20), reproducibly\n"
    "  --events N    N generated events over the past year and the next, with registrations\n"
    "                by the generated experts and attendance for those past, reproducibly\n";
static const char usage_user[] =
    "usage: kakekomi [--db FILE] user add --email E --role sme|expert|desk|admin\n"
    "                [--name NAME] [--prefecture 01..47] --password-stdin\n"
    "       kakekomi [--db FILE] user reset-link --email E [--base-url URL]\n"
    "  the password (8 to 256 characters) is read from the first line of standard input;\n"
    "  reset-link prints a one-time link to set it\n";
static const char usage_import[] =
    "usage: kakekomi [--db FILE] import experts FILE.csv\n"
    "  all rows are valid and written, or nothing is written and every bad row is listed\n";
static const char usage_backup[] = "usage: kakekomi [--db FILE] backup --to FILE\n";
static const char usage_restore[] =
    "usage: kakekomi [--db FILE] restore --from FILE\n"
    "  replace the database with a backup, after checking it (PRAGMA integrity_check);\n"
    "  the server must be stopped first\n";

static const char usage_reindex[] =
    "usage: kakekomi [--db FILE] reindex [--check]\n"
    "  rebuild the Q&A search index from the questions and their answers and merge it;\n"
    "  --check then verifies that it holds exactly what they show (reads it all)\n";
static const char usage_sql[] =
    "usage: kakekomi [--db FILE] sql [STATEMENTS]\n"
    "  run SQL statements (the argument, or standard input) on the migrated database, with\n"
    "  kakekomi's search tokenizer, and print the rows they return, columns separated by\n"
    "  tabs. Triggers keep the search index with the questions and answers; the sqlite3\n"
    "  shell does not have the tokenizer, so it cannot change them.\n";

static int bad_usage(const char *usage)
{
	fputs(usage, stderr);
	return 2;
}

/* "COMMAND --help" for a command whose first word is a subcommand: print usage, true. */
static bool asked_help(int argc, char **argv, const char *usage)
{
	if (argc != 2 || strcmp(argv[1], "--help") != 0)
		return false;
	fputs(usage, stdout);
	return true;
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

static bool env_flag(const char *name)
{
	const char *v = getenv(name);
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0);
}

/* Parse the options every command shares plus the command's own. Returns the
 * getopt character, or -1 at the end; --help prints usage and exits 0. */
static int next_opt(int argc, char **argv, const struct option *opts, const char *usage)
{
	int c = getopt_long(argc, argv, "+", opts, NULL);
	if (c == 'h') {
		fputs(usage, stdout);
		exit(0);
	}
	if (c == 'd') {
		db_path = optarg;
		return next_opt(argc, argv, opts, usage);
	}
	return c;
}

/* Create the database's folder, open it and apply the migrations up to version upto. */
static struct db *open_db_to(int upto)
{
	char *dir = strdup(db_path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		mkdir(dir, 0750);
	}
	free(dir);
	struct db *db = db_open(db_path);
	if (!db)
		return NULL;
	if (db_migrate(db, upto) != KK_OK) {
		db_close(db);
		return NULL;
	}
	return db;
}

/* The same with every migration. */
static struct db *open_db(void)
{
	return open_db_to(INT_MAX);
}

/* The lock beside the database (FILE.lock): every server holds it shared while it runs, a
 * restore exclusive, so a restore never runs under a server. The descriptor stays open
 * for the life of the process; -1 when someone holds it the other way. */
static int db_lock(bool exclusive)
{
	char path[4096];
	snprintf(path, sizeof path, "%s.lock", db_path);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {{"listen", required_argument, NULL, 'l'},
	                                     {"threads", required_argument, NULL, 't'},
	                                     {"secure-cookies", no_argument, NULL, 's'},
	                                     {"trust-proxy", no_argument, NULL, 'p'},
	                                     {"search-cache", required_argument, NULL, 'c'},
	                                     {"incident-sla", required_argument, NULL, 'S'},
	                                     {"smtp-url", required_argument, NULL, 'M'},
	                                     {"smtp-user", required_argument, NULL, 'U'},
	                                     {"mail-from", required_argument, NULL, 'F'},
	                                     {"webhook-url", required_argument, NULL, 'W'},
	                                     {"base-url", required_argument, NULL, 'B'},
	                                     {"retry-base", required_argument, NULL, 'R'},
	                                     {"metrics-allow", required_argument, NULL, 'm'},
	                                     {"allowance-hours", required_argument, NULL, 'A'},
	                                     {"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	server_opts.listen = env_or("KAKEKOMI_LISTEN", "127.0.0.1:8080");
	server_opts.threads = atoi(env_or("KAKEKOMI_THREADS", "0"));
	server_opts.secure_cookies = env_flag("KAKEKOMI_SECURE_COOKIES");
	server_opts.trust_proxy = env_flag("KAKEKOMI_TRUST_PROXY");
	server_opts.metrics_allow = env_or("KAKEKOMI_METRICS_ALLOW", "127.0.0.1,::1");
	registry_search_cache(atoi(env_or("KAKEKOMI_SEARCH_CACHE", "64")));
	app_config.incident_sla = atoi(env_or("KAKEKOMI_INCIDENT_SLA", "1800"));
	app_config.allowance_hours = atoi(env_or("KAKEKOMI_ALLOWANCE_HOURS", "10"));
	app_config.base_url = env_or("KAKEKOMI_BASE_URL", "http://127.0.0.1:8080");
	delivery.smtp_url = env_or("KAKEKOMI_SMTP_URL", NULL);
	delivery.smtp_user = env_or("KAKEKOMI_SMTP_USER", NULL);
	delivery.smtp_password = env_or("KAKEKOMI_SMTP_PASSWORD", NULL); /* a secret: env only */
	delivery.mail_from = env_or("KAKEKOMI_MAIL_FROM", "kakekomi@localhost");
	delivery.webhook_url = env_or("KAKEKOMI_WEBHOOK_URL", NULL);
	delivery.webhook_secret = env_or("KAKEKOMI_WEBHOOK_SECRET", NULL); /* a secret: env only */
	delivery.retry_base = atoi(env_or("KAKEKOMI_RETRY_BASE", "30"));
	if (delivery.retry_base < 1)
		delivery.retry_base = 30;
	int c;
	while ((c = next_opt(argc, argv, opts, usage_serve)) != -1) {
		switch (c) {
		case 'l':
			server_opts.listen = optarg;
			break;
		case 't': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return bad_usage(usage_serve);
			server_opts.threads = (int)n;
			break;
		}
		case 's':
			server_opts.secure_cookies = true;
			break;
		case 'p':
			server_opts.trust_proxy = true;
			break;
		case 'M':
			delivery.smtp_url = optarg;
			break;
		case 'U':
			delivery.smtp_user = optarg;
			break;
		case 'F':
			delivery.mail_from = optarg;
			break;
		case 'W':
			delivery.webhook_url = optarg;
			break;
		case 'B':
			app_config.base_url = optarg;
			break;
		case 'm':
			server_opts.metrics_allow = optarg;
			break;
		case 'R':
			delivery.retry_base = atoi(optarg) > 0 ? atoi(optarg) : 30;
			break;
		case 'S':
		case 'A': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 10000000)
				return bad_usage(usage_serve);
			*(c == 'S' ? &app_config.incident_sla : &app_config.allowance_hours) =
			    (int)n;
			break;
		}
		case 'c': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 0 || n > 4096)
				return bad_usage(usage_serve);
			registry_search_cache((int)n);
			break;
		}
		default:
			return bad_usage(usage_serve);
		}
	}
	if (optind != argc)
		return bad_usage(usage_serve);
	/* Events signed with an empty key could be forged by anyone: no secret, no webhook. */
	if (delivery.webhook_url && *delivery.webhook_url &&
	    (!delivery.webhook_secret || !*delivery.webhook_secret)) {
		fprintf(stderr,
		        "kakekomi: --webhook-url needs KAKEKOMI_WEBHOOK_SECRET, the key its "
		        "events are signed with\n");
		return 2;
	}
	if (password_dummy_init() < 0) {
		fprintf(stderr, "kakekomi: cannot initialise\n");
		return 1;
	}
	struct db *db = open_db();
	if (!db)
		return 1;
	int ok = prefectures_cache(db) == KK_OK && taxonomy_cache(db) == KK_OK &&
	         session_init(db) == KK_OK;
	/* The registry in memory, before the first request needs it. */
	if (ok && registry_sync(db) != KK_OK) {
		fprintf(stderr, "kakekomi: cannot load the registry from %s\n", db_path);
		db_close(db);
		return 1;
	}
	size_t bytes, experts = registry_size(&bytes);
	fprintf(stderr, "kakekomi: registry of %zu experts in memory, %.1f MiB\n", experts,
	        (double)bytes / 1048576.0);
	db_close(db);
	if (!ok) {
		fprintf(stderr, "kakekomi: reference data missing from %s\n", db_path);
		return 1;
	}
	if (db_lock(false) < 0) {
		fprintf(stderr, "kakekomi: %s is being restored\n", db_path);
		return 1;
	}
	db_set_path(db_path);
	if (worker_start(&app_jobs) < 0)
		return 1;
	int rc = server_run(&app_server);
	worker_stop();
	db_close_all();
	return rc;
}

static int cmd_migrate(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"to", required_argument, NULL, 't'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c, upto = INT_MAX;
	while ((c = next_opt(argc, argv, opts, usage_migrate)) != -1) {
		char *end;
		long v = c == 't' ? strtol(optarg, &end, 10) : 0;
		if (c != 't' || *end || v < 1 || v > 9999)
			return bad_usage(usage_migrate);
		upto = (int)v;
	}
	if (optind != argc)
		return bad_usage(usage_migrate);
	struct db *db = open_db_to(upto);
	if (!db)
		return 1;
	printf("%s: schema version %d\n", db_path, db_schema_version(db));
	db_close(db);
	return 0;
}

static int cmd_seed(int argc, char **argv)
{
	static const struct option opts[] = {{"demo", no_argument, NULL, 'm'},
	                                     {"experts", required_argument, NULL, 'x'},
	                                     {"questions", required_argument, NULL, 'q'},
	                                     {"assessments", required_argument, NULL, 'a'},
	                                     {"activity", required_argument, NULL, 'y'},
	                                     {"events", required_argument, NULL, 'e'},
	                                     {"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	bool demo = false;
	long experts = 0, questions = 0, assessments = 0, activity = 0, events = 0;
	int c;
	while ((c = next_opt(argc, argv, opts, usage_seed)) != -1) {
		if (c == 'm') {
			demo = true;
		} else if (c == 'x' || c == 'q' || c == 'a' || c == 'y' || c == 'e') {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > (c == 'y' ? 20 : 10000000))
				return bad_usage(usage_seed);
			*(c == 'x'   ? &experts
			  : c == 'q' ? &questions
			  : c == 'a' ? &assessments
			  : c == 'e' ? &events
			             : &activity) = v;
		} else {
			return bad_usage(usage_seed);
		}
	}
	if ((!demo && !experts && !questions && !assessments && !activity && !events) ||
	    optind != argc)
		return bad_usage(usage_seed);
	struct db *db = open_db();
	if (!db)
		return 1;
	int rc = KK_OK;
	if (prefectures_cache(db) != KK_OK || taxonomy_cache(db) != KK_OK)
		rc = KK_ERR;
	if (rc == KK_OK && demo)
		rc = seed_demo(db);
	if (rc == KK_OK && experts) {
		rc = seed_experts(db, (int)experts);
		if (rc == KK_OK)
			printf("%ld experts added\n", experts);
	}
	if (rc == KK_OK && questions) {
		double t0 = progress_seconds();
		rc = seed_questions(db, (int)questions);
		double t1 = progress_seconds();
		if (rc == KK_OK)
			rc = seed_reindex(db, false);
		if (rc == KK_OK)
			printf(
			    "%ld questions added and indexed in %.1f s; index merged in %.1f s\n",
			    questions, t1 - t0, progress_seconds() - t1);
	}
	if (rc == KK_OK && assessments) {
		rc = seed_assessments(db, (int)assessments);
		if (rc == KK_OK)
			printf("%ld assessed companies added\n", assessments);
	}
	if (rc == KK_OK && activity) {
		rc = seed_activity(db, (int)activity);
		if (rc == KK_OK)
			printf("%ld years of requests added\n", activity);
	}
	if (rc == KK_OK && events) {
		rc = seed_events(db, (int)events);
		if (rc == KK_OK)
			printf("%ld events added\n", events);
	}
	db_close(db);
	if (rc != KK_OK)
		fprintf(stderr, "kakekomi: seeding failed\n");
	return rc == KK_OK ? 0 : 1;
}

static int cmd_reset_link(int argc, char **argv);

static int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {{"email", required_argument, NULL, 'e'},
	                                     {"role", required_argument, NULL, 'r'},
	                                     {"name", required_argument, NULL, 'n'},
	                                     {"prefecture", required_argument, NULL, 'P'},
	                                     {"password-stdin", no_argument, NULL, 'S'},
	                                     {"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	if (argc >= 2 && strcmp(argv[1], "reset-link") == 0)
		return cmd_reset_link(argc - 1, argv + 1);
	if (asked_help(argc, argv, usage_user))
		return 0;
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return bad_usage(usage_user);
	argc--, argv++;
	const char *email = NULL, *role = NULL, *name = NULL, *pref = "13";
	bool pw_stdin = false;
	int c;
	while ((c = next_opt(argc, argv, opts, usage_user)) != -1) {
		switch (c) {
		case 'e':
			email = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'P':
			pref = optarg;
			break;
		case 'S':
			pw_stdin = true;
			break;
		default:
			return bad_usage(usage_user);
		}
	}
	if (!email || !role || !pw_stdin || optind != argc)
		return bad_usage(usage_user);
	char line[1024];
	if (!fgets(line, sizeof line, stdin)) {
		fprintf(stderr, "kakekomi: no password on standard input\n");
		return 1;
	}
	line[strcspn(line, "\r\n")] = '\0';

	/* The same declared fields as sign-up, with every role allowed. */
	static const char *const roles[] = {"sme", "expert", "desk", "admin", NULL};
	struct field_spec spec[SU__MAX];
	memcpy(spec, signup_fields, sizeof spec);
	spec[SU_ROLE].choices = roles;
	const char *raw[SU__MAX] = {email, line, name ? name : email, role, pref, "1"};
	struct field_val v[SU__MAX];
	struct arena *a = arena_new();
	for (int i = 0; i < SU__MAX; i++) {
		struct raw_value rv = {RAW_STRING, raw[i], strlen(raw[i]), 0};
		struct field_error err;
		if (validate_field(&spec[i], &rv, a, &v[i], &err) < 0) {
			fprintf(stderr, "kakekomi: %s: %s\n", err.field, err.code);
			arena_free(a);
			return 2;
		}
	}
	struct db *db = open_db();
	int64_t id = 0;
	int rc = db ? auth_create_account(db, v[SU_EMAIL].s, v[SU_PASSWORD].s, v[SU_NAME].s,
	                                  v[SU_ROLE].s, v[SU_PREF].s, &id)
	            : KK_ERR;
	if (rc == KK_OK)
		printf("account %lld: %s (%s)\n", (long long)id, v[SU_EMAIL].s, v[SU_ROLE].s);
	else if (rc == KK_CONFLICT)
		fprintf(stderr, "kakekomi: %s is already registered\n", v[SU_EMAIL].s);
	arena_free(a);
	db_close(db);
	return rc == KK_OK ? 0 : 1;
}

/* Append the rest of f to b. */
static void read_into(struct buf *b, FILE *f)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
}

static int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	if (asked_help(argc, argv, usage_import))
		return 0;
	if (argc < 2 || strcmp(argv[1], "experts") != 0)
		return bad_usage(usage_import);
	argc--, argv++;
	if (next_opt(argc, argv, opts, usage_import) != -1 || optind != argc - 1)
		return bad_usage(usage_import);
	const char *path = argv[optind];
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "kakekomi: cannot read %s\n", path);
		return 1;
	}
	struct arena *a = arena_new();
	struct buf data, report;
	buf_init(&data, a);
	buf_init(&report, a);
	read_into(&data, f);
	fclose(f);
	struct db *db = open_db();
	int rc = 1;
	if (db && prefectures_cache(db) == KK_OK && taxonomy_cache(db) == KK_OK) {
		int written = experts_csv_import(db, a, data.p, data.len, "en", &report);
		if (written >= 0) {
			printf("%d experts imported from %s\n", written, path);
			rc = 0;
		} else {
			fprintf(stderr, "%s: nothing was imported:\n%s", path, report.p);
		}
	}
	db_close(db);
	arena_free(a);
	return rc;
}

static int cmd_reset_link(int argc, char **argv)
{
	static const struct option opts[] = {{"email", required_argument, NULL, 'e'},
	                                     {"base-url", required_argument, NULL, 'b'},
	                                     {"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *email = NULL, *base = env_or("KAKEKOMI_BASE_URL", "http://127.0.0.1:8080");
	int c;
	while ((c = next_opt(argc, argv, opts, usage_user)) != -1) {
		if (c == 'e')
			email = optarg;
		else if (c == 'b')
			base = optarg;
		else
			return bad_usage(usage_user);
	}
	if (!email || optind != argc)
		return bad_usage(usage_user);
	struct db *db = open_db();
	if (!db)
		return 1;
	struct arena *a = arena_new();
	struct account acc;
	char token[TOKEN_TEXT];
	char *lower = arena_strdup(a, email);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	int rc = 1;
	if (accounts_by_email(db, a, lower, &acc) != KK_OK)
		fprintf(stderr, "kakekomi: no account for %s\n", email);
	else if (reset_link_create(db, acc.id, token) == KK_OK) {
		printf("%s/reset/%s\n", base, token);
		rc = 0;
	}
	arena_free(a);
	db_close(db);
	return rc;
}

static int cmd_restore(int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
	                                     {"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *from = NULL;
	int c;
	while ((c = next_opt(argc, argv, opts, usage_restore)) != -1) {
		if (c != 'f')
			return bad_usage(usage_restore);
		from = optarg;
	}
	if (!from || optind != argc)
		return bad_usage(usage_restore);
	if (db_lock(true) < 0) {
		fprintf(stderr, "kakekomi: a server is using %s: stop it before restoring\n",
		        db_path);
		return 1;
	}
	struct db *db = db_open(db_path);
	if (!db)
		return 1;
	int rc = db_restore(db, from);
	if (rc == KK_OK)
		rc = db_migrate(db, INT_MAX);
	if (rc == KK_OK)
		printf("%s restored from %s: schema version %d\n", db_path, from,
		       db_schema_version(db));
	db_close(db);
	return rc == KK_OK ? 0 : 1;
}

static int cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {{"to", required_argument, NULL, 'o'},
	                                     {"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *to = NULL;
	int c;
	while ((c = next_opt(argc, argv, opts, usage_backup)) != -1) {
		if (c != 'o')
			return bad_usage(usage_backup);
		to = optarg;
	}
	if (!to || optind != argc)
		return bad_usage(usage_backup);
	struct db *db = db_open(db_path);
	if (!db)
		return 1;
	int rc = db_backup(db, to);
	db_close(db);
	if (rc == KK_OK)
		printf("backup written to %s\n", to);
	return rc == KK_OK ? 0 : 1;
}

static int cmd_reindex(int argc, char **argv)
{
	static const struct option opts[] = {{"check", no_argument, NULL, 'c'},
	                                     {"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	bool check = false;
	int c;
	while ((c = next_opt(argc, argv, opts, usage_reindex)) != -1) {
		if (c != 'c')
			return bad_usage(usage_reindex);
		check = true;
	}
	if (optind != argc)
		return bad_usage(usage_reindex);
	struct db *db = open_db();
	if (!db)
		return 1;
	double t0 = progress_seconds();
	int rc = seed_reindex(db, true);
	double built = progress_seconds() - t0;
	if (rc == KK_OK && check)
		rc = qa_index_check(db);
	db_close(db);
	if (rc == KK_OK)
		printf("search index rebuilt in %.1f s%s\n", built, check ? "; checked" : "");
	else
		fprintf(stderr, "kakekomi: %s failed\n",
		        check ? "reindex or its check" : "reindex");
	return rc == KK_OK ? 0 : 1;
}

static int cmd_sql(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	if (next_opt(argc, argv, opts, usage_sql) != -1 || argc - optind > 1)
		return bad_usage(usage_sql);
	struct arena *a = arena_new();
	struct buf sql;
	buf_init(&sql, a);
	if (optind < argc)
		buf_puts(&sql, argv[optind]);
	else
		read_into(&sql, stdin);
	struct db *db = open_db();
	int rc = db ? db_exec_print(db, sql.p, stdout) : KK_ERR;
	db_close(db);
	arena_free(a);
	return rc == KK_OK ? 0 : 1;
}

/* The configuration file: --config FILE before the command (required then), else
 * KAKEKOMI_CONFIG (required), else /etc/kakekomi/kakekomi.conf when there is one. */
static int read_config(int argc, char **argv)
{
	const char *path = NULL;
	for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			path = argv[i + 1];
		else if (strncmp(argv[i], "--config=", 9) == 0)
			path = argv[i] + 9;
		else if (strcmp(argv[i], "--db") == 0)
			i++; /* its value */
	}
	bool required = path || getenv("KAKEKOMI_CONFIG");
	if (!path)
		path = env_or("KAKEKOMI_CONFIG", "/etc/kakekomi/kakekomi.conf");
	return config_load(path, required) == 0 && config_secrets() == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (read_config(argc, argv) < 0)
		return 2;
	db_path = env_or("KAKEKOMI_DB", db_path);
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
	                                     {"config", required_argument, NULL, 'C'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	while ((c = next_opt(argc, argv, opts, usage_main)) != -1)
		if (c != 'C') /* read already */
			return bad_usage(usage_main);
	if (optind >= argc)
		return bad_usage(usage_main);
	if (token_init() < 0 || i18n_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		fprintf(stderr, "kakekomi: cannot initialise\n");
		return 1;
	}
	layout_init();
	const char *cmd = argv[optind];
	if (strcmp(cmd, "serve") !=
	    0) /* by hand: bars on a terminal; the server's stderr is its log */
		progress_enable();
	argc -= optind;
	argv += optind;
	optind = 1;
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {{"serve", cmd_serve},     {"migrate", cmd_migrate}, {"seed", cmd_seed},
	            {"user", cmd_user},       {"import", cmd_import},   {"backup", cmd_backup},
	            {"restore", cmd_restore}, {"reindex", cmd_reindex}, {"sql", cmd_sql}};
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (strcmp(cmd, cmds[i].name) == 0)
			return cmds[i].fn(argc, argv);
	return bad_usage(usage_main);
}
