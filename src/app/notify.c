#include "app/notify.h"
#include "app/config.h"
#include "jobs/deliver.h"
#include "jobs/worker.h"
#include "store/accounts.h"
#include "store/notifications.h"
#include "store/outbox.h"
#include "view/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int mail_both_languages(struct db *db, struct arena *a, const struct account *acc,
                        const char *subject_key, const char *key, const char *url)
{
	/* Japanese first, English complete: one message for both. */
	const char *body =
	    arena_printf(a, "%s様\n\n%s\n%s\n\n---\n%s\n%s\n\nkakekomi\n", acc->display_name,
	                 i18n_get("ja", key), url, i18n_get("en", key), url);
	return outbox_add(db, "mail", acc->email,
	                  arena_printf(a, "[kakekomi] %s", i18n_get("ja", subject_key)), body);
}

void notify(struct db *db, int64_t account_id, const char *kind, const char *link)
{
	notifications_add(db, account_id, kind, NULL, link);
	struct arena *a = arena_new();
	struct account acc;
	if (accounts_by_id(db, a, account_id, &acc) == KK_OK) {
		const char *key = arena_printf(a, "notify.%s", kind);
		const char *url =
		    arena_printf(a, "%s%s", app_config.base_url, link ? link : "/account");
		mail_both_languages(db, a, &acc, key, key, url);
		worker_poke();
	}
	arena_free(a);
}

void notify_many(struct db *db, const int64_t *ids, int n, const char *kind, const char *link)
{
	for (int i = 0; i < n; i++)
		notify(db, ids[i], kind, link);
}

void webhook_event(struct db *db, const char *event, int64_t request_id)
{
	if (!delivery.webhook_url)
		return;
	char at[32];
	time_t now = (time_t)db_now();
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *j = json_pack("{s:s,s:I,s:s}", "event", event, "request_id", (json_int_t)request_id,
	                      "at", at);
	char *body = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (body) {
		outbox_add(db, "webhook", delivery.webhook_url, event, body);
		worker_poke();
	}
	free(body);
}
