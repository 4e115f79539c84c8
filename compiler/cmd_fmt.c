/* cmd_fmt.c - polc fmt: write policy files in the canonical layout.
 *
 *   polc fmt FILE...           the formatted text on standard output
 *   polc fmt --check FILE...   list the files that are not formatted
 *   polc fmt -w FILE...        rewrite those files in place, atomically
 *
 * Each file is formatted on its own, so one file of a policy set can be
 * formatted without the others.  A file that does not parse is reported
 * and left alone.  Exit status: 0 done (or, with --check, every file
 * formatted), 1 a file did not parse (or, with --check, needs
 * formatting), 2 bad usage or I/O error.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "driver.h"
#include "fmt.h"
#include "replace.h"
#include "writer.h"

enum fmt_mode { FMT_PRINT, FMT_CHECK, FMT_WRITE };

/* Report bad usage; exit status 2. */
static int usage(const char *what, const char *arg)
{
	fprintf(stderr, "polc: %s%s\nTry 'polc --help' for more information.\n",
		what, arg);
	return 2;
}

/* write_file_atomic's producer: the formatted text. */
static bool produce(struct writer *w, void *arg)
{
	const struct strbuf *b = arg;
	writer_write(w, b->s, b->len);
	return !w->failed;
}

/* Replace path by the text (write_file_atomic keeps its permissions). */
static int rewrite(const char *path, struct strbuf *text)
{
	const char *why = NULL;
	if (!write_file_atomic(path, produce, text, &why)) {
		return command_write_failed(path, why);
	}
	return 0;
}

/* Format one file as the mode says, printing through out; the exit
 * status it deserves (a failure of out is the caller's to report). */
static int format_one(char *path, enum fmt_mode mode, struct writer *out)
{
	struct compilation c;
	compilation_init(&c);
	if (!compilation_load(&c, 1, &path)) {
		compilation_free(&c);
		return 2;
	}
	struct strbuf text;
	bool ok = fmt_file(&c, 0, &text);
	diags_print(&c.diags, stderr, DIAG_TEXT, "polc");
	int rc = ok ? 0 : 1;
	const struct source *src = c.sources.files[0];
	bool same = ok && text.len == src->len && memcmp(text.s, src->text, text.len) == 0;
	if (!ok) {
		/* reported above */
	} else if (mode == FMT_CHECK) {
		if (!same) {
			emit(out, "%s\n", path);
			rc = 1;
		}
	} else if (mode == FMT_WRITE && strcmp(path, "-") != 0) {
		if (!same)
			rc = rewrite(path, &text);
	} else {
		writer_write(out, text.s, text.len);
	}
	compilation_free(&c);
	return rc;
}

int cmd_fmt(int argc, char **argv)
{
	enum fmt_mode mode = FMT_PRINT;
	int nfiles = 0;
	bool files_only = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!files_only && strcmp(a, "--") == 0) {
			files_only = true;
		} else if (files_only || a[0] != '-' || a[1] == '\0') {
			argv[nfiles++] = argv[i];
		} else if (strcmp(a, "--check") == 0 || strcmp(a, "-w") == 0) {
			enum fmt_mode m = a[1] == 'w' ? FMT_WRITE : FMT_CHECK;
			if (mode != FMT_PRINT && mode != m)
				return usage("fmt takes --check or -w, not both", "");
			mode = m;
		} else {
			return usage("unknown option for fmt: ", a);
		}
	}
	if (nfiles == 0)
		return usage("no policy files given", "");
	int rc = 0;
	struct writer out;
	writer_init(&out, stdout);
	for (int i = 0; i < nfiles && !out.failed; i++) {
		int r = format_one(argv[i], mode, &out);
		if (r > rc)
			rc = r;
	}
	return command_stdout_done(&out, rc);
}
