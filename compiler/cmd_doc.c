/* cmd_doc.c - polc doc FILE... -o OUT.html|OUT.md: the policy set as a
 * page to publish (see doc.h).  The page's kind follows the extension of
 * OUT: .md or .markdown for Markdown, .html or .htm (or '-', standard
 * output) for HTML.  The policy must check clean; the page is written
 * atomically.  Exit status: 0 written, 1 errors in the policy, 2 bad
 * usage or I/O error.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "driver.h"
#include "doc.h"
#include "options.h"
#include "outputs.h"
#include "replace.h"

/* Does s end with tail (any case)? */
static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcasecmp(s + n - k, tail) == 0;
}

/* write_file_atomic's producers: the page in each format. */
static bool produce_html(struct writer *w, void *arg)
{
	return doc_write_html(w, arg);
}

static bool produce_markdown(struct writer *w, void *arg)
{
	return doc_write_markdown(w, arg);
}

int cmd_doc(int argc, char **argv)
{
	struct options o;
	int rc = options_parse(argc, argv, OPT_TODAY | OPT_WERROR | OPT_OUTPUT | OPT_NAME, false, &o);
	if (rc)
		return rc;
	if (!o.output) {
		fputs("polc: doc needs -o OUT.html or -o OUT.md\n"
		      "Try 'polc --help' for more information.\n", stderr);
		return 2;
	}
	writer_produce produce;
	if (ends_with(o.output, ".md") || ends_with(o.output, ".markdown")) {
		produce = produce_markdown;
	} else if (ends_with(o.output, ".html") || ends_with(o.output, ".htm") ||
		   strcmp(o.output, "-") == 0) {
		produce = produce_html;
	} else {
		fprintf(stderr, "polc: doc writes .html or .md; cannot tell which from '%s'\n"
			"Try 'polc --help' for more information.\n", o.output);
		return 2;
	}
	const struct named_output names[] = { { o.output, "-o" } };
	rc = outputs_check(names, 1, o.files, o.nfiles);
	if (rc)
		return rc;
	struct compilation c;
	struct model m;
	rc = compilation_open(&c, &o, &m);
	if (rc)
		return rc;
	struct doc d;
	memset(&d, 0, sizeof(d));
	doc_prepare(&d, &c, &m);
	d.title = o.name && *o.name ? o.name : "Delivery plan";
	d.nfiles = o.nfiles;
	d.files = o.files;
	const char *why = NULL;
	rc = 0;
	if (!write_file_atomic(o.output, produce, &d, &why)) {
		rc = command_write_failed(o.output, why);
	}
	compilation_free(&c);
	return rc;
}
