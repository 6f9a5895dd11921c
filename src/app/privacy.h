/* privacy.h — export and deletion of one's own data, shared by pages and API. */
#ifndef KK_APP_PRIVACY_H
#define KK_APP_PRIVACY_H

#include "http/req.h"
#include "http/validate.h"

/* Everything kakekomi holds about the caller, or NULL on a storage error. */
json_t *privacy_export(struct req *r);
/* Delete the caller's account now, if password is its password (KK_INVALID "password"
 * otherwise, audited as refused; throttled as a login is: KK_THROTTLED), the deletion
 * audited: KK_OK, KK_INVALID, KK_THROTTLED or KK_ERR. */
int privacy_delete_account(struct req *r, const char *password, struct field_error *why);

#endif
