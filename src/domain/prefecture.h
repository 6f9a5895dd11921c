/* prefecture.h — the 47 prefectures and their regional blocks, neighbours and
 * tile-map cells: an immutable table set once at start (store/prefectures.c
 * reads it from the database) and read by everyone after. No I/O. */
#ifndef KK_DOMAIN_PREFECTURE_H
#define KK_DOMAIN_PREFECTURE_H

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

/* Install the table (copied), ordered by code "01".."47". Call once, before any reader runs. */
void prefectures_set(const struct prefecture all[PREF_COUNT]);
/* The table installed by prefectures_set(), or NULL before. */
const struct prefecture *prefectures_all(void);
/* The prefecture with code "01".."47", or NULL (unknown code, or no table yet). */
const struct prefecture *prefecture_by_code(const char *code);

/* The index of the prefecture with code "01".."47" in prefectures_all(), or -1. */
int prefecture_index(const char *code);

/* How far target is from the nearest of prefs[0..n) (codes; unknown ones are skipped):
 * an enum match_distance (domain/match.h): the same prefecture, a neighbour, the same
 * regional block, or far. */
int prefecture_distance(const struct prefecture *target, const char *const *prefs, int n);

#endif
