#include "view/html.h"

#include <stdio.h>
#include <string.h>

/* Escape the five characters that can end a text node or a quoted attribute. */
void html_textn(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
}

void html_text(struct buf *b, const char *s)
{
	if (s)
		html_textn(b, s, strlen(s));
}

void html_attr(struct buf *b, const char *s)
{
	html_text(b, s);
}

/* RFC 3986 unreserved characters pass; every other byte is %XX. */
void html_url_arg(struct buf *b, const char *s)
{
	buf_url_arg(b, s);
}

void html_int(struct buf *b, long long v)
{
	buf_printf(b, "%lld", v);
}

void html_hidden(struct buf *b, const char *name, const char *value)
{
	html_lit(b, "<input type=\"hidden\"");
	html_attr_pair(b, "name", name);
	html_attr_pair(b, "value", value);
	html_lit(b, ">");
}

void html_option(struct buf *b, const char *value, const char *label, bool selected)
{
	html_lit(b, "<option");
	html_attr_pair(b, "value", value);
	html_lit_if(b, selected, " selected");
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</option>");
}

void html_link(struct buf *b, const char *href, const char *text, const char *cls)
{
	html_lit(b, "<a");
	html_attr_pair(b, "href", href);
	html_attr_if(b, "class", cls);
	html_lit(b, ">");
	html_text(b, text);
	html_lit(b, "</a>");
}

void html_marked(struct buf *b, const char *s)
{
	const char *start = s;
	for (; s && *s; s++) {
		if (*s != '\x01' && *s != '\x02')
			continue;
		html_textn(b, start, (size_t)(s - start));
		if (*s == '\x01')
			html_lit(b, "<mark>");
		else
			html_lit(b, "</mark>");
		start = s + 1;
	}
	if (s)
		html_textn(b, start, (size_t)(s - start));
}

void html_choice(struct buf *b, bool radio, const char *name, const char *value, bool checked,
                 const char *label)
{
	if (radio)
		html_lit(b, "<label class=\"choice\"><input type=\"radio\"");
	else
		html_lit(b, "<label class=\"choice\"><input type=\"checkbox\"");
	html_attr_pair(b, "name", name);
	html_attr_pair(b, "value", value);
	html_lit_if(b, checked, " checked");
	html_lit(b, "> ");
	html_text(b, label);
	html_lit(b, "</label>");
}
