/* i18n.h — message catalogs. All user-visible text lives in i18n/ja.txt and
 * i18n/en.txt ("key = text" lines); Japanese is the default language.
 * Placeholders {0}, {1}, ... are replaced by arguments. */
#ifndef KK_I18N_H
#define KK_I18N_H

#include "util/arena.h"

#include <stdbool.h>

/* Parse the embedded catalogs. Returns 0, or -1 after printing what is wrong. */
int i18n_init(void);

/* "ja" or "en" for a requested tag (cookie or Accept-Language); NULL when neither. */
const char *i18n_lang(const char *tag);

/* The text of key in lang, falling back to Japanese, then to the key itself. */
const char *i18n_get(const char *lang, const char *key);
bool i18n_has(const char *lang, const char *key);

/* Append template with {N} replaced by args[N]; esc escapes each piece (or NULL for raw). */
void i18n_format(struct buf *b, const char *tmpl, const char *const *args, int nargs,
                 void (*esc)(struct buf *, const char *, size_t));

/* Number of keys in a language's catalog, and the key at i (sorted). */
int i18n_count(const char *lang);
const char *i18n_key_at(const char *lang, int i);

#endif
