/* log.h — error lines on stderr that name the request they happened in, so that a
 * user's report (the X-Request-Id every answer carries) leads to the line. */
#ifndef KK_UTIL_LOG_H
#define KK_UTIL_LOG_H

#define LOG_ID_TEXT 33
/* The id of the request this thread is answering; "" outside one (the worker, commands). */
extern __thread char log_request_id[LOG_ID_TEXT];

/* "kakekomi: [req ID] " (the id when there is one), the formatted message, a newline. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
