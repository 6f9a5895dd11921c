/* audit.h — the audit log of security events, and failed-login records
 * used for throttling. */
#ifndef KK_STORE_AUDIT_H
#define KK_STORE_AUDIT_H

#include "store/db.h"

#include <stdint.h>

/* event is a stable identifier: login_ok, login_failed, login_throttled, logout,
 * password_changed, role_changed, account_created. account_id/actor_id 0 = none. */
int audit_add(struct db *db, const char *event, int64_t account_id, int64_t actor_id,
              const char *ip, const char *detail);

/* Record a failed login for email from ip, now. */
int login_failure_add(struct db *db, const char *email, const char *ip);
/* Failures since `since`: of the pair (email, ip) with the time of its last one, and of
 * the client ip for any account. KK_OK or KK_ERR. */
int login_failure_counts(struct db *db, const char *email, const char *ip, int64_t since,
                         int64_t *pair, int64_t *pair_last, int64_t *by_ip);
int login_failure_purge(struct db *db, int64_t before);

#endif
