/* emit_c.c - the C back end: a model to `static const` tables.
 *
 * The output is one .c file of constant arrays and one object of type
 * struct pol_policy pointing at them, plus a header declaring that object
 * and an enum of ids per kind of name.  Nothing runs at start-up.  The
 * output depends only on the policy and the options: the same input gives
 * the same bytes.
 *
 * Strings from the policy are written with emit_c_string(), which escapes
 * every byte that could mean something to C.  A string longer than the
 * 4095 characters C11 promises in one literal becomes a char array of its
 * own, declared before the tables; to know which, the tables are produced
 * twice: once into a sink to collect such strings, once for real; the
 * first pass is skipped when no file could hold such a string.
 *
 * Output goes through a buffer of the emitter's own, with numbers and
 * plain strings written without printf: a policy of a million lines
 * gives some 200 MB of C, and formatting dominated the compile.  The
 * bytes are those emit() and emit_c_string() would write.
 */
#include "emit_c.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "strbuf.h"
#include "version.h"

#define LONG_STRING 4000
#define OUT_BUFSIZE (64 * 1024)

struct emitter {
	struct writer *w;
	const struct model *m;
	const struct source_set *sources;
	const struct emit_options *o;
	bool collecting;
	bool collected;		/* the first pass ran */
	bool missed_long;	/* a long string met when it was skipped */
	struct vec long_strings;	/* struct text * */
	size_t next_long;
	/* cites and notes, in the order sources are met */
	struct vec cites;		/* struct text * */
	struct vec cite_files;		/* uint32_t file index, boxed */
	struct vec cite_lines;		/* unsigned line, boxed */
	struct vec notes;		/* struct text * */
	/* annots already recorded: an entry inherited by several areas is
	 * written once per area but its quotations only once */
	struct seen_source *seen;
	size_t seen_cap, seen_n;
	/* sizes of the arrays written, for the policy object */
	size_t n_values, n_dates, n_cell_schedules, n_cubes, n_match_rules, n_clauses;
	/* intervals numbered so far, and written in all; date lines */
	size_t n_intervals, n_interval_rows, n_date_hours;
	size_t n_entries, n_entry_conditions;
	/* output not yet handed to the writer */
	char *buf;
	size_t bn;
	/* the line found last, to start the next search there */
	uint32_t last_file;
	size_t last_line;
};

struct seen_source {
	const struct annots *key;
	size_t first_cite, first_note;
};

/* ---- output ------------------------------------------------------------ */

static void out_flush(struct emitter *e)
{
	writer_write(e->w, e->buf, e->bn);
	e->bn = 0;
}

static void out_big(struct emitter *e, const char *s, size_t n)
{
	if (!e->w->f || e->w->failed)
		return;
	out_flush(e);
	if (n > OUT_BUFSIZE) {
		writer_write(e->w, s, n);
		return;
	}
	memcpy(e->buf, s, n);
	e->bn = n;
}

/* In the buffer when there is room; a sink (no FILE) takes nothing. */
static inline void out_raw(struct emitter *e, const char *s, size_t n)
{
	if (e->w->f && n <= OUT_BUFSIZE - e->bn) {
		memcpy(e->buf + e->bn, s, n);
		e->bn += n;
	} else {
		out_big(e, s, n);
	}
}

/* A string literal: its length is known. */
#define lit(e, s) out_raw((e), (s), strlen(s))

/* As printf's %zu, %u: decimal digits. */
static void unum(struct emitter *e, uint64_t v)
{
	if (!e->w->f)
		return;
	char d[24], *p = d + sizeof(d);
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_raw(e, p, (size_t)(d + sizeof(d) - p));
}

/* As printf's %d, %ld. */
static void snum(struct emitter *e, int64_t v)
{
	if (v < 0) {
		out_raw(e, "-", 1);
		unum(e, (uint64_t)0 - (uint64_t)v);
	} else {
		unum(e, (uint64_t)v);
	}
}

/* As printf's 0x%02x, for a byte. */
static void hex_byte(struct emitter *e, unsigned v)
{
	static const char digits[] = "0123456789abcdef";
	char d[4] = { '0', 'x', digits[(v >> 4) & 15], digits[v & 15] };
	out_raw(e, d, 4);
}

static void outf(struct emitter *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void outf(struct emitter *e, const char *fmt, ...)
{
	if (!e->w->f || e->w->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(e->buf + e->bn, OUT_BUFSIZE - e->bn, fmt, ap);
	va_end(ap);
	if (n < 0) {
		writer_fail(e->w, errno);
		return;
	}
	if ((size_t)n < OUT_BUFSIZE - e->bn) {
		e->bn += (size_t)n;
		return;
	}
	/* did not fit: again, into memory of its own */
	char *big = malloc((size_t)n + 1);
	if (!big)
		fatal_oom();
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	out_raw(e, big, (size_t)n);
	free(big);
}

/* emit_c_string(), with the common case of nothing to escape in one go. */
static void c_string(struct emitter *e, const char *s, size_t len)
{
	if (!e->w->f)
		return;
	bool plain = s != NULL;
	for (size_t i = 0; plain && i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?';
	}
	if (!plain) {
		out_flush(e);
		emit_c_string(e->w, s, len);
		return;
	}
	out_raw(e, "\"", 1);
	out_raw(e, s, len);
	out_raw(e, "\"", 1);
}

/* emit_comment_text(), into the buffer. */
static void comment_text(struct emitter *e, const char *s)
{
	for (const char *p = s; *p;) {
		char out[COMMENT_STEP_MAX];
		size_t len;
		p += comment_text_step(p, out, &len);
		out_raw(e, out, len);
	}
}

/* The slot for an annots in the open-addressing table (grown by caller). */
static struct seen_source *seen_slot(struct emitter *e, const struct annots *an)
{
	size_t mask = e->seen_cap - 1;
	/* the high half of the product: the low bits of arena addresses
	 * repeat with the size of what holds them */
	uint64_t h = (uint64_t)(uintptr_t)an * 0x9E3779B97F4A7C15ull;
	h ^= h >> 32;
	for (size_t i = h & mask;; i = (i + 1) & mask)
		if (!e->seen[i].key || e->seen[i].key == an)
			return &e->seen[i];
}

static struct seen_source *seen_find(struct emitter *e, const struct annots *an)
{
	if ((e->seen_n + 1) * 2 > e->seen_cap) {
		struct seen_source *old = e->seen;
		size_t old_cap = e->seen_cap;
		e->seen_cap = old_cap ? old_cap * 2 : 256;
		e->seen = ARENA_ARRAY(e->m->arena, struct seen_source, e->seen_cap);
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].key)
				*seen_slot(e, old[i].key) = old[i];
	}
	return seen_slot(e, an);
}

