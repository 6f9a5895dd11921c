#include "store/taxonomy.h"

#include <stdio.h>
#include <string.h>
#include "sql/taxonomy.h"

static struct taxonomy tax;
static bool cached;

static int items(struct db *db, const char *sql, struct tax_item *out, int *n)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return KK_ERR;
	*n = 0;
	while (*n < TAX_MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW) {
		struct tax_item *it = &out[(*n)++];
		snprintf(it->code, sizeof it->code, "%s", db_text(st, 0));
		snprintf(it->name_ja, sizeof it->name_ja, "%s", db_text(st, 1));
		snprintf(it->name_en, sizeof it->name_en, "%s", db_text(st, 2));
	}
	db_done(st);
	return KK_OK;
}

int taxonomy_cache(struct db *db)
{
	memset(&tax, 0, sizeof tax);
	if (items(db, SQL_GROUPS, tax.groups, &tax.ngroups) < 0 ||
	    items(db, SQL_ROLES, tax.roles, &tax.nroles) < 0 ||
	    items(db, SQL_BACKGROUNDS, tax.backgrounds, &tax.nbackgrounds) < 0)
		return KK_ERR;
	sqlite3_stmt *st = db_stmt(db, SQL_SKILLS);
	if (!st)
		return KK_ERR;
	while (tax.nskills < TAX_MAX_SKILLS && sqlite3_step(st) == SQLITE_ROW) {
		struct tax_skill *s = &tax.skills[tax.nskills++];
		snprintf(s->code, sizeof s->code, "%s", db_text(st, 0));
		snprintf(s->group, sizeof s->group, "%s", db_text(st, 1));
		snprintf(s->name_ja, sizeof s->name_ja, "%s", db_text(st, 2));
		snprintf(s->name_en, sizeof s->name_en, "%s", db_text(st, 3));
	}
	db_done(st);
	st = db_stmt(db, SQL_LEVELS);
	if (!st)
		return KK_ERR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tax_skill *s = (struct tax_skill *)taxonomy_skill(db_text(st, 0));
		int level = sqlite3_column_int(st, 1);
		if (!s || level < 1 || level > 4)
			continue;
		snprintf(s->level_ja[level - 1], sizeof s->level_ja[0], "%s", db_text(st, 2));
		snprintf(s->level_en[level - 1], sizeof s->level_en[0], "%s", db_text(st, 3));
	}
	db_done(st);
	cached = tax.nskills > 0 && tax.nroles > 0 && tax.nbackgrounds > 0;
	return cached ? KK_OK : KK_ERR;
}

const struct taxonomy *taxonomy(void)
{
	return cached ? &tax : NULL;
}

const struct tax_skill *taxonomy_skill(const char *code)
{
	for (int i = 0; code && i < tax.nskills; i++)
		if (strcmp(tax.skills[i].code, code) == 0)
			return &tax.skills[i];
	return NULL;
}

static const struct tax_item *find(const struct tax_item *items_, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(items_[i].code, code) == 0)
			return &items_[i];
	return NULL;
}

const struct tax_item *taxonomy_role(const char *code)
{
	return find(tax.roles, tax.nroles, code);
}

const struct tax_item *taxonomy_background(const char *code)
{
	return find(tax.backgrounds, tax.nbackgrounds, code);
}

const struct tax_item *taxonomy_group(const char *code)
{
	return find(tax.groups, tax.ngroups, code);
}
