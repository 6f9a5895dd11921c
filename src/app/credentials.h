/* credentials.h — certificates and continuing learning (CPD), for the API and
 * the pages. Results are KK_* codes with *why for reply_result(). */
#ifndef KK_APP_CREDENTIALS_H
#define KK_APP_CREDENTIALS_H

#include "http/req.h"
#include "store/credentials.h"
#include "store/experts.h"

/* The certificate, by its number as people type it (token_cert_normalize), and its holder, or
 * reply 404 — the same 404 whatever the number looks like. */
bool certificate_load_or_reply(struct req *r, const char *number, struct certificate *c,
                               struct expert *holder);
/* CPD points of expert_id in the 12 months up to today (Japan date). */
int cpd_points_last_year(struct req *r, int64_t expert_id);
/* Issue a certificate to e (expires_on NULL: one year from today), audited: KK_OK, KK_CONFLICT
 * when e may not be certified yet (course_certifiable: the code of ethics, and every module
 * of one of its roles), KK_ERR. */
int certificate_issue(struct req *r, const struct expert *e, const char *level,
                      const char *expires_on, char number[28], char expires[11],
                      struct field_error *why);
/* An admin's action on c ("suspend", "revoke", "reinstate") for the reason field, audited.
 * KK_CONFLICT "certificate_state" from revoked, or reinstating what is not suspended;
 * KK_NOTFOUND for an unknown action. */
int certificate_set_status(struct req *r, const struct certificate *c, const char *action,
                           struct field_error *why);
/* Renew c for a year when valid or expired and *points (filled) reach the requirement.
 * KK_CONFLICT "certificate_state" or "cpd_insufficient", KK_ERR, or KK_OK. */
int certificate_renew(struct req *r, const struct certificate *c, int *points,
                      struct field_error *why);
/* Record a CPD activity of the caller (fields kind, date, hours, note): KK_OK, KK_INVALID, KK_ERR.
 */
int cpd_record(struct req *r, int64_t *id, int *points, struct field_error *err);

#endif
