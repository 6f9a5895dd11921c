#include "view/i18n.h"
#include "util/embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msg {
	char *key, *text;
};

struct catalog {
	const char *lang;
	const char *file;
	struct msg *msgs;
	int n;
};

static struct catalog catalogs[] = {
    {"ja", "i18n/ja.txt", NULL, 0},
    {"en", "i18n/en.txt", NULL, 0},
};

static int cmp_msg(const void *a, const void *b)
{
	return strcmp(((const struct msg *)a)->key, ((const struct msg *)b)->key);
}

static char *strip(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Parse "key = text" lines; '#' starts a comment line; "\n" in text is a newline. */
static int load(struct catalog *c)
{
	const struct embedded *f = embedded_find(c->file);
	if (!f) {
		fprintf(stderr, "kakekomi: catalog %s missing\n", c->file);
		return -1;
	}
	char *copy = strndup((const char *)f->data, f->len);
	int cap = 64;
	c->msgs = malloc(sizeof *c->msgs * (size_t)cap);
	int lineno = 0;
	for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		line = strip(line);
		if (!*line || *line == '#')
			continue;
		char *eq = strchr(line, '=');
		if (!eq) {
			fprintf(stderr, "kakekomi: %s: bad line '%s'\n", c->file, line);
			return -1;
		}
		*eq = '\0';
		if (c->n == cap)
			c->msgs = realloc(c->msgs, sizeof *c->msgs * (size_t)(cap *= 2));
		c->msgs[c->n].key = strdup(strip(line));
		char *text = strdup(strip(eq + 1)), *w = text;
		for (char *r = text; *r; r++) {
			if (r[0] == '\\' && r[1] == 'n') {
				*w++ = '\n';
				r++;
			} else {
				*w++ = *r;
			}
		}
		*w = '\0';
		c->msgs[c->n].text = text;
		c->n++;
	}
	free(copy);
	qsort(c->msgs, (size_t)c->n, sizeof *c->msgs, cmp_msg);
	for (int i = 1; i < c->n; i++) {
		if (strcmp(c->msgs[i - 1].key, c->msgs[i].key) == 0) {
			fprintf(stderr, "kakekomi: %s: key %s twice\n", c->file, c->msgs[i].key);
			return -1;
		}
	}
	return 0;
}

int i18n_init(void)
{
	for (size_t i = 0; i < sizeof catalogs / sizeof *catalogs; i++)
		if (!catalogs[i].msgs && load(&catalogs[i]) < 0)
			return -1;
	return 0;
}

static struct catalog *catalog(const char *lang)
{
	if (lang && strcmp(lang, "en") == 0)
		return &catalogs[1];
	return &catalogs[0];
}

const char *i18n_lang(const char *tag)
{
	if (!tag)
		return NULL;
	if (strncmp(tag, "ja", 2) == 0)
		return "ja";
	if (strncmp(tag, "en", 2) == 0)
		return "en";
	return NULL;
}

static const char *lookup(struct catalog *c, const char *key)
{
	struct msg k = {(char *)key, NULL};
	struct msg *m = c->n ? bsearch(&k, c->msgs, (size_t)c->n, sizeof *c->msgs, cmp_msg) : NULL;
	return m ? m->text : NULL;
}

const char *i18n_get(const char *lang, const char *key)
{
	const char *t = lookup(catalog(lang), key);
	if (!t)
		t = lookup(&catalogs[0], key);
	return t ? t : key;
}

bool i18n_has(const char *lang, const char *key)
{
	return lookup(catalog(lang), key) != NULL;
}

int i18n_count(const char *lang)
{
	return catalog(lang)->n;
}

const char *i18n_key_at(const char *lang, int i)
{
	struct catalog *c = catalog(lang);
	return i >= 0 && i < c->n ? c->msgs[i].key : NULL;
}

void i18n_format(struct buf *b, const char *tmpl, const char *const *args, int nargs,
                 void (*esc)(struct buf *, const char *, size_t))
{
	const char *p = tmpl, *start = tmpl;
	while (*p) {
		if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
			int i = p[1] - '0';
			if (esc)
				esc(b, start, (size_t)(p - start));
			else
				buf_add(b, start, (size_t)(p - start));
			const char *arg = i < nargs && args[i] ? args[i] : "";
			if (esc)
				esc(b, arg, strlen(arg));
			else
				buf_puts(b, arg);
			p += 3;
			start = p;
			continue;
		}
		p++;
	}
	if (esc)
		esc(b, start, (size_t)(p - start));
	else
		buf_add(b, start, (size_t)(p - start));
}
