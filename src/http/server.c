#include "http/server.h"
#include "http/metrics.h"
#include "domain/date.h"
#include "util/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct server_options server_opts = {"127.0.0.1:8080", 0, false, false, "127.0.0.1,::1"};

static atomic_int inflight;
static atomic_int connections; /* open now, for /metrics */

unsigned server_open_connections(void)
{
	int n = atomic_load(&connections);
	return n > 0 ? (unsigned)n : 0;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	(void)cls, (void)conn, (void)socket_context;
	atomic_fetch_add(&connections, toe == MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1);
}

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Append s to the log line with control characters, spaces (the line's separator), quotes
 * and backslashes as \xNN. */
static void log_escape(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p <= 0x20 || *p == 0x7f || *p == '\\' || *p == '"')
			buf_printf(b, "\\x%02x", *p);
		else
			buf_putc(b, (char)*p);
	}
}

static void access_log(struct req *r)
{
	char ts[21];
	date_format_utc((int64_t)time(NULL), ts);
	struct buf b;
	buf_init(&b, r->a);
	buf_printf(&b, "%s ", ts);
	log_escape(&b, r->method);
	buf_putc(&b, ' ');
	log_escape(&b, r->path);
	buf_printf(&b, " %d %lluus %s\n", r->status ? r->status : 500,
	           (unsigned long long)(now_us() - r->t0_us), r->id);
	ssize_t w = write(STDERR_FILENO, b.p, b.len);
	(void)w;
}

static const char *client_ip(struct MHD_Connection *conn, struct arena *a)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char tmp[INET6_ADDRSTRLEN] = "unknown";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, tmp,
			          sizeof tmp);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, tmp,
			          sizeof tmp);
	}
	if (server_opts.trust_proxy) {
		/* Behind a reverse proxy: the last address it appended is the client. */
		const char *xff =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
		if (xff && *xff) {
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			if (strlen(last) < 64)
				return arena_strdup(a, last);
		}
	}
	return arena_strdup(a, tmp);
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *filename, const char *content_type,
                                 const char *transfer_encoding, const char *data, uint64_t off,
                                 size_t size)
{
	(void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
	struct req *r = cls;
	struct form_field *f = NULL;
	if (off > 0)
		for (f = r->form; f && strcmp(f->name, key) != 0; f = f->next)
			;
	if (!f) {
		/* Each field costs what it holds: a form of many empty fields (a=&a=&...)
		 * must not cost more memory than its bytes, and it has a limit. */
		if (++r->nform > FORM_FIELDS_MAX) {
			r->body_too_large = true;
			return MHD_NO;
		}
		f = arena_alloc(r->a, sizeof *f);
		f->name = arena_strdup(r->a, key);
		f->value = (struct buf){r->a, arena_alloc(r->a, size + 1), 0, size + 1};
		f->next = r->form;
		r->form = f;
	}
	buf_add(&f->value, data, size);
	return MHD_YES;
}

/* The request's id: the one the reverse proxy sent (X-Request-Id, with --trust-proxy, when
 * it is 1 to 32 of [A-Za-z0-9._-]), else 16 hex digits unique in this process and hard to
 * guess (a random start, then a counter spread over 64 bits). */
static uint64_t request_id_base;

static void request_id_start(void)
{
	if (getrandom(&request_id_base, sizeof request_id_base, 0) != sizeof request_id_base)
		request_id_base = (uint64_t)time(NULL) << 20 ^ (uint64_t)getpid();
}

static void request_id(struct MHD_Connection *conn, char out[33])
{
	static atomic_ullong next;
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *given = server_opts.trust_proxy
	                        ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id")
	                        : NULL;
	size_t n = given ? strspn(given, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                                 "0123456789._-")
	                 : 0;
	if (given && n > 0 && n <= 32 && given[n] == '\0') {
		memcpy(out, given, n + 1);
		return;
	}
	pthread_once(&once, request_id_start);
	uint64_t k = request_id_base + atomic_fetch_add(&next, 1) * 0x9E3779B97F4A7C15ull;
	snprintf(out, 33, "%016llx", (unsigned long long)k);
}

static struct req *req_new(const struct server_app *app, struct MHD_Connection *conn,
                           const char *url, const char *method)
{
	struct arena *a = arena_new();
	struct req *r = arena_alloc(a, sizeof *r);
	r->a = a;
	r->app = app;
	r->conn = conn;
	r->t0_us = now_us();
	r->method = arena_strdup(a, method);
	r->path = arena_strdup(a, url);
	r->ip = client_ip(conn, a);
	request_id(conn, r->id);
	r->is_api = strncmp(url, "/api/", 5) == 0;
	r->is_head = strcmp(method, "HEAD") == 0;
	r->is_post = strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
	             strcmp(method, "PATCH") == 0 || strcmp(method, "DELETE") == 0;
	r->lang = "ja";
	buf_init(&r->body, a);
	return r;
}

static void add_security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'self'; script-src 'self'; style-src 'self'; "
	                        "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
	                        "form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

/* Turn what reply_*() left in the request into a queued MHD response. */
static enum MHD_Result queue(struct req *r)
{
	if (!r->replied)
		reply_error(r, 500, "internal");
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    r->out_len, (void *)(r->out_body ? r->out_body : ""), MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	add_security_headers(resp);
	if (r->out_type)
		MHD_add_response_header(resp, "Content-Type", r->out_type);
	MHD_add_response_header(resp, "X-Request-Id", r->id);
	if (r->no_store || (r->route && (r->route->flags & RF_PERSONAL)) || r->user)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void dispatch(struct req *r)
{
	const struct route *rt = NULL;
	enum route_result rr = route_find(r->app->routes, r->app->nroutes, r->method, r->path, &rt,
	                                  r->params, &r->nparams);
	r->route = rt;
	if (r->body_too_large) {
		reply_error(r, 413, "too_large");
		return;
	}
	if (!(r->db = r->app->db())) {
		reply_error(r, 500, "internal");
		return;
	}
	if (rr == ROUTE_FOUND && (rt->flags & RF_BARE)) {
		rt->handler(r);
		return;
	}
	r->app->identify(r);
	if (rr == ROUTE_NOT_FOUND) {
		reply_error(r, 404, "not_found");
		return;
	}
	if (rr == ROUTE_BAD_METHOD) {
		reply_error(r, 405, "method_not_allowed");
		return;
	}
	if (rt->roles && !r->user) {
		if (r->is_api) {
			reply_error(r, 401, "unauthorized");
		} else {
			struct buf loc;
			buf_init(&loc, r->a);
			buf_puts(&loc, "/login?next=");
			buf_url_arg(&loc, r->path);
			reply_redirect(r, loc.p);
		}
		return;
	}
	if (rt->roles && !(rt->roles & r->user->role)) {
		reply_error(r, 403, "forbidden");
		return;
	}
	if (r->is_post && !r->app->csrf_ok(r)) {
		reply_error(r, 403, "csrf");
		return;
	}
	if (r->is_api && r->is_post && r->body_len > 0) {
		const char *ct = req_header(r, "Content-Type");
		if (!ct || strncmp(ct, "application/json", 16) != 0) {
			reply_error(r, 415, "unsupported_media_type");
			return;
		}
		json_error_t err;
		r->json = json_loadb(r->body.p, r->body.len, JSON_REJECT_DUPLICATES, &err);
		if (!r->json || !json_is_object(r->json)) {
			reply_error(r, 400, "invalid_json");
			return;
		}
	}
	rt->handler(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct req *r = *con_cls;
	if (!r) {
		r = req_new(cls, conn, url, method);
		*con_cls = r;
		atomic_fetch_add(&inflight, 1);
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > BODY_MAX) {
			r->body_too_large = true;
			reply_error(r, 413, "too_large");
			return queue(r);
		}
		if (r->is_post && !r->is_api)
			r->pp = MHD_create_post_processor(conn, 16 * 1024, post_iter, r);
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		r->body_len += n;
		if (r->body_len > BODY_MAX)
			r->body_too_large = true;
		if (r->body_too_large || r->replied)
			return MHD_YES;
		if (r->pp) {
			/* A malformed form leaves its fields absent; validation then names them. */
			(void)MHD_post_process(r->pp, upload_data, n);
		} else {
			buf_add(&r->body, upload_data, n);
		}
		return MHD_YES;
	}
	if (r->replied)
		return MHD_YES;
	memcpy(log_request_id, r->id, sizeof r->id); /* error lines on this thread name it */
	dispatch(r);
	enum MHD_Result ret = queue(r);
	log_request_id[0] = '\0';
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)conn, (void)toe;
	struct req *r = *con_cls;
	if (!r)
		return;
	access_log(r);
	metrics_request(r->route ? (long)(r->route - r->app->routes) : -1,
	                r->status ? r->status : 500, now_us() - r->t0_us);
	if (r->pp)
		MHD_destroy_post_processor(r->pp);
	json_decref(r->json);
	arena_free(r->a);
	*con_cls = NULL;
	atomic_fetch_sub(&inflight, 1);
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return -1;
	memset(ss, 0, sizeof *ss);
	char *h = host;
	size_t hl = strlen(h);
	if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
		h[hl - 1] = '\0';
		h++;
	}
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, h, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, h, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return 0;
	}
	return -1;
}