static void text(struct emitter *e, const char *s, size_t len)
{
	if (!s || len <= LONG_STRING) {
		c_string(e, s, len);
		return;
	}
	if (!e->collecting && !e->collected) {
		e->missed_long = true;	/* cannot happen: see long_strings_possible() */
		return;
	}
	if (e->collecting) {
		struct text *t = ARENA_NEW(e->m->arena, struct text);
		t->s = s;
		t->len = len;
		vec_push(e->m->arena, &e->long_strings, t);
		return;
	}
	outf(e, "%s_text%zu", e->o->symbol, e->next_long++);
}

/* A source file's name, written once as an array of its own (see
 * file_names) and named wherever a rule's position is given: a million
 * rules name their file a million times. */
static void file_ref(struct emitter *e, uint32_t file)
{
	outf(e, "file%u", (unsigned)file);
}

static void str(struct emitter *e, const char *s)
{
	text(e, s, s ? strlen(s) : 0);
}

static void title(struct emitter *e, const struct text *t)
{
	if (t)
		text(e, t->s, t->len);
	else
		lit(e, "NULL");
}

static void index_comment(struct emitter *e, size_t i, const char *name)
{
	outf(e, "\t/* %zu", i);
	if (name) {
		lit(e, " ");
		comment_text(e, name);
	}
	lit(e, " */\n");
}

/* The line of a location, as source_line_col() gives it, without the
 * column.  Tables are written mostly in source order, so the search
 * starts at the line found last. */
static unsigned line_of(struct emitter *e, struct pol_loc loc)
{
	const struct source *s = e->sources->files[loc.file];
	const uint32_t *starts = s->line_starts;
	size_t lo = 0, hi = s->nlines;
	if (loc.file == e->last_file && e->last_line < s->nlines &&
	    starts[e->last_line] <= loc.start) {
		/* the same line or one of the next few? */
		size_t i = e->last_line;
		for (int k = 0; k < 8 && i + 1 < s->nlines && starts[i + 1] <= loc.start; k++)
			i++;
		if (i + 1 == s->nlines || starts[i + 1] > loc.start) {
			e->last_line = i;
			return (unsigned)i + 1;
		}
		lo = i;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (starts[mid] <= loc.start)
			lo = mid;
		else
			hi = mid;
	}
	e->last_file = loc.file;
	e->last_line = lo;
	return (unsigned)lo + 1;
}

/* Record the cites and notes of something written and emit its
 * struct pol_source initializer. */
static void source(struct emitter *e, const struct annots *an, struct pol_loc loc)
{
	size_t first_cite = e->cites.n, first_note = e->notes.n;
	size_t n_cites = an ? an->cites.n : 0, n_notes = an ? an->notes.n : 0;
	struct seen_source *seen = an ? seen_find(e, an) : NULL;
	if (seen && seen->key) {
		first_cite = seen->first_cite;
		first_note = seen->first_note;
	} else if (an) {
		for (size_t i = 0; i < an->cites.n; i++) {
			const struct text *t = an->cites.items[i];
			vec_push(e->m->arena, &e->cites, (void *)t);
			vec_push(e->m->arena, &e->cite_files, (void *)(uintptr_t)t->loc.file);
			/* lines are only written on the second pass */
			vec_push(e->m->arena, &e->cite_lines,
				 (void *)(uintptr_t)(e->collecting ? 0 : line_of(e, t->loc)));
		}
		for (size_t i = 0; i < an->notes.n; i++)
			vec_push(e->m->arena, &e->notes, an->notes.items[i]);
		seen->key = an;
		seen->first_cite = first_cite;
		seen->first_note = first_note;
		e->seen_n++;
	}
	if (e->collecting)
		return;
	lit(e, "{ ");
	unum(e, first_cite);
	lit(e, ", ");
	unum(e, n_cites);
	lit(e, ", ");
	unum(e, first_note);
	lit(e, ", ");
	unum(e, n_notes);
	lit(e, ", ");
	file_ref(e, loc.file);
	lit(e, ", ");
	unum(e, line_of(e, loc));
	lit(e, " }");
}

/* "static const TYPE NAME[N] = {" or nothing when there are no rows: C
 * has no empty arrays, and the policy object then holds NULL. */
static bool open_array(struct emitter *e, const char *type, const char *name,
		       size_t n)
{
	if (n == 0)
		return false;
	outf(e, "\nstatic const %s %s[%zu] = {\n", type, name, n);
	return true;
}

static void close_array(struct emitter *e)
{
	lit(e, "};\n");
}

