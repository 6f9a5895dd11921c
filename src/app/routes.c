/* routes.c — the route table: every URL of kakekomi, what it needs, who may
 * call it. Every POST/PUT/PATCH/DELETE is CSRF-checked unless bearer-authenticated. */
#include "app/handlers.h"
#include "http/server.h"

#define ANY   ROLES_ANY
#define ADMIN ROLE_ADMIN

const struct route app_routes[] = {
    /* pages */
    {"GET", "/", page_home, 0, 0},
    {"GET", "/healthz", page_healthz, 0, RF_BARE},
    {"GET", "/static/{file}", page_static, 0, RF_BARE},
    {"GET", "/signup", page_signup, 0, 0},
    {"POST", "/signup", page_signup_post, 0, RF_PERSONAL},
    {"GET", "/login", page_login, 0, 0},
    {"POST", "/login", page_login_post, 0, RF_PERSONAL},
    {"POST", "/logout", page_logout_post, 0, 0},
    {"POST", "/lang", page_lang_post, 0, 0},
    {"GET", "/account", page_account, ANY, RF_PERSONAL},
    {"POST", "/account/password", page_password_post, ANY, RF_PERSONAL},
    {"GET", "/admin/accounts", page_admin_accounts, ADMIN, RF_PERSONAL},
    {"POST", "/admin/accounts/{id}/role", page_admin_role_post, ADMIN, RF_PERSONAL},

    /* JSON API v1 */
    {"POST", "/api/v1/accounts", api_accounts_create, 0, RF_PERSONAL},
    {"PATCH", "/api/v1/accounts/{id}", api_accounts_set_role, ADMIN, RF_PERSONAL},
    {"POST", "/api/v1/session", api_session_create, 0, RF_PERSONAL},
    {"DELETE", "/api/v1/session", api_session_delete, ANY, 0},
    {"GET", "/api/v1/me", api_me, ANY, RF_PERSONAL},
    {"POST", "/api/v1/me/password", api_me_password, ANY, RF_PERSONAL},
    {"GET", "/api/v1/prefectures", api_prefectures, 0, 0},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
