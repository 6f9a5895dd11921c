/* config.c — the defaults of the rules in config.h, which main.c overrides from the
 * environment and the command line; the configuration file and the secrets' files. */
#include "app/config.h"
#include "domain/conf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct app_config app_config = {
    .cpd_required = 20,
    .cert_remind_days = 30,
    .incident_sla = 1800,
    .allowance_hours = 10,
    .base_url = "http://127.0.0.1:8080",
    .archive_days = 90,
};

static const char *const config_keys[] = {"db",
                                          "listen",
                                          "threads",
                                          "secure_cookies",
                                          "trust_proxy",
                                          "search_cache",
                                          "incident_sla",
                                          "allowance_hours",
                                          "base_url",
                                          "smtp_url",
                                          "smtp_user",
                                          "mail_from",
                                          "webhook_url",
                                          "retry_base",
                                          "metrics_allow",
                                          "smtp_password_file",
                                          "webhook_secret_file",
                                          NULL};

/* The whole file at path, NUL-terminated (free it), or NULL with errno set. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0, got;
	char *s = malloc(cap);
	while (s && (got = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 < cap)
			continue;
		char *more = realloc(s, cap * 2);
		if (!more)
			free(s);
		s = more;
		cap *= 2;
	}
	fclose(f);
	if (s)
		s[n] = '\0';
	return s;
}

static int apply(void *ctx, int line, const char *key, const char *value)
{
	const char *path = ctx;
	int k = 0;
	while (config_keys[k] && strcmp(config_keys[k], key) != 0)
		k++;
	if (!config_keys[k]) {
		fprintf(stderr, "kakekomi: %s line %d: unknown setting \"%s\"\n", path, line, key);
		return 1; /* said; conf_parse's own errors are negative */
	}
	char name[64] = "KAKEKOMI_";
	for (size_t i = 0; key[i] && i + 10 < sizeof name; i++)
		name[9 + i] = (char)toupper((unsigned char)key[i]);
	setenv(name, value, 0); /* the environment wins over the file */
	return 0;
}

int config_load(const char *path, bool required)
{
	char *text = slurp(path);
	if (!text) {
		if (!required && errno == ENOENT)
			return 0;
		fprintf(stderr, "kakekomi: cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	int rc = conf_parse(text, apply, (void *)path);
	if (rc < 0)
		fprintf(stderr, "kakekomi: %s line %d: expected \"key = value\"\n", path, -rc);
	free(text);
	return rc == 0 ? 0 : -1;
}

/* Set name from the file that name_FILE names, when name is not set itself. */
static int secret_from_file(const char *name)
{
	char file_var[64];
	snprintf(file_var, sizeof file_var, "%s_FILE", name);
	const char *file = getenv(file_var), *set = getenv(name);
	if (!file || !*file || (set && *set))
		return 0;
	char *s = slurp(file);
	if (!s) {
		fprintf(stderr, "kakekomi: cannot read %s (%s): %s\n", file, file_var,
		        strerror(errno));
		return -1;
	}
	size_t n = strlen(s);
	if (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '\r')
		s[--n] = '\0';
	setenv(name, s, 1);
	free(s);
	return 0;
}

int config_secrets(void)
{
	return secret_from_file("KAKEKOMI_SMTP_PASSWORD") == 0 &&
	               secret_from_file("KAKEKOMI_WEBHOOK_SECRET") == 0
	           ? 0
	           : -1;
}
