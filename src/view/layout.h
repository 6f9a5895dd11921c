/* layout.h — the page frame (header, navigation by role, language switch,
 * footer) and the small building blocks every page uses. All text comes from
 * the message catalogs; every value goes through the HTML writer. */
#ifndef KK_LAYOUT_H
#define KK_LAYOUT_H

#include "http/req.h"
#include "view/html.h"

/* Compute the static files' version for cache-busting links. */
void layout_init(void);

/* title_key is a catalog key. */
void layout_begin(struct req *r, struct buf *b, const char *title_key);
void layout_end(struct req *r, struct buf *b);
/* A page's start: b made empty in r's arena, then layout_begin. */
void page_start(struct req *r, struct buf *b, const char *title_key);
/* page_start for a page whose title is text (a question's title), not a catalog key. */
void page_start_titled(struct req *r, struct buf *b, const char *title);
/* A page's end: layout_end, then reply_html with status. */
void page_finish(struct req *r, struct buf *b, int status);

/* A whole error page: status title and message. */
void page_error(struct req *r, struct buf *b, int status, const char *message);

/* Catalog text, escaped; with {N} arguments, each escaped. */
void page_msg(struct buf *b, struct req *r, const char *key);
void page_msgf(struct buf *b, struct req *r, const char *key, const char *const *args, int n);

/* <form method="post" action="..."> with the CSRF token; close with html_lit("</form>"). */
void page_form_begin(struct buf *b, struct req *r, const char *action, const char *cls);

/* A form that is one button: POST to action with the CSRF token; button_cls
 * may be NULL; label_key is a catalog key. */
void page_button_form(struct buf *b, struct req *r, const char *action, const char *button_cls,
                      const char *label_key);

/* A labelled input. label from "field.NAME"; error (may be NULL) shown under it. */
struct input_opts {
	const char *type;         /* text, email, password, ... */
	const char *value;        /* NULL for none */
	const char *autocomplete; /* NULL for none */
	bool required;
	int maxlength; /* 0 for none */
	const char *error;
};
/* A labelled <input id=name name=name> with its error under it. */
void page_input(struct buf *b, struct req *r, const char *name, const struct input_opts *o);
/* A labelled <textarea id=name name=name>. */
struct textarea_opts {
	const char *label; /* catalog key; NULL for "field.NAME" */
	int rows;
	int maxlength; /* 0 for none */
	bool required;
	const char *value; /* NULL: what was typed when a posted form comes back, else empty */
	const struct field_error *why; /* shown under the label when it concerns name */
};
/* A labelled <textarea id=name name=name>. */
void page_textarea(struct buf *b, struct req *r, const char *name, const struct textarea_opts *o);
/* <select> of the 47 prefectures grouped by regional block. */
void page_prefecture_select(struct buf *b, struct req *r, const char *name, const char *selected,
                            const char *error);
/* A labelled <select id=name name=name> (label from label_key), left open for its options;
 * close it with html_lit("</select></div>"). */
void page_select_open(struct buf *b, struct req *r, const char *name, const char *label_key);
/* The same, optional, for filters ("any" first). */
void page_prefecture_filter(struct buf *b, struct req *r, const char *name, const char *selected);
/* The message for a field error, in r->lang ("field.NAME" label, "invalid.CODE" text). */
const char *field_error_message(struct req *r, const struct field_error *e);
/* <p class="field-error"> with why's message when why concerns field; nothing otherwise. */
void page_field_error(struct buf *b, struct req *r, const struct field_error *why,
                      const char *field);

/* A notice box (class "notice" or "error") with text already translated. */
void page_notice(struct buf *b, const char *cls, const char *text);

/* When utc was, relative when recent ("3 分前", "5 時間前"), Japan time otherwise. */
void page_ago(struct buf *b, struct req *r, int64_t utc);

/* One <dt>label</dt><dd>value</dd> pair of a <dl class="facts">; key is a catalog key. */
void page_fact(struct buf *b, struct req *r, const char *key, const char *value);

/* What was typed in field name when a posted form comes back after an error; else stored. */
const char *page_typed(struct req *r, const char *name, const char *stored);

/* Is value chosen in the checkbox list name: among what was posted when a form comes back
 * after an error, else `stored`. */
bool page_chosen(struct req *r, const char *name, const char *value, bool stored);

/* Is the page in English (else Japanese)? */
bool page_en(const struct req *r);
/* A prefecture's name in r's language; the code itself when unknown. */
const char *page_pref_name(const struct req *r, const char *code);
/* <h1> with catalog text key. */
void page_h1(struct buf *b, struct req *r, const char *key);
/* A submit button (class cls, or none when NULL) labelled with key; page_form_end also
 * closes the form. */
void page_submit(struct buf *b, struct req *r, const char *key, const char *cls);
void page_form_end(struct buf *b, struct req *r, const char *key, const char *cls);
/* A page's heading: <h1> of title_key, then the lead paragraph of lead_key (none when NULL). */
void page_heading(struct buf *b, struct req *r, const char *title_key, const char *lead_key);

/* <section class="card cls"><h2>title</h2> (cls may be NULL); the caller closes the section. */
void page_card(struct buf *b, struct req *r, const char *cls, const char *title_key);
/* A table that scrolls sideways on its own on a phone, up to its first body row:
 * <div class="table-scroll" tabindex="0"><table class="cls"><thead><tr><th>key</th>…</tr>
 * </thead><tbody> (the box is focusable, so a keyboard can scroll it too) with a header cell per
 * message key (a NULL-terminated list); cls may be NULL. Close it with page_table_end. */
void page_table_head(struct buf *b, struct req *r, const char *cls, const char *const *keys);
void page_table_end(struct buf *b);
/* Japan time for display: <time datetime="2026-11-26T17:22+09:00">2026-11-26 17:22</time>. */
void page_time(struct buf *b, int64_t utc);

#endif
