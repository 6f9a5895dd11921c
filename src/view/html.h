/* html.h — the HTML writer. Page code writes markup only through these
 * functions: literal markup through html_lit() (which accepts string literals
 * only, by construction), and every runtime value through a function that
 * escapes for its context — text, attribute value, or URL component.
 */
#ifndef KK_HTML_H
#define KK_HTML_H

#include "util/arena.h"

#include <stdbool.h>

/* Literal markup. The "" s "" concatenation refuses anything but a literal. */
#define html_lit(b, s) buf_add((b), "" s "", sizeof("" s "") - 1)

void html_text(struct buf *b, const char *s); /* element content */
void html_textn(struct buf *b, const char *s, size_t n);
void html_attr(struct buf *b, const char *s);    /* inside "..." */
void html_url_arg(struct buf *b, const char *s); /* one query value or path segment */
void html_int(struct buf *b, long long v);

/* ` name="value"` with value escaped. name must be a literal. */
#define html_attr_pair(b, name, value)                                                             \
	do {                                                                                       \
		html_lit((b), " " name "=\"");                                                     \
		html_attr((b), (value));                                                           \
		html_lit((b), "\"");                                                               \
	} while (0)

/* The same only when value is not NULL (an optional class, say). */
#define html_attr_if(b, name, value)                                                               \
	do {                                                                                       \
		const char *value_ = (value);                                                      \
		if (value_)                                                                        \
			html_attr_pair((b), name, value_);                                         \
	} while (0)
/* Literal markup only when cond holds (" checked", " selected"). */
#define html_lit_if(b, cond, s)                                                                    \
	do {                                                                                       \
		if (cond)                                                                          \
			html_lit((b), s);                                                          \
	} while (0)

/* Text in which \x01 and \x02 mark highlighted runs (search snippets): the text is
 * escaped, the marks become <mark> and </mark>. */
void html_marked(struct buf *b, const char *s);

/* <label class="choice"><input type=checkbox|radio ...> label</label> */
void html_choice(struct buf *b, bool radio, const char *name, const char *value, bool checked,
                 const char *label);

/* Form controls and links: every value escaped for its context. */
void html_hidden(struct buf *b, const char *name, const char *value);
void html_option(struct buf *b, const char *value, const char *label, bool selected);
void html_link(struct buf *b, const char *href, const char *text, const char *cls);

#endif
