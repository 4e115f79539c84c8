/* names.c - ids and names of a compiled policy. */
#include <string.h>

#include "pol/runtime.h"

int pol_check_abi(const struct pol_policy *p)
{
	return p && p->abi_version == POL_ABI_VERSION ? 0 : POL_EINVAL;
}

uint32_t pol_count(const struct pol_policy *p, enum pol_kind kind)
{
	switch (kind) {
	case POL_KIND_PROVIDER: return p->n_providers;
	case POL_KIND_AREA: return p->n_areas;
	case POL_KIND_OFFICE: return p->n_offices;
	case POL_KIND_ATTRIBUTE: return p->n_attributes;
	case POL_KIND_MODE: return p->n_modes;
	case POL_KIND_CONDITION: return p->n_conditions;
	case POL_KIND_ACTIVITY: return p->n_activities;
	case POL_KIND_STEP: return p->n_steps;
	case POL_KIND_COUNT: break;
	}
	return 0;
}

/* name and title of one id, through the table of its kind */
static const char *field(const struct pol_policy *p, enum pol_kind kind,
			 uint32_t id, int want_title)
{
	if (id >= pol_count(p, kind))
		return NULL;
	switch (kind) {
	case POL_KIND_PROVIDER:
		return want_title ? p->providers[id].title : p->providers[id].name;
	case POL_KIND_AREA:
		return want_title ? p->areas[id].title : p->areas[id].name;
	case POL_KIND_OFFICE:
		return want_title ? p->offices[id].title : p->offices[id].name;
	case POL_KIND_ATTRIBUTE:
		return want_title ? p->attributes[id].title : p->attributes[id].name;
	case POL_KIND_MODE:
		return want_title ? p->modes[id].title : p->modes[id].name;
	case POL_KIND_CONDITION:
		return want_title ? p->conditions[id].title : p->conditions[id].name;
	case POL_KIND_ACTIVITY:
		return want_title ? p->activities[id].title : p->activities[id].name;
	case POL_KIND_STEP:
		return want_title ? p->steps[id].title : p->steps[id].name;
	case POL_KIND_COUNT:
		break;
	}
	return NULL;
}

const char *pol_name_of(const struct pol_policy *p, enum pol_kind kind,
			uint32_t id)
{
	return field(p, kind, id, 0);
}

const char *pol_title_of(const struct pol_policy *p, enum pol_kind kind,
			 uint32_t id)
{
	return field(p, kind, id, 1);
}

int32_t pol_lookup(const struct pol_policy *p, enum pol_kind kind,
		   const char *name, size_t len)
{
	if (!name)
		return -1;
	uint32_t n = pol_count(p, kind);
	/* lengths first: name may hold a NUL, and strncmp would stop there
	 * and let s[len] run past the end of a shorter s */
	for (uint32_t i = 0; i < n; i++) {
		const char *s = field(p, kind, i, 0);
		if (strlen(s) == len && memcmp(s, name, len) == 0)
			return (int32_t)i;
	}
	return -1;
}
