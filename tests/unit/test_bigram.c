/* Tests src/domain/bigram.c: the search tokenizer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/bigram.h"

static char out[4096];

/* Tokens as "tok@start-end", colocated ones prefixed with "+", space-separated. */
static int collect(void *ctx, const char *tok, int len, int start, int end, bool colocated)
{
	(void)ctx;
	size_t n = strlen(out);
	snprintf(out + n, sizeof out - n, "%s%s%.*s@%d-%d", n ? " " : "", colocated ? "+" : "", len,
	         tok, start, end);
	return 0;
}

static const char *tokens(const char *text, bool query)
{
	out[0] = '\0';
	bigram_tokenize(text, (int)strlen(text), query, collect, NULL);
	return out;
}

static void cjk_bigrams_with_single_characters(void **state)
{
	(void)state;
	assert_string_equal(tokens("詐欺罪", false), "詐欺@0-6 +詐@0-3 欺罪@3-9 +欺@3-6 罪@6-9");
	assert_string_equal(tokens("詐欺罪", true), "詐欺@0-6 欺罪@3-9");
	assert_string_equal(tokens("詐", true), "詐@0-3");
	assert_string_equal(tokens("詐", false), "詐@0-3");
}

static void mixed_japanese_and_latin(void **state)
{
	(void)state;
	assert_string_equal(tokens("USBメモリ紛失", true),
	                    "usb@0-3 メモ@3-9 モリ@6-12 リ紛@9-15 紛失@12-18");
	assert_string_equal(tokens("Windows 11の更新", true),
	                    "windows@0-7 11@8-10 の更@10-16 更新@13-19");
}

static void nfkc_folding(void **state)
{
	(void)state;
	/* Full-width Latin, half-width katakana with voicing marks. */
	assert_string_equal(tokens("ＵＳＢ", true), "usb@0-9");
	assert_string_equal(tokens("ｳｲﾙｽ", true), "ウイ@0-6 イル@3-9 ルス@6-12");
	assert_string_equal(tokens("ﾊﾞｯｸｱｯﾌﾟ", true),
	                    "バッ@0-9 ック@6-12 クア@9-15 アッ@12-18 ップ@15-24");
	assert_string_equal(tokens("Ａｄｍｉｎ", true), "admin@0-15");
}

static void separators_and_emoji(void **state)
{
	(void)state;
	assert_string_equal(tokens("詐欺、被害", true), "詐欺@0-6 被害@9-15");
	assert_string_equal(tokens("🔥ランサム🔥", true), "ラン@4-10 ンサ@7-13 サム@10-16");
	assert_string_equal(tokens("\"*^-:()", true), "");
	assert_string_equal(tokens("", true), "");
}

static void invalid_utf8_is_skipped(void **state)
{
	(void)state;
	assert_string_equal(tokens("ab\xff\xfe"
	                           "cd",
	                           true),
	                    "ab@0-2 cd@4-6");
}

/* U+001F and the ASCII letters and digits after it: one token as it is, in both modes. */
static void facet_words_keep_their_marker(void **state)
{
	(void)state;
	assert_string_equal(tokens("\x1ft6D61 \x1ft6D61l2", false),
	                    "\x1ft6D61@0-6 \x1ft6D61l2@7-15");
	assert_string_equal(tokens("\x1ft6D61l2", true), "\x1ft6D61l2@0-8");
	/* it ends at anything else; a marker alone is no token */
	assert_string_equal(tokens("詐欺\x1f"
	                           "Ab-c\x1f",
	                           true),
	                    "詐欺@0-6 \x1f"
	                    "Ab@6-9 c@10-11");
	/* folding never makes the marker: the same letters typed are a word of their own */
	assert_string_equal(tokens("t6D61", true), "t6d61@0-5");
}

static int count_emit(void *ctx, const char *tok, int len, int start, int end, bool colocated)
{
	(void)tok, (void)len, (void)start, (void)end;
	int *c = ctx;
	c[colocated ? 1 : 0]++;
	return 0;
}

static void long_runs_keep_the_chain(void **state)
{
	(void)state;
	char text[3 * 200 + 1];
	for (int i = 0; i < 200; i++)
		memcpy(text + 3 * i, i % 2 ? "安" : "全", 3);
	text[600] = '\0';
	int c[2] = {0, 0};
	bigram_tokenize(text, 600, false, count_emit, c);
	assert_int_equal(c[0], 200); /* 199 bigrams and the last character */
	assert_int_equal(c[1], 199); /* each bigram's first character */
	c[0] = c[1] = 0;
	bigram_tokenize(text, 600, true, count_emit, c);
	assert_int_equal(c[0], 199);
	assert_int_equal(c[1], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cjk_bigrams_with_single_characters),
	    cmocka_unit_test(mixed_japanese_and_latin),
	    cmocka_unit_test(nfkc_folding),
	    cmocka_unit_test(separators_and_emoji),
	    cmocka_unit_test(invalid_utf8_is_skipped),
	    cmocka_unit_test(facet_words_keep_their_marker),
	    cmocka_unit_test(long_runs_keep_the_chain),
	};
	return cmocka_run_group_tests_name("bigram", tests, NULL, NULL);
}
