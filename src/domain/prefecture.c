#include "domain/prefecture.h"

#include <stdbool.h>
#include <string.h>

static struct prefecture table[PREF_COUNT];
static bool set;

void prefectures_set(const struct prefecture all[PREF_COUNT])
{
	memcpy(table, all, sizeof table);
	set = true;
}

const struct prefecture *prefectures_all(void)
{
	return set ? table : NULL;
}

const struct prefecture *prefecture_by_code(const char *code)
{
	if (!set || !code || strlen(code) != 2 || code[0] < '0' || code[0] > '4' ||
	    code[1] < '0' || code[1] > '9')
		return NULL;
	int i = (code[0] - '0') * 10 + (code[1] - '0') - 1;
	return i >= 0 && i < PREF_COUNT ? &table[i] : NULL;
}
