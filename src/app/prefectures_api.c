/* prefectures_api.c — GET /api/v1/prefectures: the reference table. It never
 * changes while serving, so its JSON is made once. */
#include "app/handlers.h"
#include "store/prefectures.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char *cached_json;

static void build(void)
{
	const struct prefecture *all = prefectures_all();
	json_t *arr = json_array();
	for (int i = 0; all && i < PREF_COUNT; i++) {
		json_t *nb = json_array();
		for (int k = 0; k < all[i].nneighbours; k++)
			json_array_append_new(nb, json_string(all[i].neighbours[k]));
		json_array_append_new(
		    arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:{s:i,s:i}}", "code", all[i].code,
		                   "name_ja", all[i].name_ja, "name_en", all[i].name_en, "block",
		                   all[i].block, "block_ja", all[i].block_ja, "block_en",
		                   all[i].block_en, "neighbours", nb, "tile", "col",
		                   all[i].tile_col, "row", all[i].tile_row));
	}
	cached_json = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
}

void api_prefectures(struct req *r)
{
	pthread_once(&once, build);
	if (!cached_json) {
		reply_error(r, 500, "internal");
		return;
	}
	req_add_header(r, "Cache-Control", "public, max-age=3600");
	reply_text(r, 200, "application/json", cached_json, strlen(cached_json));
}
