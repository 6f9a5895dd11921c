#include "domain/expert.h"

#include <string.h>

const char *const vis_field_names[VF__MAX] = {
    [VF_MODES] = "modes",
    [VF_HOURS] = "hours_per_week",
    [VF_ON_CALL] = "on_call",
    [VF_LANGUAGES] = "languages",
    [VF_BIO] = "bio",
    [VF_EMPLOYER] = "employer",
    [VF_EMPLOYER_SUPPORTS] = "employer_supports",
    [VF_BACKGROUND] = "background",
    [VF_CONFLICTS] = "conflicts",
    [VF_ETHICS] = "ethics_accepted",
    [VF_MODULES] = "modules",
};

const char *const vis_level_names[4] = {"public", "users", "desks", "private"};

int vis_field_from_name(const char *name)
{
	for (int i = 0; name && i < VF__MAX; i++)
		if (strcmp(vis_field_names[i], name) == 0)
			return i;
	return -1;
}

int vis_level_from_name(const char *name)
{
	for (int i = 0; name && i < 4; i++)
		if (strcmp(vis_level_names[i], name) == 0)
			return i;
	return -1;
}

bool vis_allowed(enum vis_field f, int level)
{
	if (level < VIS_PUBLIC || level > VIS_PRIVATE)
		return false;
	return f != VF_CONFLICTS || level <= VIS_USERS;
}

int vis_caller_level(bool logged_in, bool desk_or_admin, bool owner)
{
	if (owner)
		return VIS_PRIVATE;
	if (desk_or_admin)
		return VIS_DESKS;
	return logged_in ? VIS_USERS : VIS_PUBLIC;
}

void expert_default_visibility(int vis[VF__MAX])
{
	static const int defaults[VF__MAX] = {
	    [VF_MODES] = VIS_PUBLIC,
	    [VF_HOURS] = VIS_USERS,
	    [VF_ON_CALL] = VIS_PUBLIC,
	    [VF_LANGUAGES] = VIS_PUBLIC,
	    [VF_BIO] = VIS_PUBLIC,
	    [VF_EMPLOYER] = VIS_DESKS,
	    [VF_EMPLOYER_SUPPORTS] = VIS_DESKS,
	    [VF_BACKGROUND] = VIS_USERS,
	    [VF_CONFLICTS] = VIS_PUBLIC,
	    [VF_ETHICS] = VIS_PUBLIC,
	    [VF_MODULES] = VIS_PUBLIC,
	};
	memcpy(vis, defaults, sizeof defaults);
}

int cpd_points(const char *kind, int hours_tenths)
{
	if (!kind || hours_tenths < 0)
		return -1;
	if (strcmp(kind, "training") == 0 || strcmp(kind, "event") == 0 ||
	    strcmp(kind, "exercise") == 0)
		return hours_tenths / 10;
	if (strcmp(kind, "teaching") == 0)
		return hours_tenths * 2 / 10;
	return -1;
}
