/* options.c - parsing polc's command-line options. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pol/runtime.h"

/* "polc: BEFORE'ARG'AFTER" and the hint; exit status 2. */
static int usage_error(const char *before, const char *arg, const char *after)
{
	fprintf(stderr, "polc: %s'%s'%s\nTry 'polc --help' for more information.\n",
		before, arg, after);
	return 2;
}

/* Today from SOURCE_DATE_EPOCH (reproducible builds' convention), when
 * it is set: 0, or -1 when it is not a plain count of seconds. */
static int today_from_epoch(int32_t *today)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e)
		return 0;
	if (!*e || strlen(e) > 12 || strspn(e, "0123456789") != strlen(e))
		return -1;
	long long secs = strtoll(e, NULL, 10);
	*today = (int32_t)(secs / 86400);
	return 0;
}

/* The value of "--opt VALUE" or "--opt=VALUE". */
static const char *value_of(int argc, char **argv, int *i, const char *opt)
{
	const char *a = argv[*i];
	size_t n = strlen(opt);
	if (a[n] == '=')
		return a + n + 1;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static bool is_option(const char *a, const char *opt)
{
	size_t n = strlen(opt);
	return strncmp(a, opt, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

int options_parse(int argc, char **argv, unsigned allowed, bool split,
		  struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->format = DIAG_TEXT;
	o->today = POL_NO_DATE;
	/* files are collected in place over argv, which they never outrun */
	o->files = argv;
	bool files_only = false, second = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0 && !files_only) {
			if (split && !second) {
				second = true;
				o->files2 = argv + i + 1;
				continue;
			}
			files_only = true;
			continue;
		}
		if (files_only || a[0] != '-' || a[1] == '\0') {
			if (second)
				o->files2[o->nfiles2++] = argv[i];
			else
				o->files[o->nfiles++] = argv[i];
			continue;
		}
		const char *v;
		if ((allowed & OPT_WERROR) && strcmp(a, "-Werror") == 0) {
			o->werror = true;
		} else if ((allowed & OPT_COVERAGE) && strcmp(a, "--coverage") == 0) {
			o->coverage = true;
		} else if ((allowed & OPT_JSON) && strcmp(a, "--json") == 0) {
			o->json = true;
		} else if ((allowed & OPT_OUTPUT) && strncmp(a, "-o", 2) == 0) {
			v = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v || !*v)
				return usage_error("option ", "-o", " needs a file name");
			o->output = v;
		} else if ((allowed & OPT_HEADER) && is_option(a, "--header")) {
			if (!(v = value_of(argc, argv, &i, "--header")) || !*v)
				return usage_error("option ", "--header", " needs a file name");
			o->header = v;
		} else if ((allowed & OPT_SYMBOL) && is_option(a, "--symbol")) {
			if (!(v = value_of(argc, argv, &i, "--symbol")) || !*v)
				return usage_error("option ", "--symbol", " needs a C identifier");
			o->symbol = v;
		} else if ((allowed & OPT_NAME) && is_option(a, "--name")) {
			if (!(v = value_of(argc, argv, &i, "--name")))
				return usage_error("option ", "--name", " needs a value");
			o->name = v;
		} else if ((allowed & OPT_STRATEGY) && is_option(a, "--strategy")) {
			v = value_of(argc, argv, &i, "--strategy");
			if (!v || (strcmp(v, "auto") && strcmp(v, "lookup") && strcmp(v, "cubes")))
				return usage_error("strategy ", v ? v : "",
						   " is not auto, lookup or cubes");
			o->strategy = v;
		} else if ((allowed & OPT_TODAY) && is_option(a, "--today")) {
			v = value_of(argc, argv, &i, "--today");
			if (!v || pol_date_parse(v, strlen(v), &o->today) != 0)
				return usage_error("--today ", v ? v : "",
						   " is not a date (YYYY-MM-DD)");
		} else if ((allowed & OPT_FORMAT) && is_option(a, "--diagnostics-format")) {
			v = value_of(argc, argv, &i, "--diagnostics-format");
			if (v && strcmp(v, "text") == 0)
				o->format = DIAG_TEXT;
			else if (v && strcmp(v, "json") == 0)
				o->format = DIAG_JSON;
			else if (v && strcmp(v, "sarif") == 0)
				o->format = DIAG_SARIF;
			else
				return usage_error("diagnostics format ", v ? v : "",
						   " is not text, json or sarif");
		} else {
			return usage_error("unknown option ", a, " for this command");
		}
	}
	if ((allowed & OPT_TODAY) && o->today == POL_NO_DATE &&
	    today_from_epoch(&o->today) != 0)
		return usage_error("SOURCE_DATE_EPOCH ", getenv("SOURCE_DATE_EPOCH"),
				   " is not a number of seconds since 1970-01-01");
	if (o->nfiles == 0) {
		fputs("polc: no policy files given\n"
		      "Try 'polc --help' for more information.\n", stderr);
		return 2;
	}
	if (split && (!second || o->nfiles2 == 0)) {
		fputs("polc: give the old files, then --, then the new files\n"
		      "Try 'polc --help' for more information.\n", stderr);
		return 2;
	}
	return 0;
}
