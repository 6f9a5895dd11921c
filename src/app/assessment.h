/* assessment.h — the self-assessment: taking it screen by screen (answers kept
 * under a browser token), scoring and storing it, who may see a result, the
 * first actions, where it stands among peers (only consenting companies count,
 * no group under 10 is shown), the what-if, and consent. Results follow
 * util/result.h with *why for reply_result(). */
#ifndef KK_APP_ASSESSMENT_H
#define KK_APP_ASSESSMENT_H

#include "http/req.h"
#include "store/assessments.h"
#include "store/requests.h"

#define ASSESSMENT_ACTIONS   5
#define ASSESSMENT_MIN_PEERS 10

/* An assessment as its result shows it. */
struct assessment_view {
	struct assessment s;
	int nitems;
	struct assessment_item items[ASSESSMENT_MAX_ITEMS];
	int points[ASSESSMENT_MAX_ITEMS]; /* per item: 0..4, -1 not applicable */
	const char *answer[ASSESSMENT_MAX_ITEMS];
	int share[ASSESSMENT_MAX_ITEMS]; /* per item: % of peers who do it, -1 unknown */
	int actions[ASSESSMENT_ACTIONS]; /* item indices, best first */
	int nactions;
	const char *group; /* the peer group compared against ("all", "i:E", ...), NULL if none */
	struct peer_stats peers;
};

/* The skills (taxonomy codes) of v's first three actions, each once (at most max). */
int assessment_action_skills(struct req *r, const struct assessment_view *v, const char **out,
                             int max);

/* The browser's assessment token (cookie), made when create and there is none; NULL else. */
const char *assessment_token(struct req *r, bool create);

/* The current items in r's language into v->items (v->nitems); KK_OK or KK_ERR. */
int assessment_load_items(struct req *r, struct assessment_view *v);
/* The answers in progress under r's token: a JSON object of item → answer (empty when
 * none), parsed once for a whole screen; the caller decrefs it. */
json_t *assessment_progress(struct req *r);
/* Save the form's answers for the items of function fn (one field per item code) into the
 * progress; KK_INVALID naming the first unanswered or bad item. */
int assessment_save_step(struct req *r, int fn, struct field_error *why);
/* Score and store the answers in progress (every item answered): *id. KK_INVALID "answers"
 * when some are missing. The progress is dropped. */
int assessment_finish(struct req *r, int64_t *id, struct field_error *why);
/* The same for answers given at once (the API's {"answers":[{"item","answer"}]}):
 * KK_INVALID "answers" with code unknown_item, duplicate, answer or incomplete. */
int assessment_submit(struct req *r, const struct assessment_answer *answers, int n, int64_t *id,
                      struct field_error *why);

/* Assessment id as r may see it (its company, or the browser holding the draft) into v,
 * with actions and peers: KK_OK, KK_NOTFOUND, KK_ERR. */
int assessment_view(struct req *r, int64_t id, struct assessment_view *v);
/* Assessment id as the company company_id shared it with a request (the caller checked
 * who may see the request): KK_OK, or KK_NOTFOUND when it is another company's. */
int assessment_shared(struct req *r, int64_t id, int64_t company_id, struct assessment_view *v);
/* The total and peers if the items named in items[0..n) were done. KK_INVALID "actions"
 * for an item not in the bank. */
int assessment_simulate(struct req *r, const struct assessment_view *v, const char *const *items,
                        int n, int *total, struct peer_stats *peers, struct field_error *why);
/* The company's consent to statistics (1 yes, 0 no, -1 as it is); its latest assessment
 * is counted in the groups its profile puts it in now, or taken out. */
int assessment_set_consent(struct req *r, int64_t company_id, int consent);
/* Take the company's figures out of every peer group, inside the caller's transaction
 * (before its account is deleted). */
int assessment_forget(struct req *r, int64_t company_id);
/* What a consultation from an assessment starts with. */
struct assessment_consult {
	int64_t assessment_id;
	const char *description; /* the total and the gaps, one per line */
	const char *topics[REQUEST_MAX_ITEMS], *roles[REQUEST_MAX_ITEMS];
	int ntopics, nroles;
};
/* For a request from assessment id (r's own): about one item (its code), or when item is
 * NULL about the first actions; the topics and roles they need. KK_OK, KK_NOTFOUND when r
 * may not see it, KK_INVALID for an item not in its bank, KK_ERR. */
int assessment_prefill(struct req *r, int64_t id, const char *item, struct assessment_consult *out);
/* File that request with r's desk, sharing the assessment: *request_id. KK_NOTFOUND
 * when r may not see it, KK_INVALID "item" for an item not in its bank. */
int assessment_consult(struct req *r, int64_t id, const char *item, int64_t *request_id,
                       struct field_error *why);
/* A question of the Q&A about an item of a result. */
struct assessment_question {
	int64_t id;
	const char *title;
	int item;      /* index into the view's items */
	bool answered; /* it has a best answer */
};
/* Q&A questions about v's three first actions (their keywords, in the item's first
 * topic, else any), at most two each, those with a best answer first: how many (at most max). */
int assessment_questions(struct req *r, const struct assessment_view *v,
                         struct assessment_question *out, int max);
/* Attach the drafts under r's token to r's company account (at login or sign-up). */
void assessment_claim(struct req *r);

#endif
