/* desks.h — the companies that ask for help and the help desks that answer:
 * a company's profile (name, prefecture, industry, size, IT vendors for
 * conflicts of interest), desks per prefecture and their operators. Results
 * follow app/requests.h: KK_* with *why for reply_result(). */
#ifndef KK_APP_DESKS_H
#define KK_APP_DESKS_H

#include "http/req.h"
#include "store/requests.h"

extern const char *const company_industries[], *const company_bands[];

/* Save r's company from the fields name, prefecture, industry, employees and vendors
 * (a JSON array, or one per line of a form) and statistics_consent (true/false or yes/no;
 * absent leaves it). *created when it did not exist before. */
int company_save(struct req *r, struct company *c, bool *created, struct field_error *why);

/* An admin creates a desk (fields prefecture, name, community_id, hours, contact). */
int desk_create(struct req *r, struct desk *d, int64_t *id, struct field_error *why);
/* An admin adds a desk account (field account_id) as an operator of desk id; d is filled. */
int desk_add_operator(struct req *r, int64_t id, struct desk *d, struct field_error *why);

#endif
