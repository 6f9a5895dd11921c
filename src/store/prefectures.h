/* prefectures.h — the 47 prefectures and regional blocks (reference data,
 * loaded by migration 002), read once at start into domain/prefecture.h. */
#ifndef KK_STORE_PREFECTURES_H
#define KK_STORE_PREFECTURES_H

#include "store/db.h"

#include "domain/prefecture.h"

/* Load all 47, ordered by code. Returns KK_OK when exactly 47 were read. */
int prefectures_load(struct db *db, struct prefecture out[PREF_COUNT]);

/* Load the table and install it with prefectures_set() (domain/prefecture.h). KK_OK or KK_ERR. */
int prefectures_cache(struct db *db);

#endif
