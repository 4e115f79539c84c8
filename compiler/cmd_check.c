/* cmd_check.c - polc check: parse, check and model a policy set, and
 * report every problem found. */
#include "commands.h"
#include "driver.h"
#include "model.h"
#include "options.h"

int cmd_check(int argc, char **argv)
{
	struct options o;
	int rc = options_parse(argc, argv, OPT_WERROR | OPT_FORMAT, false, &o);
	if (rc)
		return rc;
	struct compilation c;
	compilation_init(&c);
	c.diags.werror = o.werror;
	if (!compilation_load(&c, o.nfiles, o.files)) {
		compilation_free(&c);
		return 2;
	}
	struct model m;
	compilation_model(&c, &m);
	/* text for people on stderr; JSON and SARIF for tools on stdout */
	diags_print(&c.diags, o.format == DIAG_TEXT ? stderr : stdout, o.format, "polc");
	rc = diags_failures(&c.diags) ? 1 : 0;
	compilation_free(&c);
	return rc;
}
