/* Tests src/domain/qa_query.c: what a user typed, as an FTS5 query. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/qa_query.h"

#include <string.h>

static struct arena *a;

static void terms_are_quoted_and_all_must_match(void **state)
{
	(void)state;
	assert_string_equal(qa_match_query(a, "パスワード 設定"), "\"パスワード\" \"設定\"");
	/* The ideographic space separates terms like an ASCII one. */
	assert_string_equal(qa_match_query(a, "UTF8　ファイル"), "\"UTF8\" * \"ファイル\"");
	/* FTS5's operators are plain text inside quotes. */
	assert_string_equal(qa_match_query(a, "NEAR OR"), "\"NEAR\" * \"OR\" *");
	/* Latin letters and digits (two or more, folded: ＵＴＦ is utf) are prefixes too; one
	 * letter, or a term ending in kana or kanji, is not */
	assert_string_equal(qa_match_query(a, "ＵＴＦ"), "\"ＵＴＦ\" *");
	assert_string_equal(qa_match_query(a, "x 対策"), "\"x\" \"対策\"");
	assert_string_equal(qa_match_query(a, "Windows対策"), "\"Windows対策\"");
}

static void phrases_and_quotes(void **state)
{
	(void)state;
	assert_string_equal(qa_match_query(a, "\"初動対応\""), "\"初動対応\"");
	assert_string_equal(qa_match_query(a, "\"初動 対応\" 費用"), "\"初動 対応\" \"費用\"");
	/* An unclosed phrase runs to the end; a quote inside a term is doubled. */
	assert_string_equal(qa_match_query(a, "\"未完"), "\"未完\"");
	assert_string_equal(qa_match_query(a, "a\"b"), "\"a\"\"b\"");
}

static void nothing_searchable_is_dropped(void **state)
{
	(void)state;
	assert_string_equal(qa_match_query(a, "!!! 詐欺"), "\"詐欺\"");
	assert_null(qa_match_query(a, ""));
	assert_null(qa_match_query(a, "　 \t"));
	assert_null(qa_match_query(a, "!!! ???"));
}

/* The marker of a facet word (the topic filter) typed is a space: a search cannot name one. */
static void no_facet_word_from_what_is_typed(void **state)
{
	(void)state;
	assert_string_equal(qa_match_query(a, "\x1ft6D61 対策"), "\"t6D61\" * \"対策\"");
	assert_string_equal(qa_match_query(a, "\"a\x1f"
	                                      "b\""),
	                    "\"a b\"");
	assert_string_equal(qa_similar_query(a, "\x1f"
	                                        "b1詐欺"),
	                    "\"b1\" OR \"詐欺\"");
}

static void similar_questions_take_any_bigram(void **state)
{
	(void)state;
	assert_string_equal(qa_similar_query(a, "詐欺メール"),
	                    "\"詐欺\" OR \"欺メ\" OR \"メー\" OR \"ール\"");
	assert_null(qa_similar_query(a, "!!!"));
	/* At most 32 tokens, however long the title. */
	const char *long_title =
	    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも";
	const char *q = qa_similar_query(a, long_title);
	int ors = 0;
	for (const char *p = q; (p = strstr(p, " OR ")); p++)
		ors++;
	assert_int_equal(ors, 31);
}

static int setup(void **state)
{
	(void)state;
	a = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(terms_are_quoted_and_all_must_match),
	    cmocka_unit_test(phrases_and_quotes),
	    cmocka_unit_test(nothing_searchable_is_dropped),
	    cmocka_unit_test(similar_questions_take_any_bigram),
	    cmocka_unit_test(no_facet_word_from_what_is_typed),
	};
	return cmocka_run_group_tests_name("qa_query", tests, setup, teardown);
}
