/* cmd_diff.c - polc diff OLD... -- NEW...: the decisions that change. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "diff.h"
#include "options.h"
#include "writer.h"

static bool load(struct compilation *c, struct model *m, int n, char **files,
		 struct diff_side *side)
{
	compilation_init(c);
	if (!compilation_load(c, n, files))
		return false;
	bool ok = compilation_model(c, m);
	/* only errors matter here; the policy's warnings are polc check's */
	if (!ok || c->diags.errors) {
		diags_print(&c->diags, stderr, DIAG_TEXT, "polc");
		return false;
	}
	side->c = c;
	side->m = m;
	interp_init(&side->in, &c->set, m);
	return true;
}

static const char *const section_names[] = {
	[CHANGE_NAME] = "names", [CHANGE_OFFICE] = "offices",
	[CHANGE_CONTACT] = "contact", [CHANGE_ACTIVITY] = "activities",
};

static void print_plain(struct writer *w, const struct vec *changes)
{
	for (int k = CHANGE_NAME; k <= CHANGE_ACTIVITY; k++) {
		bool header = false;
		for (size_t i = 0; i < changes->n; i++) {
			const struct change *c = changes->items[i];
			if ((int)c->kind != k)
				continue;
			if (!header)
				emit(w, "%s:\n", section_names[k]);
			header = true;
			if (c->kind == CHANGE_NAME && c->old_text && c->new_text)
				emit(w, "  %s %s -> %s\n", c->what, c->subject, c->new_text);
			else if (c->kind == CHANGE_NAME)
				emit(w, "  %s %s\n", c->what, c->subject);
			else
				emit(w, "  %s, %s: %s -> %s\n", c->subject, c->where,
				     c->old_text, c->new_text);
		}
	}
	if (changes->n)
		emit(w, "%zu change%s\n", changes->n, changes->n == 1 ? "" : "s");
	else
		emit(w, "no decision changes\n");
}

static void field(struct writer *w, const char *key, const char *value, bool *first)
{
	if (!value)
		return;
	emit(w, "%s\"%s\":", *first ? "" : ",", key);
	emit_json_string(w, value, strlen(value));
	*first = false;
}

static void print_json(struct writer *w, const struct vec *changes)
{
	static const char *const kinds[] = {
		[CHANGE_NAME] = "name", [CHANGE_OFFICE] = "office",
		[CHANGE_CONTACT] = "contact", [CHANGE_ACTIVITY] = "activity",
	};
	emit(w, "{\"changes\":[");
	for (size_t i = 0; i < changes->n; i++) {
		const struct change *c = changes->items[i];
		bool first = true;
		emit(w, "%s\n{", i ? "," : "");
		field(w, "kind", kinds[c->kind], &first);
		field(w, "change", c->what, &first);
		field(w, "subject", c->subject, &first);
		field(w, "provider", c->provider, &first);
		field(w, "office", c->office, &first);
		field(w, "day", c->day, &first);
		field(w, "activity", c->activity, &first);
		field(w, "area", c->area, &first);
		if (c->kind == CHANGE_ACTIVITY) {
			field(w, "from", c->from, &first);
			field(w, "to", c->to, &first);
		}
		if (c->kind == CHANGE_CONTACT)
			field(w, "cases", c->where, &first);
		field(w, "old", c->old_text, &first);
		field(w, "new", c->new_text, &first);
		emit(w, "}");
	}
	emit(w, "%s],\"count\":%zu}\n", changes->n ? "\n" : "", changes->n);
}

int cmd_diff(int argc, char **argv)
{
	struct options o;
	int rc = options_parse(argc, argv, OPT_JSON, true, &o);
	if (rc)
		return rc;
	struct compilation oc, nc;
	struct model om, nm;
	struct diff_side old_side, new_side;
	bool ok = load(&oc, &om, o.nfiles, o.files, &old_side);
	ok = load(&nc, &nm, o.nfiles2, o.files2, &new_side) && ok;
	if (!ok) {
		compilation_free(&oc);
		compilation_free(&nc);
		return 2;
	}
	struct vec changes = { 0 };
	struct writer out;
	writer_init(&out, stdout);
	if (!diff_policies(&old_side, &new_side, &changes)) {
		fputs("polc: the contact rules are too large to compare\n", stderr);
		rc = 2;
	} else {
		if (o.json)
			print_json(&out, &changes);
		else
			print_plain(&out, &changes);
		rc = command_stdout_done(&out, changes.n ? 1 : 0);
	}
	compilation_free(&oc);
	compilation_free(&nc);
	return rc;
}
