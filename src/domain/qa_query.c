#include "domain/qa_query.h"
#include "domain/bigram.h"

#include <string.h>

/* The last token the tokenizer makes of a term, and how many. */
struct last_token {
	int n;
	char tok[64];
	int len;
};

static int keep_last(void *ctx, const char *tok, int len, int start, int end, bool colocated)
{
	(void)start, (void)end, (void)colocated;
	struct last_token *t = ctx;
	t->n++;
	t->len = len < (int)sizeof t->tok ? len : 0;
	memcpy(t->tok, tok, (size_t)t->len);
	return 0;
}

/* A word of Latin letters and digits (as the tokenizer folds them), two or more. */
static bool latin_word(const struct last_token *t)
{
	if (t->len < 2)
		return false;
	for (int i = 0; i < t->len; i++)
		if (!((t->tok[i] >= 'a' && t->tok[i] <= 'z') ||
		      (t->tok[i] >= '0' && t->tok[i] <= '9')))
			return false;
	return true;
}

/* Append term as an FTS5 string: "..." with any " doubled; skip it when empty. When it
 * ends in a word of Latin letters or digits, that word is a prefix too ("utf" * finds
 * utf8 and utf16). */
static void add_term(struct buf *b, const char *term, size_t len)
{
	struct last_token last = {0};
	bigram_tokenize(term, (int)len, true, keep_last, &last);
	if (!last.n)
		return;
	if (b->len)
		buf_putc(b, ' ');
	buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		if (term[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, term[i]);
	}
	buf_putc(b, '"');
	if (latin_word(&last))
		buf_puts(b, " *");
}

/* text with every BIGRAM_FACET made a space: what a person types never finds a facet word. */
static const char *without_facets(struct arena *a, const char *text)
{
	if (!strchr(text, BIGRAM_FACET))
		return text;
	char *copy = arena_strdup(a, text);
	for (char *c = copy; (c = strchr(c, BIGRAM_FACET));)
		*c = ' ';
	return copy;
}

const char *qa_match_query(struct arena *a, const char *typed)
{
	struct buf b;
	buf_init(&b, a);
	const char *p = without_facets(a, typed);
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
		} else if (strncmp(p, "\xe3\x80\x80", 3) == 0) { /* U+3000 ideographic space */
			p += 3;
		} else if (*p == '"') { /* a phrase, to the closing quote or the end */
			const char *end = strchr(p + 1, '"');
			size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
			add_term(&b, p + 1, len);
			p += len + 1 + (end != NULL);
		} else {
			const char *start = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' &&
			       strncmp(p, "\xe3\x80\x80", 3) != 0)
				p++;
			add_term(&b, start, (size_t)(p - start));
		}
	}
	return b.len ? b.p : NULL;
}

struct or_ctx {
	struct buf *b;
	int n;
};

static int or_token(void *ctx, const char *tok, int len, int start, int end, bool colocated)
{
	(void)start, (void)end, (void)colocated;
	struct or_ctx *c = ctx;
	if (c->n++ >= 32)
		return 0; /* enough for a title */
	if (c->b->len)
		buf_puts(c->b, " OR ");
	buf_putc(c->b, '"');
	for (int i = 0; i < len; i++) {
		if (tok[i] == '"')
			buf_putc(c->b, '"');
		buf_putc(c->b, tok[i]);
	}
	buf_putc(c->b, '"');
	return 0;
}

const char *qa_similar_query(struct arena *a, const char *title)
{
	struct buf b;
	buf_init(&b, a);
	struct or_ctx c = {&b, 0};
	title = without_facets(a, title);
	bigram_tokenize(title, (int)strlen(title), true, or_token, &c);
	return b.len ? b.p : NULL;
}
