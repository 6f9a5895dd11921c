/* config.h — rules an operator may change from the command line. */
#ifndef KK_APP_CONFIG_H
#define KK_APP_CONFIG_H

#include <stdbool.h>

struct app_config {
	int cpd_required;     /* CPD points in the last 12 months to renew a certificate */
	int cert_remind_days; /* remind experts this many days before expiry */
	int incident_sla;     /* seconds before an unanswered incident offer widens a ring */
	int allowance_hours;  /* free consultation hours per company and year */
	const char *base_url; /* how users reach the site, for links in e-mail */
	int archive_days;     /* Q&A older than this shows only a teaser to non-premium visitors */
};
extern struct app_config app_config;

/* The configuration file an operator keeps (/etc/kakekomi/kakekomi.conf): each "key = value"
 * sets the environment variable KAKEKOMI_<KEY> unless the environment already has it, so
 * the environment overrides the file and the command line (read after) overrides both.
 * Keys: the long options of the commands with "_" for "-" (db, listen, threads,
 * secure_cookies, trust_proxy, search_cache, incident_sla, allowance_hours, base_url,
 * smtp_url, smtp_user, mail_from, webhook_url, retry_base) and the files holding the two
 * secrets (smtp_password_file, webhook_secret_file). A missing file is no error unless
 * `required`; an unknown key or a line without "=" is, with its line number on stderr.
 * 0 or -1. */
int config_load(const char *path, bool required);
/* The secrets from files, as systemd credentials hand them over: KAKEKOMI_SMTP_PASSWORD from
 * the file KAKEKOMI_SMTP_PASSWORD_FILE names (and the webhook's key likewise) when it is not
 * set itself; one trailing newline dropped. 0, or -1 when a named file cannot be read. */
int config_secrets(void);

#endif
