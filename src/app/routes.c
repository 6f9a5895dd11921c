/* routes.c — the route table: every URL of kakekomi, what it needs, who may
 * call it. Every POST/PUT/PATCH/DELETE is CSRF-checked unless bearer-authenticated. */
#include "app/handlers.h"
#include "http/server.h"

#define ANY    ROLES_ANY
#define ADMIN  ROLE_ADMIN
#define EXPERT ROLE_EXPERT
#define SME    ROLE_SME
#define DESK   ROLE_DESK

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
    {"GET", "/account/export", api_me_export, ANY, RF_PERSONAL},
    {"POST", "/account/delete", page_account_delete, ANY, RF_PERSONAL},
    {"GET", "/experts", page_experts, 0, RF_PERSONAL},
    {"GET", "/experts/me/edit", page_profile_edit, EXPERT, RF_PERSONAL},
    {"POST", "/experts/me/edit", page_profile_edit_post, EXPERT, RF_PERSONAL},
    {"GET", "/experts/me/cpd", page_cpd, EXPERT, RF_PERSONAL},
    {"POST", "/experts/me/cpd", page_cpd_post, EXPERT, RF_PERSONAL},
    {"POST", "/experts/me/renew", page_renew_post, EXPERT, RF_PERSONAL},
    {"GET", "/experts/{id}", page_expert, 0, RF_PERSONAL},
    {"POST", "/experts/{id}/complaints", page_complaint_post, ANY, 0},
    {"GET", "/verify", page_verify_form, 0, 0},
    {"GET", "/verify/{number}", page_verify, 0, 0},
    {"GET", "/communities", page_communities, 0, 0},
    {"POST", "/communities", page_communities_create, ADMIN, 0},
    {"POST", "/communities/{id}/join", page_communities_join, EXPERT, 0},
    {"POST", "/communities/{id}/leave", page_communities_leave, EXPERT, 0},
    {"GET", "/ethics", page_ethics, 0, 0},
    {"GET", "/admin/mail", page_admin_mail, ADMIN, RF_PERSONAL},
    {"GET", "/admin/import", page_admin_import, ADMIN, RF_PERSONAL},
    {"POST", "/admin/import", page_admin_import_post, ADMIN, RF_PERSONAL},
    {"GET", "/reset/{token}", page_reset, 0, RF_PERSONAL},
    {"POST", "/reset/{token}", page_reset_post, 0, RF_PERSONAL},
    {"POST", "/admin/experts/{id}/certify", page_admin_certify, ADMIN, 0},
    {"POST", "/admin/experts/{id}/hide", api_experts_hide, ADMIN, 0},
    {"POST", "/admin/experts/{id}/unhide", api_experts_unhide, ADMIN, 0},
    {"POST", "/admin/certificates/{number}/suspend", api_certifications_suspend, ADMIN, 0},
    {"POST", "/admin/certificates/{number}/revoke", api_certifications_revoke, ADMIN, 0},
    {"POST", "/admin/certificates/{number}/reinstate", api_certifications_reinstate, ADMIN, 0},
    {"GET", "/admin/complaints", page_admin_complaints, ADMIN, RF_PERSONAL},
    {"POST", "/admin/complaints/{id}/resolve", page_admin_complaint_resolve, ADMIN, 0},

    /* JSON API v1 */
    {"POST", "/api/v1/accounts", api_accounts_create, 0, RF_PERSONAL},
    {"PATCH", "/api/v1/accounts/{id}", api_accounts_set_role, ADMIN, RF_PERSONAL},
    {"POST", "/api/v1/session", api_session_create, 0, RF_PERSONAL},
    {"DELETE", "/api/v1/session", api_session_delete, ANY, 0},
    {"GET", "/api/v1/me", api_me, ANY, RF_PERSONAL},
    {"POST", "/api/v1/me/password", api_me_password, ANY, RF_PERSONAL},
    {"GET", "/api/v1/prefectures", api_prefectures, 0, 0},
    {"GET", "/api/v1/me/export", api_me_export, ANY, RF_PERSONAL},
    {"DELETE", "/api/v1/me", api_me_delete, ANY, RF_PERSONAL},

    /* registry */
    {"GET", "/api/v1/taxonomy", api_taxonomy, 0, 0},
    {"PUT", "/api/v1/experts/me", api_experts_put_me, EXPERT, RF_PERSONAL},
    {"GET", "/api/v1/experts", api_experts_list, 0, RF_PERSONAL},
    {"GET", "/api/v1/experts.csv", api_experts_csv, ADMIN, RF_PERSONAL},
    {"GET", "/api/v1/experts/{id}", api_experts_get, 0, RF_PERSONAL},
    {"POST", "/api/v1/experts/{id}/complaints", api_complaints_file, ANY, 0},
    {"POST", "/api/v1/experts/{id}/hide", api_experts_hide, ADMIN, 0},
    {"POST", "/api/v1/experts/{id}/unhide", api_experts_unhide, ADMIN, 0},
    {"GET", "/api/v1/complaints", api_complaints_list, ADMIN, RF_PERSONAL},
    {"POST", "/api/v1/complaints/{id}/resolve", api_complaints_resolve, ADMIN, 0},
    {"POST", "/api/v1/certifications", api_certifications_issue, ADMIN, 0},
    {"GET", "/api/v1/certifications/{number}", api_certifications_get, 0, 0},
    {"POST", "/api/v1/certifications/{number}/suspend", api_certifications_suspend, ADMIN, 0},
    {"POST", "/api/v1/certifications/{number}/revoke", api_certifications_revoke, ADMIN, 0},
    {"POST", "/api/v1/certifications/{number}/reinstate", api_certifications_reinstate, ADMIN, 0},
    {"POST", "/api/v1/certifications/{number}/renew", api_certifications_renew, EXPERT | ADMIN, 0},
    {"POST", "/api/v1/cpd", api_cpd_add, EXPERT, RF_PERSONAL},
    {"GET", "/api/v1/cpd", api_cpd_list, EXPERT, RF_PERSONAL},
    {"GET", "/api/v1/communities", api_communities_list, 0, 0},
    {"POST", "/api/v1/communities", api_communities_create, ADMIN, 0},
    {"GET", "/api/v1/communities/{id}", api_communities_get, 0, 0},
    {"POST", "/api/v1/communities/{id}/members", api_communities_join, EXPERT, 0},
    {"DELETE", "/api/v1/communities/{id}/members/me", api_communities_leave, EXPERT, 0},

    /* help desks and consultations */
    {"PUT", "/api/v1/companies/me", api_companies_put_me, SME, RF_PERSONAL},
    {"GET", "/api/v1/companies/me", api_companies_get_me, SME, RF_PERSONAL},
    {"POST", "/api/v1/desks", api_desks_create, ADMIN, 0},
    {"GET", "/api/v1/desks", api_desks_list, 0, 0},
    {"POST", "/api/v1/desks/{id}/operators", api_desks_add_operator, ADMIN, 0},
    {"POST", "/api/v1/requests", api_requests_create, SME, RF_PERSONAL},
    {"GET", "/api/v1/requests", api_requests_list, ANY, RF_PERSONAL},
    {"GET", "/api/v1/requests/{id}", api_requests_get, ANY, RF_PERSONAL},
    {"PATCH", "/api/v1/requests/{id}", api_requests_patch, DESK | ADMIN, RF_PERSONAL},
    {"POST", "/api/v1/requests/{id}/transfer", api_requests_transfer, DESK | ADMIN, RF_PERSONAL},
    {"GET", "/api/v1/requests/{id}/matches", api_requests_matches, DESK | ADMIN, RF_PERSONAL},
    {"POST", "/api/v1/requests/{id}/assign", api_requests_assign, DESK | ADMIN, RF_PERSONAL},
    {"POST", "/api/v1/requests/{id}/accept", api_requests_accept, EXPERT, RF_PERSONAL},
    {"POST", "/api/v1/requests/{id}/messages", api_requests_message, ANY, RF_PERSONAL},
    {"POST", "/api/v1/requests/{id}/close", api_requests_close, EXPERT, RF_PERSONAL},
    {"POST", "/api/v1/requests/{id}/rating", api_requests_rating, SME, RF_PERSONAL},
};

const size_t app_nroutes = sizeof app_routes / sizeof app_routes[0];
