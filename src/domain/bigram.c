#include "domain/bigram.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_FOLD 32 /* bytes of one folded character (NFKC can expand: ㍿ -> 株式会社) */
#define MAX_WORD 256

enum cls { C_SEP, C_WORD, C_CJK };

struct ch {
	int start, end; /* bytes in the original */
	int n;          /* folded bytes */
	char fold[MAX_FOLD];
	enum cls cls;
};

static bool cjk(utf8proc_int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) ||   /* hiragana, katakana */
	       (c >= 0x3400 && c <= 0x4DBF) ||   /* CJK extension A */
	       (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
	       (c >= 0xF900 && c <= 0xFAFF) ||   /* compatibility ideographs */
	       (c >= 0x20000 && c <= 0x2FA1F) || /* supplementary ideographs */
	       c == 0x3005 || c == 0x3006;       /* 々 〆 */
}

/* Voiced sound marks that combine with the katakana before them. */
static bool voicing(utf8proc_int32_t c)
{
	return c == 0x3099 || c == 0x309A || c == 0xFF9E || c == 0xFF9F;
}

/* Read and fold the character at text[*pos]; its voicing marks come with it. */
static bool next_char(const char *text, int len, int *pos, struct ch *out)
{
	utf8proc_int32_t cp;
	int start = *pos;
	utf8proc_ssize_t k =
	    utf8proc_iterate((const utf8proc_uint8_t *)text + *pos, len - *pos, &cp);
	if (k <= 0) { /* invalid byte: a separator of one byte */
		*pos += 1;
		out->start = start;
		out->end = *pos;
		out->n = 0;
		out->cls = C_SEP;
		return true;
	}
	*pos += (int)k;
	while (*pos < len) {
		utf8proc_int32_t next;
		utf8proc_ssize_t k2 =
		    utf8proc_iterate((const utf8proc_uint8_t *)text + *pos, len - *pos, &next);
		if (k2 <= 0 || !voicing(next))
			break;
		*pos += (int)k2;
	}
	out->start = start;
	out->end = *pos;
	out->n = 0;
	out->cls = C_SEP;
	/* Most characters (kanji, kana without voicing, lower-case Latin, digits)
	 * are their own NFKC case fold: a code point alone, with no decomposition
	 * and no case folding, that is not ignorable. They skip utf8proc_map. */
	const utf8proc_property_t *own = utf8proc_get_property(cp);
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	if (*pos - start == k && own->decomp_seqindex == UINT16_MAX &&
	    own->casefold_seqindex == UINT16_MAX && !own->ignorable)
		n = k;
	else
		n = utf8proc_map((const utf8proc_uint8_t *)text + start, *pos - start, &folded,
		                 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
		                     UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (n > 0 && n < MAX_FOLD) {
		memcpy(out->fold, folded ? folded : (const utf8proc_uint8_t *)text + start,
		       (size_t)n);
		out->n = (int)n;
		utf8proc_int32_t first;
		utf8proc_iterate((const utf8proc_uint8_t *)out->fold, n, &first);
		const utf8proc_property_t *p = utf8proc_get_property(first);
		if (cjk(first))
			out->cls = C_CJK;
		else if (p->category >= UTF8PROC_CATEGORY_LU && p->category <= UTF8PROC_CATEGORY_LO)
			out->cls = C_WORD;
		else if (p->category >= UTF8PROC_CATEGORY_ND && p->category <= UTF8PROC_CATEGORY_NO)
			out->cls = C_WORD;
		else if (p->category >= UTF8PROC_CATEGORY_MN && p->category <= UTF8PROC_CATEGORY_ME)
			out->cls = C_WORD; /* accents stay in their word */
	}
	free(folded);
	return true;
}

/* The bigrams of run[0..n), each with its first character colocated (not for
 * queries); at the end of a run (last) also the run's last character alone. */
static int cjk_run(const struct ch *run, int n, bool query, bool last, bigram_emit emit, void *ctx)
{
	char tok[2 * MAX_FOLD];
	int rc = 0;
	for (int i = 0; i + 1 < n && !rc; i++) {
		memcpy(tok, run[i].fold, (size_t)run[i].n);
		memcpy(tok + run[i].n, run[i + 1].fold, (size_t)run[i + 1].n);
		rc = emit(ctx, tok, run[i].n + run[i + 1].n, run[i].start, run[i + 1].end, false);
		if (!rc && !query)
			rc = emit(ctx, run[i].fold, run[i].n, run[i].start, run[i].end, true);
	}
	if (!rc && last && (n == 1 || !query))
		rc = emit(ctx, run[n - 1].fold, run[n - 1].n, run[n - 1].start, run[n - 1].end,
		          false);
	return rc;
}

int bigram_tokenize(const char *text, int len, bool query, bigram_emit emit, void *ctx)
{
	struct ch run[64]; /* a CJK run is flushed every 64 characters, overlapping by one */
	int nrun = 0, pos = 0, rc = 0;
	char word[MAX_WORD];
	int wlen = 0, wstart = 0, wend = 0;
	while (pos <= len && !rc) {
		struct ch c = {0, 0, 0, {0}, C_SEP};
		if (pos < len)
			next_char(text, len, &pos, &c);
		else
			pos++; /* the end flushes whatever is pending */
		if (c.cls != C_WORD && wlen) {
			rc = emit(ctx, word, wlen, wstart, wend, false);
			wlen = 0;
		}
		if (c.cls != C_CJK && nrun) {
			if (!rc)
				rc = cjk_run(run, nrun, query, true, emit, ctx);
			nrun = 0;
		}
		if (rc)
			break;
		if (c.end - c.start == 1 && text[c.start] == BIGRAM_FACET) {
			int end = pos;
			while (end < len && end - c.start < MAX_WORD &&
			       ((text[end] >= '0' && text[end] <= '9') ||
			        (text[end] >= 'A' && text[end] <= 'Z') ||
			        (text[end] >= 'a' && text[end] <= 'z')))
				end++;
			if (end > pos)
				rc = emit(ctx, text + c.start, end - c.start, c.start, end, false);
			pos = end;
		} else if (c.cls == C_WORD) {
			if (!wlen)
				wstart = c.start;
			if (wlen + c.n <= MAX_WORD) {
				memcpy(word + wlen, c.fold, (size_t)c.n);
				wlen += c.n;
			}
			wend = c.end;
		} else if (c.cls == C_CJK) {
			if (nrun == 64) {
				/* A long run: its last character starts the next buffer, so the
				 * chain of bigrams is unbroken. */
				rc = cjk_run(run, nrun, query, false, emit, ctx);
				run[0] = run[nrun - 1];
				nrun = 1;
			}
			run[nrun++] = c;
		}
	}
	return rc;
}
