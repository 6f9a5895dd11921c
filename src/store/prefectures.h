/* prefectures.h — the 47 prefectures and regional blocks (reference data,
 * loaded by migration 002). Read once at start into an immutable table. */
#ifndef KK_STORE_PREFECTURES_H
#define KK_STORE_PREFECTURES_H

#include "store/db.h"

#define PREF_COUNT          47
#define PREF_MAX_NEIGHBOURS 12

struct prefecture {
	char code[3];
	char name_ja[32], name_en[32];
	char block[16], block_ja[32], block_en[32];
	int tile_col, tile_row;
	int nneighbours;
	char neighbours[PREF_MAX_NEIGHBOURS][3];
};

/* Load all 47, ordered by code. Returns KK_OK when exactly 47 were read. */
int prefectures_load(struct db *db, struct prefecture out[PREF_COUNT]);

/* The table loaded by prefectures_cache(), or NULL before; and one by code. */
int prefectures_cache(struct db *db);
const struct prefecture *prefectures_all(void);
const struct prefecture *prefecture_by_code(const char *code);

#endif
