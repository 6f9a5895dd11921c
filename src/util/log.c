#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>

__thread char log_request_id[LOG_ID_TEXT];

void log_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (log_request_id[0])
		fprintf(stderr, "kakekomi: [req %s] %s\n", log_request_id, msg);
	else
		fprintf(stderr, "kakekomi: %s\n", msg);
}
