/* text.h — text normalisation for comparisons (utf8proc). */
#ifndef KK_TEXT_H
#define KK_TEXT_H

#include "util/arena.h"

/* NFKC with case folding and trimmed spaces: ＵＴＭ製品Ｂ社 and utm製品b社 fold alike.
 * Invalid UTF-8 is returned unchanged. */
const char *text_fold(struct arena *a, const char *s);

#endif
