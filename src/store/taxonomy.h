/* taxonomy.h — skills (with levels 1-4), skill groups, expert roles and
 * backgrounds (reference data, migration 003). Read once at start into an
 * immutable table, like the prefectures. */
#ifndef KK_STORE_TAXONOMY_H
#define KK_STORE_TAXONOMY_H

#include "store/db.h"

#include <stdbool.h>

#define TAX_MAX_SKILLS 64
#define TAX_MAX_ITEMS  16

struct tax_item {
	char code[24];
	char name_ja[96], name_en[96];
};

struct tax_skill {
	char code[24], group[24];
	char name_ja[96], name_en[96];
	char level_ja[4][256], level_en[4][256];
};

struct taxonomy {
	int nskills, ngroups, nroles, nbackgrounds;
	struct tax_skill skills[TAX_MAX_SKILLS];
	struct tax_item groups[TAX_MAX_ITEMS], roles[TAX_MAX_ITEMS], backgrounds[TAX_MAX_ITEMS];
};

/* Read the taxonomy once, before serving. KK_OK or KK_ERR. */
int taxonomy_cache(struct db *db);
/* The table read by taxonomy_cache(), or NULL before. */
const struct taxonomy *taxonomy(void);

/* A skill, role, background or group by code, or NULL when unknown. */
const struct tax_skill *taxonomy_skill(const char *code);
const struct tax_item *taxonomy_role(const char *code);
const struct tax_item *taxonomy_background(const char *code);
const struct tax_item *taxonomy_group(const char *code);

#endif
