/* privacy.h — export and deletion of one's own data, shared by pages and API. */
#ifndef KK_APP_PRIVACY_H
#define KK_APP_PRIVACY_H

#include "http/req.h"

/* Everything kakekomi holds about the caller, or NULL on a storage error. */
json_t *privacy_export(struct req *r);
/* Delete the caller's account now, audited: KK_OK or KK_ERR. */
int privacy_delete_account(struct req *r);

#endif