static void names(struct emitter *e, const char *array, const struct vec *decls)
{
	if (!open_array(e, "struct pol_name", array, decls->n))
		return;
	for (size_t i = 0; i < decls->n; i++) {
		const struct decl *d = decls->items[i];
		if (i % 8 == 0)
			index_comment(e, i, NULL);
		lit(e, "\t{ ");
		str(e, d->name.text);
		lit(e, ", ");
		title(e, d->title);
		lit(e, " },\n");
	}
	close_array(e);
}

static void areas_and_offices(struct emitter *e)
{
	const struct model *m = e->m;
	if (open_array(e, "struct pol_area", "areas", m->n_areas)) {
		for (size_t i = 0; i < m->n_areas; i++) {
			lit(e, "\t{ ");
			str(e, m->areas[i]->name.text);
			lit(e, ", ");
			title(e, m->areas[i]->title);
			outf(e, ", %d },\n", (int)m->area_parent[i]);
		}
		close_array(e);
	}
	const struct vec *offices = &m->set->decls[DECL_OFFICE];
	if (open_array(e, "struct pol_office", "offices", offices->n)) {
		for (size_t i = 0; i < offices->n; i++) {
			const struct decl *o = offices->items[i];
			lit(e, "\t{ ");
			str(e, o->name.text);
			lit(e, ", ");
			title(e, o->title);
			lit(e, ", ");
			snum(e, model_area_id(m, o->parent_decl));
			lit(e, " },\n");
		}
		close_array(e);
	}
}

static void attributes(struct emitter *e)
{
	const struct model *m = e->m;
	size_t n_values = 0;
	if (open_array(e, "struct pol_attribute", "attributes", m->n_attrs)) {
		for (size_t i = 0; i < m->n_attrs; i++) {
			const struct model_attr *a = &m->attrs[i];
			static const char *const kinds[] = { "POL_FLAG", "POL_LEVEL", "POL_RANGE" };
			lit(e, "\t{ ");
			str(e, a->decl->name.text);
			lit(e, ", ");
			title(e, a->decl->title);
			outf(e, ", %s, %u, %u, %u, %lld, %zu },\n", kinds[a->kind],
			     a->shift, a->width, a->size, (long long)a->lo,
			     a->kind == POL_LEVEL ? n_values : 0);
			if (a->kind == POL_LEVEL)
				n_values += a->size;
		}
		close_array(e);
	}
	e->n_values = n_values;
	if (open_array(e, "char *const", "values", n_values)) {
		for (size_t i = 0; i < m->n_attrs; i++) {
			const struct model_attr *a = &m->attrs[i];
			if (a->kind != POL_LEVEL)
				continue;
			for (size_t j = 0; j < a->size; j++) {
				lit(e, "\t");
				str(e, ((struct name *)a->decl->values.items[j])->text);
				lit(e, ",\n");
			}
		}
		close_array(e);
	}
}

static void steps(struct emitter *e)
{
	const struct vec *steps = &e->m->set->decls[DECL_STEP];
	size_t n_dates = 0;
	if (open_array(e, "struct pol_step", "steps", steps->n)) {
		for (size_t i = 0; i < steps->n; i++) {
			const struct decl *s = steps->items[i];
			const struct date_lit *first = s->dates.items[0];
			lit(e, "\t{ ");
			str(e, s->name.text);
			lit(e, ", ");
			title(e, s->title);
			outf(e, ", %ld, %zu, %zu, ", (long)first->days, n_dates, s->dates.n);
			source(e, &s->annots, s->loc);
			lit(e, " },\n");
			n_dates += s->dates.n;
		}
		close_array(e);
	}
	e->n_dates = n_dates;
	if (open_array(e, "int32_t", "step_dates", n_dates)) {
		for (size_t i = 0; i < steps->n; i++) {
			const struct decl *s = steps->items[i];
			for (size_t j = 0; j < s->dates.n; j++)
				outf(e, "\t%ld,\n",
				     (long)((struct date_lit *)s->dates.items[j])->days);
		}
		close_array(e);
	}
}

/* A day number, or the words for an open end. */
static void day_num(struct emitter *e, int32_t days)
{
	if (days == POL_NO_DATE)
		lit(e, "POL_NO_DATE");
	else if (days == POL_NO_END)
		lit(e, "POL_NO_END");
	else
		snum(e, days);
}

/* "{ FIRST, COUNT }" of a day's hours, numbered as intervals() writes
 * them: every open weekday of every schedule, then every date line. */
static void hours_ref(struct emitter *e, const struct hours *h)
{
	unsigned n = h && h->present ? h->n : 0;
	lit(e, "{ ");
	unum(e, n ? e->n_intervals : 0);
	lit(e, ", ");
	unum(e, n);
	lit(e, " }");
	e->n_intervals += n;
}

static void interval_rows(struct emitter *e, const struct hours *h)
{
	for (unsigned k = 0; h && h->present && k < h->n; k++) {
		lit(e, "\t{ ");
		snum(e, h->open[k].hour * 60 + h->open[k].minute);
		lit(e, ", ");
		snum(e, h->close[k].hour * 60 + h->close[k].minute);
		lit(e, " },\n");
	}
}

