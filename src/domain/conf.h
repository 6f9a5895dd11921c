/* conf.h — the configuration file's form (/etc/kakekomi/kakekomi.conf): one
 * "key = value" a line, blank lines and lines starting with # ignored, spaces
 * around the key and the value dropped, a value may be empty. Pure; main.c
 * decides what the keys mean. */
#ifndef KK_DOMAIN_CONF_H
#define KK_DOMAIN_CONF_H

/* Called for each setting with its line number (1 is the first); a non-zero return stops
 * the parse and is returned. */
typedef int conf_fn(void *ctx, int line, const char *key, const char *value);

/* Parse text (changed in place: the keys and values are cut out of it), calling fn for
 * each setting in order. 0; or the line number of a line that is not a comment and has no
 * "=" or no key, negated; or what fn returned. */
int conf_parse(char *text, conf_fn *fn, void *ctx);

#endif
