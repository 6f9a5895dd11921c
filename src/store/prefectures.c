#include "store/prefectures.h"

#include <stdio.h>
#include <string.h>
#include "sql/prefectures.h"

int prefectures_load(struct db *db, struct prefecture out[PREF_COUNT])
{
	sqlite3_stmt *st = db_stmt(db, SQL_ALL);
	if (!st)
		return KK_ERR;
	int n = 0;
	memset(out, 0, sizeof(struct prefecture) * PREF_COUNT);
	while (n < PREF_COUNT && sqlite3_step(st) == SQLITE_ROW) {
		struct prefecture *p = &out[n++];
		snprintf(p->code, sizeof p->code, "%s", db_text(st, 0));
		snprintf(p->name_ja, sizeof p->name_ja, "%s", db_text(st, 1));
		snprintf(p->name_en, sizeof p->name_en, "%s", db_text(st, 2));
		snprintf(p->block, sizeof p->block, "%s", db_text(st, 3));
		snprintf(p->block_ja, sizeof p->block_ja, "%s", db_text(st, 4));
		snprintf(p->block_en, sizeof p->block_en, "%s", db_text(st, 5));
		p->tile_col = sqlite3_column_int(st, 6);
		p->tile_row = sqlite3_column_int(st, 7);
	}
	db_done(st);
	if (n != PREF_COUNT)
		return KK_ERR;
	st = db_stmt(db, SQL_LINKS);
	if (!st)
		return KK_ERR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *a = db_text(st, 0), *b = db_text(st, 1);
		int i = (a[0] - '0') * 10 + (a[1] - '0') - 1;
		if (i < 0 || i >= PREF_COUNT || out[i].nneighbours >= PREF_MAX_NEIGHBOURS)
			continue;
		snprintf(out[i].neighbours[out[i].nneighbours++], 3, "%s", b);
	}
	db_done(st);
	return KK_OK;
}

int prefectures_cache(struct db *db)
{
	struct prefecture all[PREF_COUNT];
	if (prefectures_load(db, all) != KK_OK)
		return KK_ERR;
	prefectures_set(all);
	return KK_OK;
}
