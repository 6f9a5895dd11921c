/* date.h — calendar dates as "YYYY-MM-DD" text (Japan dates, no time zone
 * arithmetic needed). Pure functions. */
#ifndef KK_DATE_H
#define KK_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* A real date between 2000-01-01 and 2199-12-31 in exactly this form. */
bool date_valid(const char *s);
/* s plus n days (n may be negative). s must be valid. */
void date_add_days(const char *s, int n, char out[11]);
/* s plus n years; 29 February becomes 1 March in a year without it. */
void date_add_years(const char *s, int n, char out[11]);
/* Days from a to b (b - a). */
int date_diff_days(const char *a, const char *b);
/* The Japan (UTC+9) date of a UTC time in seconds. */
void date_jst(int64_t utc, char out[11]);
/* The UTC time of 1 January 00:00 in Japan (UTC+9) of the Japan year holding utc. */
int64_t date_jst_year_start(int64_t utc);
/* "2026-01-02T03:04:05Z" for a UTC time in seconds. */
void date_format_utc(int64_t t, char out[21]);
/* A time as people and programs write it: "YYYY-MM-DDTHH:MM" with optional ":SS", then
 * "Z", "+HH:MM" or "-HH:MM", or nothing for Japan time (a form's datetime-local); a space
 * may stand for the T. Into *utc (seconds): true, or false for anything else. */
bool date_parse_time(const char *s, int64_t *utc);
/* "2026-01-02T12:04:05+09:00": a UTC time in Japan time, with its offset. */
void date_format_jst(int64_t utc, char out[26]);

#endif