/* The intervals array, in the order hours_ref numbers them. */
static void intervals(struct emitter *e)
{
	const struct model *m = e->m;
	size_t n = 0;
	for (size_t i = 0; i < m->schedules.n; i++) {
		const struct model_schedule *s = m->schedules.items[i];
		for (int d = 0; d < 7; d++)
			if ((s->days >> d) & 1u && s->week[d])
				n += s->week[d]->n;
		for (size_t k = 0; k < s->ast->on_dates.n; k++) {
			const struct date_clause *dc = s->ast->on_dates.items[k];
			if (dc->open && dc->hours.present)
				n += dc->hours.n;
		}
	}
	e->n_interval_rows = n;
	if (!open_array(e, "struct pol_interval", "intervals", n))
		return;
	for (size_t i = 0; i < m->schedules.n; i++) {
		const struct model_schedule *s = m->schedules.items[i];
		for (int d = 0; d < 7; d++)
			if ((s->days >> d) & 1u)
				interval_rows(e, s->week[d]);
	}
	for (size_t i = 0; i < m->schedules.n; i++) {
		const struct model_schedule *s = m->schedules.items[i];
		for (size_t k = 0; k < s->ast->on_dates.n; k++) {
			const struct date_clause *dc = s->ast->on_dates.items[k];
			if (dc->open)
				interval_rows(e, &dc->hours);
		}
	}
	close_array(e);
}

static void date_hours(struct emitter *e)
{
	const struct model *m = e->m;
	size_t n = 0;
	for (size_t i = 0; i < m->schedules.n; i++)
		n += ((const struct model_schedule *)m->schedules.items[i])->ast->on_dates.n;
	e->n_date_hours = n;
	if (!open_array(e, "struct pol_date_hours", "date_hours", n))
		return;
	for (size_t i = 0; i < m->schedules.n; i++) {
		const struct model_schedule *s = m->schedules.items[i];
		for (size_t k = 0; k < s->ast->on_dates.n; k++) {
			const struct date_clause *dc = s->ast->on_dates.items[k];
			lit(e, "\t{ ");
			snum(e, dc->from.days);
			lit(e, ", ");
			snum(e, dc->until.days);
			lit(e, ", ");
			snum(e, dc->open);
			lit(e, ", ");
			hours_ref(e, dc->open ? &dc->hours : NULL);
			lit(e, " },\n");
		}
	}
	close_array(e);
}

static void schedules(struct emitter *e)
{
	const struct model *m = e->m;
	intervals(e);
	e->n_intervals = 0;
	if (open_array(e, "struct pol_schedule", "schedules", m->schedules.n)) {
		size_t n_dates = 0;
		for (size_t i = 0; i < m->schedules.n; i++) {
			const struct model_schedule *s = m->schedules.items[i];
			lit(e, "\t{ ");
			unum(e, s->provider);
			lit(e, ", ");
			snum(e, s->ast->is_service);
			lit(e, ", ");
			snum(e, s->ast->closed);
			lit(e, ", ");
			hex_byte(e, s->days);
			lit(e, ", ");
			title(e, s->ast->title);
			lit(e, ", ");
			day_num(e, s->first);
			lit(e, ", ");
			day_num(e, s->last);
			lit(e, ",\n\t  {");
			for (int d = 0; d < 7; d++) {
				lit(e, d ? ", " : " ");
				hours_ref(e, (s->days >> d) & 1u ? s->week[d] : NULL);
			}
			lit(e, " },\n\t  ");
			unum(e, n_dates);
			lit(e, ", ");
			unum(e, s->ast->on_dates.n);
			n_dates += s->ast->on_dates.n;
			lit(e, ",\n\t  ");
			source(e, &s->ast->annots, s->ast->loc);
			lit(e, " },\n");
		}
		close_array(e);
	}
	date_hours(e);
	size_t np = m->set->decls[DECL_PROVIDER].n, no = m->set->decls[DECL_OFFICE].n;
	size_t total = 0;
	if (open_array(e, "struct pol_office_cell", "office_cells", np * no)) {
		for (size_t c = 0; c < np * no; c++) {
			const struct model_office_cell *cell = &m->office_cells[c];
			if (c % no == 0)
				index_comment(e, c / no, ((struct decl *)
					m->set->decls[DECL_PROVIDER].items[c / no])->name.text);
			lit(e, "\t{ ");
			unum(e, total);
			lit(e, ", ");
			unum(e, cell->schedules.n);
			lit(e, " },\n");
			total += cell->schedules.n;
		}
		close_array(e);
	}
	e->n_cell_schedules = total;
	if (open_array(e, "uint32_t", "cell_schedules", total)) {
		for (size_t c = 0; c < np * no; c++) {
			const struct model_office_cell *cell = &m->office_cells[c];
			for (size_t i = 0; i < cell->schedules.n; i++) {
				lit(e, "\t");
				unum(e, (uintptr_t)cell->schedules.items[i]);
				lit(e, ",\n");
			}
		}
		close_array(e);
	}
}

