/* config.h — rules an operator may change from the command line. */
#ifndef KK_APP_CONFIG_H
#define KK_APP_CONFIG_H

struct app_config {
	int cpd_required;     /* CPD points in the last 12 months to renew a certificate */
	int cert_remind_days; /* remind experts this many days before expiry */
	int incident_sla;     /* seconds before an unanswered incident offer widens a ring */
	int allowance_hours;  /* free consultation hours per company and year */
	const char *base_url; /* how users reach the site, for links in e-mail */
	int archive_days;     /* Q&A older than this shows only a teaser to non-premium visitors */
};
extern struct app_config app_config;

#endif
