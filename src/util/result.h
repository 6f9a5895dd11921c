/* result.h — the one result convention of the store and the logic: a function
 * returns KK_OK (0) or a negative KK_* code; a list function returns a count
 * (>= 0) or a negative code, never 0 for an error. app/errors.h turns a code
 * into the HTTP status and error body, for the API and the pages alike. */
#ifndef KK_RESULT_H
#define KK_RESULT_H

#define KK_OK        0
#define KK_ERR       (-1) /* nothing the caller can fix (logged where it happened): 500 */
#define KK_NOTFOUND  (-2) /* no such object, or one the caller may not see: 404 */
#define KK_CONFLICT  (-3) /* the object's state does not allow it now: 409 with a code */
#define KK_INVALID   (-4) /* a field is wrong: 400 naming the field */
#define KK_FORBIDDEN (-5) /* the caller sees the object but may not do this: 403 */
#define KK_THROTTLED (-6) /* too many wrong passwords from this client: 429, Retry-After set */

#endif