static void contact(struct emitter *e)
{
	const struct model *m = e->m;
	struct vec cubes = { 0 };
	size_t *first_cube = ARENA_ARRAY(m->arena, size_t, m->rules.n + 1);
	size_t *n_cubes = ARENA_ARRAY(m->arena, size_t, m->rules.n + 1);
	for (size_t r = 0; r < m->rules.n; r++) {
		const struct model_rule *mr = m->rules.items[r];
		first_cube[r] = cubes.n;
		model_pack_cover(m, &mr->cond, &cubes);
		n_cubes[r] = cubes.n - first_cube[r];
	}
	/* the clauses' cubes after the rules', rule by rule */
	size_t n_clauses = 0;
	for (size_t r = 0; r < m->rules.n; r++)
		n_clauses += ((const struct model_rule *)m->rules.items[r])->clauses.n;
	size_t *clause_cube = ARENA_ARRAY(m->arena, size_t, n_clauses + 1);
	size_t *clause_cubes = ARENA_ARRAY(m->arena, size_t, n_clauses + 1);
	for (size_t r = 0, k = 0; r < m->rules.n; r++) {
		const struct model_rule *mr = m->rules.items[r];
		for (size_t i = 0; i < mr->clauses.n; i++, k++) {
			const struct model_clause *mc = mr->clauses.items[i];
			clause_cube[k] = cubes.n;
			model_pack_cover(m, &mc->cover, &cubes);
			clause_cubes[k] = cubes.n - clause_cube[k];
		}
	}
	e->n_cubes = cubes.n;
	e->n_clauses = n_clauses;
	size_t clause_index = 0;
	if (open_array(e, "struct pol_rule", "rules", m->rules.n)) {
		for (size_t r = 0; r < m->rules.n; r++) {
			const struct model_rule *mr = m->rules.items[r];
			if (r % 8 == 0)
				index_comment(e, r, NULL);
			outf(e, "\t{ %u, %d, %zu, %zu, ", mr->mode, mr->is_default,
			     first_cube[r], n_cubes[r]);
			if (mr->ast->when) {
				struct strbuf b;
				strbuf_init(&b, m->arena);
				fmt_cond(&b, mr->ast->when);
				text(e, b.s, b.len);
			} else {
				lit(e, "NULL");
			}
			outf(e, ", %zu, %zu,\n\t  ", clause_index, mr->clauses.n);
			clause_index += mr->clauses.n;
			source(e, &mr->ast->annots, mr->ast->loc);
			lit(e, " },\n");
		}
		close_array(e);
	}
	if (open_array(e, "struct pol_clause", "clauses", n_clauses)) {
		for (size_t r = 0, k = 0; r < m->rules.n; r++) {
			const struct model_rule *mr = m->rules.items[r];
			for (size_t i = 0; i < mr->clauses.n; i++, k++) {
				const struct model_clause *mc = mr->clauses.items[i];
				struct strbuf b;
				strbuf_init(&b, m->arena);
				fmt_cond(&b, mc->ast);
				lit(e, "\t{ ");
				text(e, b.s, b.len);
				outf(e, ", %zu, %zu },\n", clause_cube[k], clause_cubes[k]);
			}
		}
		close_array(e);
	}
	if (open_array(e, "struct pol_cube", "cubes", cubes.n)) {
		for (size_t i = 0; i < cubes.n; i++) {
			const struct pol_cube *k = cubes.items[i];
			outf(e, "\t{ 0x%llxu, 0x%llxu },\n", (unsigned long long)k->mask,
			     (unsigned long long)k->value);
		}
		close_array(e);
	}
	bool lookup = m->strategy == POL_BY_LOOKUP;
	size_t ncases = lookup ? (size_t)1 << m->case_bits : 0;
	for (size_t p = 0; lookup && p < m->n_contact; p++) {
		char name[32];
		snprintf(name, sizeof(name), "lookup%zu", p);
		open_array(e, "uint16_t", name, ncases);
		for (size_t c = 0; c < ncases; c++) {
			if (c % 256 == 0)
				outf(e, "\t/* case 0x%zx */\n", c);
			lit(e, c % 16 == 0 ? "\t" : " ");
			unum(e, m->lookup[p][c]);
			lit(e, c % 16 == 15 || c + 1 == ncases ? ",\n" : ",");
		}
		close_array(e);
	}
	size_t n_match_rules = 0;
	if (lookup && open_array(e, "struct pol_match_set", "lookup_matches",
				 m->match_sets.n)) {
		for (size_t i = 0; i < m->match_sets.n; i++) {
			const struct model_match_set *s = m->match_sets.items[i];
			lit(e, "\t{ ");
			unum(e, n_match_rules);
			lit(e, ", ");
			unum(e, s->n);
			lit(e, ", ");
			snum(e, s->mode);
			lit(e, ", ");
			snum(e, s->rule);
			lit(e, " },\n");
			n_match_rules += s->n;
		}
		close_array(e);
	}
	e->n_match_rules = n_match_rules;
	if (lookup && open_array(e, "uint32_t", "lookup_rules", n_match_rules)) {
		for (size_t i = 0; i < m->match_sets.n; i++) {
			const struct model_match_set *s = m->match_sets.items[i];
			for (size_t j = 0; j < s->n; j++) {
				lit(e, "\t");
				unum(e, s->rules[j]);
				lit(e, ",\n");
			}
		}
		close_array(e);
	}
	if (open_array(e, "struct pol_contact_table", "contact", m->n_contact)) {
		for (size_t p = 0; p < m->n_contact; p++) {
			const struct model_contact *mc = &m->contact[p];
			outf(e, "\t{ %u, %u, %d, ", mc->first, mc->count,
			     (int)mc->default_rule);
			if (lookup)
				outf(e, "lookup%zu, ", p);
			else
				lit(e, "NULL, ");
			unum(e, mc->provider);
			lit(e, ", ");
			day_num(e, mc->valid_from);
			lit(e, ", ");
			day_num(e, mc->valid_until);
			lit(e, ", ");
			snum(e, mc->next);
			lit(e, " },\n");
		}
		close_array(e);
	}
}

/* An index within a cell (-1 for none) as an index into the entries. */
static void cell_index(struct emitter *e, size_t base, int32_t i)
{
	snum(e, i >= 0 ? (int64_t)(base + (size_t)i) : -1);
}

