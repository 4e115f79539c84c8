/* cmd_check.c - polc check: parse, check and model a policy set, and
 * report every problem found. */
#include "commands.h"
#include "driver.h"
#include "model.h"
#include "options.h"

int cmd_check(int argc, char **argv)
{
	struct options o;
	int rc = options_parse(argc, argv, OPT_TODAY | OPT_WERROR | OPT_FORMAT, false, &o);
	if (rc)
		return rc;
	struct compilation c;
	struct model m;
	rc = compilation_open(&c, &o, &m);
	if (rc == 0)
		compilation_free(&c);
	return rc;
}
