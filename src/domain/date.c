#include "domain/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool parse(const char *s, struct tm *tm)
{
	int y, m, d;
	char tail;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12;
	return y >= 2000 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void format(time_t t, char out[11])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

bool date_valid(const char *s)
{
	struct tm tm;
	if (!parse(s, &tm))
		return false;
	/* Normalising 2026-02-30 gives March: not a real date. */
	struct tm check = tm;
	time_t t = timegm(&check);
	char back[11];
	format(t, back);
	return strcmp(back, s) == 0;
}

void date_add_days(const char *s, int n, char out[11])
{
	struct tm tm;
	parse(s, &tm);
	tm.tm_mday += n;
	format(timegm(&tm), out);
}

void date_add_years(const char *s, int n, char out[11])
{
	struct tm tm;
	parse(s, &tm);
	tm.tm_year += n;
	format(timegm(&tm), out);
}

int date_diff_days(const char *a, const char *b)
{
	struct tm ta, tb;
	parse(a, &ta);
	parse(b, &tb);
	return (int)((timegm(&tb) - timegm(&ta)) / 86400);
}

void date_jst(int64_t utc, char out[11])
{
	format((time_t)(utc + 9 * 3600), out);
}

void date_format_utc(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int64_t date_jst_year_start(int64_t utc)
{
	time_t t = (time_t)(utc + 9 * 3600);
	struct tm tm;
	gmtime_r(&t, &tm);
	tm.tm_mon = 0;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	return (int64_t)timegm(&tm) - 9 * 3600;
}