static void timelines(struct emitter *e)
{
	const struct model *m = e->m;
	size_t na = m->set->decls[DECL_ACTIVITY].n;
	size_t cells = na * m->n_areas, n_entries = 0, n_conditions = 0;
	for (size_t c = 0; c < cells; c++)
		n_entries += m->timeline_cells[c].entries.n;
	e->n_entries = n_entries;
	if (open_array(e, "struct pol_entry", "entries", n_entries)) {
		size_t base = 0;
		for (size_t c = 0; c < cells; c++) {
			const struct vec *v = &m->timeline_cells[c].entries;
			if (v->n)
				index_comment(e, base, ((struct decl *)
					m->set->decls[DECL_ACTIVITY].items[c / m->n_areas])->name.text);
			for (size_t i = 0; i < v->n; i++) {
				const struct model_entry *me = v->items[i];
				if (me->days == POL_NO_DATE) {
					lit(e, "\t{ POL_NO_DATE, ");
				} else {
					lit(e, "\t{ ");
					snum(e, me->days);
					lit(e, ", ");
				}
				unum(e, me->permitted);
				lit(e, ", ");
				unum(e, me->unchanged);
				lit(e, ", ");
				title(e, me->status);
				lit(e, ", { ");
				for (int k = 0; k < 4; k++) {
					snum(e, me->limits[k]);
					lit(e, k < 3 ? ", " : " }, ");
				}
				unum(e, n_conditions);
				lit(e, ", ");
				unum(e, me->conditions.n);
				lit(e, ", ");
				snum(e, me->step);
				lit(e, ", ");
				snum(e, me->area);
				lit(e, ",\n\t  ");
				source(e, &me->ast->annots, me->ast->loc);
				lit(e, ", ");
				cell_index(e, base, me->continues);
				lit(e, ", ");
				cell_index(e, base, me->decided_by);
				lit(e, ", ");
				cell_index(e, base, me->next_change);
				lit(e, ", ");
				cell_index(e, base, me->permitted_from);
				lit(e, " },\n");
				n_conditions += me->conditions.n;
			}
			base += v->n;
		}
		close_array(e);
	}
	if (open_array(e, "struct pol_timeline_cell", "timeline_cells", cells)) {
		size_t first = 0;
		for (size_t c = 0; c < cells; c++) {
			size_t n = m->timeline_cells[c].entries.n;
			lit(e, "\t{ ");
			unum(e, first);
			lit(e, ", ");
			unum(e, n);
			lit(e, ", ");
			day_num(e, m->timeline_cells[c].covered_from);
			lit(e, ", ");
			day_num(e, m->timeline_cells[c].covered_until);
			lit(e, " },\n");
			first += n;
		}
		close_array(e);
	}
	e->n_entry_conditions = n_conditions;
	if (open_array(e, "uint32_t", "condition_ids", n_conditions)) {
		for (size_t c = 0; c < cells; c++) {
			const struct vec *v = &m->timeline_cells[c].entries;
			for (size_t i = 0; i < v->n; i++) {
				const struct model_entry *me = v->items[i];
				for (size_t j = 0; j < me->conditions.n; j++) {
					lit(e, "\t");
					unum(e, ((struct decl *)me->conditions.items[j])->id);
					lit(e, ",\n");
				}
			}
		}
		close_array(e);
	}
}

/* Cites and notes: gathered while the tables above were written. */
static void cites_and_notes(struct emitter *e)
{
	if (open_array(e, "struct pol_cite", "cites", e->cites.n)) {
		for (size_t i = 0; i < e->cites.n; i++) {
			const struct text *t = e->cites.items[i];
			uint32_t file = (uint32_t)(uintptr_t)e->cite_files.items[i];
			lit(e, "\t{ ");
			text(e, t->s, t->len);
			lit(e, ", ");
			file_ref(e, file);
			lit(e, ", ");
			unum(e, (uintptr_t)e->cite_lines.items[i]);
			lit(e, " },\n");
		}
		close_array(e);
	}
	if (open_array(e, "char *const", "notes", e->notes.n)) {
		for (size_t i = 0; i < e->notes.n; i++) {
			const struct text *t = e->notes.items[i];
			lit(e, "\t");
			text(e, t->s, t->len);
			lit(e, ",\n");
		}
		close_array(e);
	}
}

static const char *array_or_null(size_t n, const char *name)
{
	return n ? name : "NULL";
}

