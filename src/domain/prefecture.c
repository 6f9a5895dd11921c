#include "domain/prefecture.h"
#include "domain/match.h"

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
	if (!set || !code || strlen(code) != 2 || code[0] < '0' || code[0] > '4' || code[1] < '0' ||
	    code[1] > '9')
		return NULL;
	int i = (code[0] - '0') * 10 + (code[1] - '0') - 1;
	return i >= 0 && i < PREF_COUNT ? &table[i] : NULL;
}

int prefecture_index(const char *code)
{
	const struct prefecture *p = prefecture_by_code(code);
	return p ? (int)(p - table) : -1;
}

int prefecture_distance(const struct prefecture *target, const char *const *prefs, int n)
{
	int best = DIST_FAR;
	for (int i = 0; i < n; i++) {
		const struct prefecture *p = prefecture_by_code(prefs[i]);
		if (!p)
			continue;
		if (strcmp(p->code, target->code) == 0)
			return DIST_SAME;
		for (int k = 0; k < target->nneighbours; k++)
			if (strcmp(target->neighbours[k], p->code) == 0 && best > DIST_NEIGHBOUR)
				best = DIST_NEIGHBOUR;
		if (strcmp(p->block, target->block) == 0 && best > DIST_BLOCK)
			best = DIST_BLOCK;
	}
	return best;
}
