/* handlers.h — every page and API handler, one per route (see routes.c). */
#ifndef KK_HANDLERS_H
#define KK_HANDLERS_H

#include "http/req.h"

/* pages_home.c */
void page_home(struct req *r);
void page_healthz(struct req *r);
void page_static(struct req *r);
/* pages_account.c */
void page_signup(struct req *r);
void page_signup_post(struct req *r);
void page_login(struct req *r);
void page_login_post(struct req *r);
void page_logout_post(struct req *r);
void page_account(struct req *r);
void page_password_post(struct req *r);
void page_lang_post(struct req *r);
/* pages_admin.c */
void page_admin_accounts(struct req *r);
void page_admin_role_post(struct req *r);
/* api_accounts.c */
void api_accounts_create(struct req *r);
void api_accounts_set_role(struct req *r);
void api_session_create(struct req *r);
void api_session_delete(struct req *r);
void api_me(struct req *r);
void api_me_password(struct req *r);
/* api_prefectures.c */
void api_prefectures(struct req *r);

#endif
