/* handlers.h — every page and API handler, one per route (see routes.c). */
#ifndef KK_HANDLERS_H
#define KK_HANDLERS_H

#include "http/req.h"

/* home_pages.c */
void page_home(struct req *r);
void page_healthz(struct req *r);
void page_static(struct req *r);
/* accounts_pages.c */
void page_signup(struct req *r);
void page_signup_post(struct req *r);
void page_login(struct req *r);
void page_login_post(struct req *r);
void page_logout_post(struct req *r);
void page_account(struct req *r);
void page_password_post(struct req *r);
void page_lang_post(struct req *r);
void page_account_delete(struct req *r);
/* experts_pages.c */
void page_experts(struct req *r);
void page_expert(struct req *r);
/* The profile page of expert id; after a bad complaint (why), with it as typed. */
void render_expert(struct req *r, int status, int64_t id, const struct field_error *why);
/* profile_pages.c */
void page_profile_edit(struct req *r);
void page_profile_edit_post(struct req *r);
/* communities_pages.c, credentials_pages.c, moderation_pages.c */
void page_verify_form(struct req *r);
void page_verify(struct req *r);
void page_communities(struct req *r);
void page_community(struct req *r);
void page_communities_create(struct req *r);
void page_communities_join(struct req *r);
void page_communities_leave(struct req *r);
void page_communities_organiser(struct req *r);
void page_cpd(struct req *r);
void page_cpd_post(struct req *r);
void page_renew_post(struct req *r);
void page_ethics(struct req *r);
void page_complaint_post(struct req *r);
void page_admin_certify(struct req *r);
void page_admin_certificate_status(struct req *r); /* arg: suspend, revoke, reinstate */
void page_admin_complaints(struct req *r);
void page_admin_complaint_resolve(struct req *r);
void page_admin_expert_hide(struct req *r);
void page_admin_expert_unhide(struct req *r);
/* admin_pages.c (import), experts_api.c (CSV export), accounts_pages.c (reset links) */
void api_experts_csv(struct req *r);
void page_admin_import(struct req *r);
void page_admin_import_post(struct req *r);
void page_reset(struct req *r);
void page_reset_post(struct req *r);
/* events_pages.c, events_ical.c, events_api.c */
void page_events(struct req *r);
void page_event(struct req *r);
void page_event_new(struct req *r);
void page_event_new_post(struct req *r);
void page_event_edit(struct req *r);
void page_event_edit_post(struct req *r);
void page_event_cancel_post(struct req *r);
void page_event_register_post(struct req *r);
void page_event_unregister_post(struct req *r);
void page_event_registrants(struct req *r);
void page_event_attendance_post(struct req *r);
void csv_event_registrants(struct req *r);
void page_my_events(struct req *r);
void page_my_events_feed_reset(struct req *r);
void feed_events_prefecture(struct req *r);
void feed_events_community(struct req *r);
void feed_events_mine(struct req *r);
void api_events_list(struct req *r);
void api_events_get(struct req *r);
void api_events_create(struct req *r);
void api_events_update(struct req *r);
void api_events_cancel(struct req *r);
void api_events_register(struct req *r);
void api_events_unregister(struct req *r);
void api_events_registrants(struct req *r);
void api_events_attendance(struct req *r);
void api_communities_organiser_add(struct req *r);
void api_communities_organiser_remove(struct req *r);
/* metrics_pages.c */
void page_metrics(struct req *r);
/* course_pages.c */
void api_course(struct req *r);
void api_experts_module_mark(struct req *r);
void page_admin_module_post(struct req *r);
/* requests_api.c */
void api_companies_put_me(struct req *r);
void api_companies_get_me(struct req *r);
void api_desks_create(struct req *r);
void api_desks_list(struct req *r);
void api_desks_add_operator(struct req *r);
void api_requests_create(struct req *r);
void api_requests_list(struct req *r);
void api_requests_get(struct req *r);
void api_requests_transfer(struct req *r);
void api_requests_matches(struct req *r);
void api_requests_message(struct req *r);
void api_requests_act(struct req *r); /* arg: edit (PATCH), assign, accept, close */
void api_requests_rating(struct req *r);
/* requests_pages.c */
void page_company(struct req *r);
void page_request_new(struct req *r);
void page_requests(struct req *r);
void page_request(struct req *r);
void page_company_post(struct req *r);
void page_request_new_post(struct req *r);
void page_request_message_post(struct req *r);
void page_request_act_post(struct req *r); /* arg: edit, assign, accept, close */
void page_request_rating_post(struct req *r);
void page_request_transfer_post(struct req *r);
/* qa_api.c */
void api_questions_create(struct req *r);
void api_questions_get(struct req *r);
void api_questions_answer(struct req *r);
void api_questions_similar(struct req *r);
void api_questions_hide(struct req *r);
void api_questions_report(struct req *r);
void api_answers_best(struct req *r);
void api_answers_helpful(struct req *r);
void api_answers_hide(struct req *r);
void api_answers_confirm(struct req *r);
void page_qa_confirm_post(struct req *r);
void page_admin_reports(struct req *r);
void api_answers_report(struct req *r);
void api_search(struct req *r);
void api_accounts_premium(struct req *r);
void api_experts_ranking(struct req *r);
void page_experts_ranking(struct req *r);
/* qa_pages.c */
void page_qa(struct req *r);
void page_qa_question(struct req *r);
void page_qa_ask(struct req *r);
void page_qa_ask_post(struct req *r);
void page_qa_search(struct req *r);
void page_qa_answer_post(struct req *r);
void page_qa_best_post(struct req *r);
void page_qa_helpful_post(struct req *r);
void page_admin_question_hide(struct req *r);
void page_admin_answer_hide(struct req *r);
/* admin_pages.c */
void page_admin_accounts(struct req *r);
void page_admin_role_post(struct req *r);
void page_admin_reset_link_post(struct req *r);
void page_admin_mail(struct req *r);
/* accounts_api.c */
void api_accounts_create(struct req *r);
void api_accounts_set_role(struct req *r);
void api_session_create(struct req *r);
void api_session_delete(struct req *r);
void api_me(struct req *r);
void api_me_password(struct req *r);
/* prefectures_api.c */
void api_prefectures(struct req *r);
void api_openapi(struct req *r);
/* experts_api.c */
void api_taxonomy(struct req *r);
void api_experts_put_me(struct req *r);
void api_experts_get(struct req *r);
void api_experts_list(struct req *r);
/* credentials_api.c */
void api_certifications_issue(struct req *r);
void api_certifications_get(struct req *r);
void api_certifications_status(struct req *r); /* arg: suspend, revoke, reinstate */
void api_certifications_renew(struct req *r);
void api_cpd_add(struct req *r);
void api_cpd_list(struct req *r);
/* communities_api.c */
void api_communities_list(struct req *r);
void api_communities_get(struct req *r);
void api_communities_create(struct req *r);
void api_communities_join(struct req *r);
void api_communities_leave(struct req *r);
/* privacy_api.c */
void api_me_export(struct req *r);
void api_me_delete(struct req *r);
/* moderation_api.c */
void api_complaints_file(struct req *r);
void api_complaints_list(struct req *r);
void api_complaints_resolve(struct req *r);
void api_experts_hide(struct req *r);
void api_experts_unhide(struct req *r);

/* regions_pages.c, regions_api.c */
void page_map(struct req *r);
void page_map_prefecture(struct req *r);
void page_opendata(struct req *r);
void page_admin_reference(struct req *r);
void page_admin_reference_post(struct req *r);
void api_regions(struct req *r);
void api_opendata_csv(struct req *r);
void api_opendata_json(struct req *r);
/* assessment_pages.c */
void page_assessment(struct req *r);
void page_assessment_post(struct req *r);
void page_assessment_result(struct req *r);
void page_assessment_simulate(struct req *r);
void page_assessment_consult(struct req *r);
void page_assessments(struct req *r);
/* assessment_api.c */
void api_assessment_items(struct req *r);
void api_assessments_create(struct req *r);
void api_assessments_list(struct req *r);
void api_assessments_get(struct req *r);
void api_assessments_simulate(struct req *r);
void api_assessments_consult(struct req *r);

#endif