int server_run(const struct server_app *app)
{
	struct sockaddr_storage ss;
	if (parse_listen(server_opts.listen, &ss) < 0) {
		fprintf(stderr, "kakekomi: bad --listen address '%s' (want ADDR:PORT)\n",
		        server_opts.listen);
		return 2;
	}
	int threads =
	    server_opts.threads > 0 ? server_opts.threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;

	/* Block the stop signals in every thread; the main thread waits for them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (metrics_init(app->nroutes) < 0)
		return 1;
	/* poll, not epoll: with a thread pool on epoll, MHD_quiesce_daemon (0.9.75) and a worker
	 * thread can both take the listening socket out of the same epoll set, and the quiesce
	 * aborts the process when it loses that race (seen: "Failed to remove listen FD from
	 * epoll set" on SIGTERM). With poll the quiesce only signals the workers. */
	unsigned flags =
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, (void *)app, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    (unsigned)256, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_LISTEN_BACKLOG_SIZE,
	    (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "kakekomi: cannot listen on %s: %s\n", server_opts.listen,
		        strerror(errno));
		return 1;
	}
	fprintf(stderr, "kakekomi: serving http://%s/ with %d threads\n", server_opts.listen,
	        threads);

	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "kakekomi: signal %d, stopping\n", sig);
	MHD_quiesce_daemon(d);
	/* Let requests already being handled finish (at most 10 s). */
	for (int i = 0; i < 1000 && atomic_load(&inflight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	fprintf(stderr, "kakekomi: stopped\n");
	return 0;
}
