/* bigram.h — the tokenizer behind Japanese full-text search (like pg_bigm).
 *
 * Text is folded with NFKC and case folding, character by character, so
 * full-width ＵＳＢ finds USB and half-width ｶﾀｶﾅ finds カタカナ. Runs of CJK
 * characters (kanji, hiragana, katakana) become overlapping bigrams, each with
 * its first character colocated at the same position, and the run's last
 * character on its own: 詐欺罪 -> [詐欺 詐] [欺罪 欺] [罪]. So a one-character
 * query finds the single characters, a two-character one the bigram, and a
 * longer one the phrase of its bigrams at consecutive positions. Latin letters
 * and digits become words. Everything else separates tokens, but for BIGRAM_FACET
 * (U+001F, the unit separator): it and the ASCII letters and digits after it are
 * one token as they are (a facet word, such as the search's topic filter). Folding
 * never makes that byte, so no word a person types finds one: qa_match_query and
 * qa_similar_query make the byte a separator.
 *
 * Pure: no SQLite here; store/qa.c registers it with FTS5.
 */
#ifndef KK_BIGRAM_H
#define KK_BIGRAM_H

#include <stdbool.h>

#define BIGRAM_FACET '\x1f'

/* Called for each token: its folded text, and the byte range [start, end) of the
 * original text it came from. colocated: same position as the previous token.
 * A non-zero return stops tokenizing and is returned. */
typedef int (*bigram_emit)(void *ctx, const char *token, int len, int start, int end,
                           bool colocated);

/* query: tokenize a query term (no single characters inside longer CJK runs). */
int bigram_tokenize(const char *text, int len, bool query, bigram_emit emit, void *ctx);

#endif