static void policy_object(struct emitter *e)
{
	const struct model *m = e->m;
	const struct policy_set *s = m->set;
	size_t np = s->decls[DECL_PROVIDER].n, no = s->decls[DECL_OFFICE].n;
	size_t na = s->decls[DECL_ACTIVITY].n;
	bool lookup = m->strategy == POL_BY_LOOKUP;
	outf(e, "\nconst struct pol_policy %s = {\n", e->o->symbol);
	lit(e, "\t.abi_version = POL_ABI_VERSION,\n\t.name = ");
	str(e, e->o->policy_name);
	lit(e, ",\n");
	outf(e, "\t.n_providers = %zu, .n_areas = %zu, .n_offices = %zu,\n", np,
	     m->n_areas, no);
	outf(e, "\t.n_attributes = %zu, .n_modes = %zu, .n_conditions = %zu,\n",
	     m->n_attrs, s->decls[DECL_MODE].n, s->decls[DECL_CONDITION].n);
	outf(e, "\t.n_activities = %zu, .n_steps = %zu,\n", na, s->decls[DECL_STEP].n);
	outf(e, "\t.providers = %s,\n", array_or_null(np, "providers"));
	outf(e, "\t.areas = %s,\n", array_or_null(m->n_areas, "areas"));
	outf(e, "\t.offices = %s,\n", array_or_null(no, "offices"));
	outf(e, "\t.attributes = %s,\n", array_or_null(m->n_attrs, "attributes"));
	outf(e, "\t.values = %s,\n", array_or_null(e->n_values, "values"));
	outf(e, "\t.modes = %s,\n", array_or_null(s->decls[DECL_MODE].n, "modes"));
	outf(e, "\t.conditions = %s,\n",
	     array_or_null(s->decls[DECL_CONDITION].n, "conditions"));
	outf(e, "\t.activities = %s,\n", array_or_null(na, "activities"));
	outf(e, "\t.steps = %s,\n", array_or_null(s->decls[DECL_STEP].n, "steps"));
	outf(e, "\t.step_dates = %s,\n", array_or_null(e->n_dates, "step_dates"));
	outf(e, "\t.n_cites = %zu, .n_notes = %zu,\n", e->cites.n, e->notes.n);
	outf(e, "\t.n_files = %zu, .files = %s,\n", e->sources->n,
	     e->sources->n ? "files" : "NULL");
	outf(e, "\t.cites = %s,\n", array_or_null(e->cites.n, "cites"));
	outf(e, "\t.notes = %s,\n", array_or_null(e->notes.n, "notes"));
	outf(e, "\t.n_schedules = %zu,\n", m->schedules.n);
	outf(e, "\t.schedules = %s,\n", array_or_null(m->schedules.n, "schedules"));
	outf(e, "\t.office_cells = %s,\n", array_or_null(np * no, "office_cells"));
	outf(e, "\t.cell_schedules = %s,\n", array_or_null(e->n_cell_schedules, "cell_schedules"));
	outf(e, "\t.n_intervals = %zu, .n_date_hours = %zu,\n", e->n_interval_rows,
	     e->n_date_hours);
	outf(e, "\t.intervals = %s,\n", array_or_null(e->n_interval_rows, "intervals"));
	outf(e, "\t.date_hours = %s,\n", array_or_null(e->n_date_hours, "date_hours"));
	outf(e, "\t.case_bits = %u,\n", m->case_bits);
	outf(e, "\t.contact_strategy = %s,\n", lookup ? "POL_BY_LOOKUP" : "POL_BY_CUBES");
	outf(e, "\t.n_contact_tables = %zu,\n", m->n_contact);
	outf(e, "\t.contact = %s,\n", array_or_null(m->n_contact, "contact"));
	outf(e, "\t.n_rules = %zu,\n", m->rules.n);
	outf(e, "\t.rules = %s,\n", array_or_null(m->rules.n, "rules"));
	outf(e, "\t.cubes = %s,\n", array_or_null(e->n_cubes, "cubes"));
	outf(e, "\t.n_clauses = %zu, .clauses = %s,\n", e->n_clauses,
	     array_or_null(e->n_clauses, "clauses"));
	outf(e, "\t.lookup_matches = %s,\n",
	     array_or_null(lookup ? m->match_sets.n : 0, "lookup_matches"));
	outf(e, "\t.lookup_rules = %s,\n", array_or_null(e->n_match_rules, "lookup_rules"));
	outf(e, "\t.n_entries = %zu,\n", e->n_entries);
	outf(e, "\t.entries = %s,\n", array_or_null(e->n_entries, "entries"));
	outf(e, "\t.timeline_cells = %s,\n",
	     array_or_null(na * m->n_areas, "timeline_cells"));
	outf(e, "\t.condition_ids = %s,\n", array_or_null(e->n_entry_conditions, "condition_ids"));
	lit(e, "};\n");
	if (e->o->header_include) {
		/* the header's enums and these tables come from one model */
		static const struct { const char *kind; int decl; } counts[] = {
			{ "PROVIDERS", DECL_PROVIDER }, { "OFFICES", DECL_OFFICE },
			{ "MODES", DECL_MODE }, { "ACTIVITIES", DECL_ACTIVITY },
		};
		lit(e, "\n");
		for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
			if (s->decls[counts[i].decl].n)
				outf(e, "_Static_assert(%s_N_%s == %zu, \"%s\");\n",
				     e->o->symbol, counts[i].kind, s->decls[counts[i].decl].n,
				     counts[i].kind);
		if (m->n_areas)
			outf(e, "_Static_assert(%s_N_AREAS == %zu, \"AREAS\");\n",
			     e->o->symbol, m->n_areas);
	}
}

static void banner(struct emitter *e)
{
	outf(e, "/* Generated by polc %s from", POL_VERSION);
	for (size_t i = 0; i < e->sources->n; i++) {
		lit(e, " ");
		comment_text(e, e->sources->files[i]->name);
	}
	lit(e, ".\n * Do not edit: change the policy and compile again. */\n");
}

static void tables(struct emitter *e)
{
	const struct policy_set *s = e->m->set;
	e->cites.n = e->cite_files.n = e->cite_lines.n = e->notes.n = 0;
	e->next_long = 0;
	if (e->seen)
		memset(e->seen, 0, e->seen_cap * sizeof(*e->seen));
	e->seen_n = 0;
	names(e, "providers", &s->decls[DECL_PROVIDER]);
	areas_and_offices(e);
	attributes(e);
	names(e, "modes", &s->decls[DECL_MODE]);
	names(e, "conditions", &s->decls[DECL_CONDITION]);
	names(e, "activities", &s->decls[DECL_ACTIVITY]);
	steps(e);
	schedules(e);
	contact(e);
	timelines(e);
	cites_and_notes(e);
	policy_object(e);
}

/* Could a string written be longer than LONG_STRING?  Every text of a
 * policy is a quoted literal of a source file, never shorter than the
 * text it makes (escapes and line breaks only shrink), and no unescaped
 * quote lies inside one.  So when no two quotes of a file are further
 * apart than LONG_STRING, counting a quote after a backslash as none
 * (which can only widen the gaps), no text is longer.  Names are at most
 * PARSE_MAX_NAME; file names and the policy name are measured. */
static bool long_strings_possible(const struct source_set *sources,
				  const struct emit_options *o)
{
	if (o->policy_name && strlen(o->policy_name) > LONG_STRING)
		return true;
	for (size_t f = 0; f < sources->n; f++) {
		const struct source *src = sources->files[f];
		if (strlen(src->name) > LONG_STRING)
			return true;
		const char *t = src->text;
		size_t last = 0;
		for (size_t i = 0; i < src->len; i++) {
			const char *q = memchr(t + i, '"', src->len - i);
			if (!q)
				break;
			i = (size_t)(q - t);
			if (i > 0 && t[i - 1] == '\\')
				continue;
			if (i - last > LONG_STRING)
				return true;
			last = i;
		}
	}
	return false;
}

