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

bool date_parse_time(const char *s, int64_t *utc)
{
	char day[11];
	int hh, mm, ss = 0, n = 0;
	if (!s || strlen(s) < 16 || (s[10] != 'T' && s[10] != ' '))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_valid(day) || sscanf(s + 11, "%2d:%2d%n", &hh, &mm, &n) != 2 || n != 5)
		return false;
	const char *p = s + 16;
	if (*p == ':') {
		if (sscanf(p + 1, "%2d%n", &ss, &n) != 1 || n != 2)
			return false;
		p += 3;
	}
	int offset = 9 * 3600; /* no zone: Japan time */
	if (*p == 'Z' && p[1] == '\0') {
		offset = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh, om;
		if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5 || oh > 14 || om > 59)
			return false;
		offset = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	} else if (*p != '\0') {
		return false;
	}
	if (hh > 23 || mm > 59 || ss > 59 || hh < 0 || mm < 0 || ss < 0)
		return false;
	struct tm tm;
	parse(day, &tm);
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	*utc = (int64_t)timegm(&tm) - offset;
	return true;
}

void date_format_jst(int64_t utc, char out[26])
{
	time_t t = (time_t)(utc + 9 * 3600);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 26, "%Y-%m-%dT%H:%M:%S+09:00", &tm);
}