/* The bytes of s, then a 0, as the body of a char array initializer:
 * for strings longer than a C11 compiler must take in one literal. */
static void char_list(struct emitter *e, const char *s, size_t len)
{
	for (size_t j = 0; j < len; j++) {
		lit(e, j % 16 == 0 ? "\n\t" : " ");
		snum(e, (signed char)s[j]);
		lit(e, ",");
	}
	lit(e, "\n\t0\n};\n");
}

/* Each source file's name once: static const char fileN[], and
 * the list of them that the policy object points at. */
static void file_names(struct emitter *e)
{
	lit(e, "\n");
	for (size_t i = 0; i < e->sources->n; i++) {
		const char *name = e->sources->files[i]->name;
		size_t len = strlen(name);
		outf(e, "static const char file%zu[] = ", i);
		if (len <= LONG_STRING) {
			c_string(e, name, len);
			lit(e, ";\n");
		} else {
			lit(e, "{");
			char_list(e, name, len);
		}
	}
	if (!open_array(e, "char *const", "files", e->sources->n))
		return;
	for (size_t i = 0; i < e->sources->n; i++) {
		lit(e, "\t");
		file_ref(e, (uint32_t)i);
		lit(e, ",\n");
	}
	close_array(e);
}

bool emit_c_source(struct writer *w, const struct model *m,
		   const struct source_set *sources, const struct emit_options *o)
{
	struct emitter e = { .m = m, .sources = sources, .o = o };
	e.buf = malloc(OUT_BUFSIZE);
	if (!e.buf)
		fatal_oom();
	struct writer sink;
	writer_init(&sink, NULL);
	e.w = &sink;
	e.collecting = true;
	e.collected = long_strings_possible(sources, o);
	if (e.collected)
		tables(&e);

	e.w = w;
	e.collecting = false;
	banner(&e);
	lit(&e, "\n#include \"pol/runtime.h\"\n");
	if (o->header_include)
		outf(&e, "#include \"%s\"\n", o->header_include);
	for (size_t i = 0; i < e.long_strings.n; i++) {
		const struct text *t = e.long_strings.items[i];
		outf(&e, "\nstatic const char %s_text%zu[%zu] = {", o->symbol, i, t->len + 1);
		char_list(&e, t->s, t->len);
	}
	file_names(&e);
	tables(&e);
	out_flush(&e);
	free(e.buf);
	if (e.missed_long) {
		fputs("polc: internal error: a long string was not foreseen\n", stderr);
		return false;
	}
	return !w->failed;
}

/* An identifier made of a name: names are [A-Za-z_][A-Za-z0-9_]*, so they
 * are identifiers already. */
static void enum_block(struct writer *w, const char *symbol, const char *kind,
		       const char *plural, const struct decl *const *decls, size_t n)
{
	if (!n)
		return;
	emit(w, "\nenum {\n");
	for (size_t i = 0; i < n; i++)
		emit(w, "\t%s_%s_%s = %zu,\n", symbol, kind, decls[i]->name.text, i);
	emit(w, "\t%s_N_%s = %zu\n};\n", symbol, plural, n);
}

bool emit_c_header(struct writer *w, const struct model *m,
		   const struct source_set *sources, const struct emit_options *o)
{
	struct emitter e = { .w = w, .m = m, .sources = sources, .o = o };
	e.buf = malloc(OUT_BUFSIZE);
	if (!e.buf)
		fatal_oom();
	banner(&e);
	out_flush(&e);
	free(e.buf);
	emit(w, "#ifndef %s_H\n#define %s_H\n\n#include \"pol/runtime.h\"\n",
	     o->symbol, o->symbol);
	const struct policy_set *s = m->set;
	enum_block(w, o->symbol, "PROVIDER", "PROVIDERS",
		   (const struct decl *const *)s->decls[DECL_PROVIDER].items,
		   s->decls[DECL_PROVIDER].n);
	enum_block(w, o->symbol, "AREA", "AREAS", m->areas, m->n_areas);
	enum_block(w, o->symbol, "OFFICE", "OFFICES",
		   (const struct decl *const *)s->decls[DECL_OFFICE].items,
		   s->decls[DECL_OFFICE].n);
	{
		const struct decl **attrs = ARENA_ARRAY(m->arena, const struct decl *,
							m->n_attrs + 1);
		for (size_t i = 0; i < m->n_attrs; i++)
			attrs[i] = m->attrs[i].decl;
		enum_block(w, o->symbol, "ATTRIBUTE", "ATTRIBUTES", attrs, m->n_attrs);
	}
	enum_block(w, o->symbol, "MODE", "MODES", (const struct decl *const *)s->decls[DECL_MODE].items,
		   s->decls[DECL_MODE].n);
	enum_block(w, o->symbol, "CONDITION", "CONDITIONS",
		   (const struct decl *const *)s->decls[DECL_CONDITION].items,
		   s->decls[DECL_CONDITION].n);
	enum_block(w, o->symbol, "ACTIVITY", "ACTIVITIES",
		   (const struct decl *const *)s->decls[DECL_ACTIVITY].items,
		   s->decls[DECL_ACTIVITY].n);
	enum_block(w, o->symbol, "STEP", "STEPS", (const struct decl *const *)s->decls[DECL_STEP].items,
		   s->decls[DECL_STEP].n);
	emit(w, "\nextern const struct pol_policy %s;\n\n#endif\n", o->symbol);
	return !w->failed;
}
