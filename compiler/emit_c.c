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
 * twice: once into a sink to collect such strings, once for real.
 */
#include "emit_c.h"

#include <string.h>

#include "version.h"

#define LONG_STRING 4000

struct emitter {
	struct writer *w;
	const struct model *m;
	const struct source_set *sources;
	const struct emit_options *o;
	bool collecting;
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
	size_t n_values, n_dates, n_cell_schedules, n_cubes, n_match_rules;
	size_t n_entries, n_entry_conditions;
};

struct seen_source {
	const struct annots *key;
	size_t first_cite, first_note;
};

/* The slot for an annots in the open-addressing table (grown by caller). */
static struct seen_source *seen_slot(struct emitter *e, const struct annots *an)
{
	size_t mask = e->seen_cap - 1;
	size_t h = ((uintptr_t)an >> 4) * 0x9E3779B97F4A7C15ull;
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
		emit_c_string(e->w, s, len);
		return;
	}
	if (e->collecting) {
		struct text *t = ARENA_NEW(e->m->arena, struct text);
		t->s = s;
		t->len = len;
		vec_push(e->m->arena, &e->long_strings, t);
		return;
	}
	emit(e->w, "%s_text%zu", e->o->symbol, e->next_long++);
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
		emit(e->w, "NULL");
}

static void index_comment(struct emitter *e, size_t i, const char *name)
{
	emit(e->w, "\t/* %zu", i);
	if (name) {
		emit(e->w, " ");
		emit_comment_text(e->w, name);
	}
	emit(e->w, " */\n");
}

static unsigned line_of(const struct emitter *e, struct pol_loc loc)
{
	unsigned line, col;
	source_line_col(e->sources->files[loc.file], loc.start, &line, &col);
	return line;
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
			vec_push(e->m->arena, &e->cite_lines,
				 (void *)(uintptr_t)line_of(e, t->loc));
		}
		for (size_t i = 0; i < an->notes.n; i++)
			vec_push(e->m->arena, &e->notes, an->notes.items[i]);
		seen->key = an;
		seen->first_cite = first_cite;
		seen->first_note = first_note;
		e->seen_n++;
	}
	emit(e->w, "{ %zu, %zu, %zu, %zu, ", first_cite, n_cites, first_note, n_notes);
	str(e, e->sources->files[loc.file]->name);
	emit(e->w, ", %u }", line_of(e, loc));
}

/* "static const TYPE NAME[N] = {" or nothing when there are no rows: C
 * has no empty arrays, and the policy object then holds NULL. */
static bool open_array(struct emitter *e, const char *type, const char *name,
		       size_t n)
{
	if (n == 0)
		return false;
	emit(e->w, "\nstatic const %s %s[%zu] = {\n", type, name, n);
	return true;
}

static void close_array(struct emitter *e)
{
	emit(e->w, "};\n");
}

static void names(struct emitter *e, const char *array, const struct vec *decls)
{
	if (!open_array(e, "struct pol_name", array, decls->n))
		return;
	for (size_t i = 0; i < decls->n; i++) {
		const struct decl *d = decls->items[i];
		if (i % 8 == 0)
			index_comment(e, i, NULL);
		emit(e->w, "\t{ ");
		str(e, d->name.text);
		emit(e->w, ", ");
		title(e, d->title);
		emit(e->w, " },\n");
	}
	close_array(e);
}

static void areas_and_offices(struct emitter *e)
{
	const struct model *m = e->m;
	if (open_array(e, "struct pol_area", "areas", m->n_areas)) {
		for (size_t i = 0; i < m->n_areas; i++) {
			emit(e->w, "\t{ ");
			str(e, m->areas[i]->name.text);
			emit(e->w, ", ");
			title(e, m->areas[i]->title);
			emit(e->w, ", %d },\n", (int)m->area_parent[i]);
		}
		close_array(e);
	}
	const struct vec *offices = &m->set->decls[DECL_OFFICE];
	if (open_array(e, "struct pol_office", "offices", offices->n)) {
		for (size_t i = 0; i < offices->n; i++) {
			const struct decl *o = offices->items[i];
			emit(e->w, "\t{ ");
			str(e, o->name.text);
			emit(e->w, ", ");
			title(e, o->title);
			emit(e->w, ", %d },\n", (int)model_area_id(m, o->parent_decl));
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
			emit(e->w, "\t{ ");
			str(e, a->decl->name.text);
			emit(e->w, ", ");
			title(e, a->decl->title);
			emit(e->w, ", %s, %u, %u, %u, %lld, %zu },\n", kinds[a->kind],
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
				emit(e->w, "\t");
				str(e, ((struct name *)a->decl->values.items[j])->text);
				emit(e->w, ",\n");
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
			emit(e->w, "\t{ ");
			str(e, s->name.text);
			emit(e->w, ", ");
			title(e, s->title);
			emit(e->w, ", %ld, %zu, %zu, ", (long)first->days, n_dates, s->dates.n);
			source(e, &s->annots, s->loc);
			emit(e->w, " },\n");
			n_dates += s->dates.n;
		}
		close_array(e);
	}
	e->n_dates = n_dates;
	if (open_array(e, "int32_t", "step_dates", n_dates)) {
		for (size_t i = 0; i < steps->n; i++) {
			const struct decl *s = steps->items[i];
			for (size_t j = 0; j < s->dates.n; j++)
				emit(e->w, "\t%ld,\n",
				     (long)((struct date_lit *)s->dates.items[j])->days);
		}
		close_array(e);
	}
}

static void schedules(struct emitter *e)
{
	const struct model *m = e->m;
	if (open_array(e, "struct pol_schedule", "schedules", m->schedules.n)) {
		for (size_t i = 0; i < m->schedules.n; i++) {
			const struct model_schedule *s = m->schedules.items[i];
			emit(e->w, "\t{ %u, %d, %d, 0x%02x, ", s->provider, s->ast->is_service,
			     s->ast->closed, s->days);
			title(e, s->ast->title);
			emit(e->w, ",\n\t  {");
			for (int d = 0; d < 7; d++)
				emit(e->w, "%s%d", d ? ", " : " ", s->open_minute[d]);
			emit(e->w, " }, {");
			for (int d = 0; d < 7; d++)
				emit(e->w, "%s%d", d ? ", " : " ", s->close_minute[d]);
			emit(e->w, " },\n\t  ");
			source(e, &s->ast->annots, s->ast->loc);
			emit(e->w, " },\n");
		}
		close_array(e);
	}
	size_t np = m->set->decls[DECL_PROVIDER].n, no = m->set->decls[DECL_OFFICE].n;
	size_t total = 0;
	if (open_array(e, "struct pol_office_cell", "office_cells", np * no)) {
		for (size_t c = 0; c < np * no; c++) {
			const struct model_office_cell *cell = &m->office_cells[c];
			if (c % no == 0)
				index_comment(e, c / no, ((struct decl *)
					m->set->decls[DECL_PROVIDER].items[c / no])->name.text);
			emit(e->w, "\t{ 0x%02x, %zu, %zu },\n", cell->days, total,
			     cell->schedules.n);
			total += cell->schedules.n;
		}
		close_array(e);
	}
	e->n_cell_schedules = total;
	if (open_array(e, "uint32_t", "cell_schedules", total)) {
		for (size_t c = 0; c < np * no; c++) {
			const struct model_office_cell *cell = &m->office_cells[c];
			for (size_t i = 0; i < cell->schedules.n; i++)
				emit(e->w, "\t%u,\n", (unsigned)(uintptr_t)cell->schedules.items[i]);
		}
		close_array(e);
	}
}

static void contact(struct emitter *e)
{
	const struct model *m = e->m;
	size_t np = m->set->decls[DECL_PROVIDER].n;
	struct vec cubes = { 0 };
	size_t *first_cube = ARENA_ARRAY(m->arena, size_t, m->rules.n + 1);
	size_t *n_cubes = ARENA_ARRAY(m->arena, size_t, m->rules.n + 1);
	for (size_t r = 0; r < m->rules.n; r++) {
		const struct model_rule *mr = m->rules.items[r];
		first_cube[r] = cubes.n;
		model_pack_cover(m, &mr->cond, &cubes);
		n_cubes[r] = cubes.n - first_cube[r];
	}
	e->n_cubes = cubes.n;
	if (open_array(e, "struct pol_rule", "rules", m->rules.n)) {
		for (size_t r = 0; r < m->rules.n; r++) {
			const struct model_rule *mr = m->rules.items[r];
			if (r % 8 == 0)
				index_comment(e, r, NULL);
			emit(e->w, "\t{ %u, %d, %zu, %zu, ", mr->mode, mr->is_default,
			     first_cube[r], n_cubes[r]);
			source(e, &mr->ast->annots, mr->ast->loc);
			emit(e->w, " },\n");
		}
		close_array(e);
	}
	if (open_array(e, "struct pol_cube", "cubes", cubes.n)) {
		for (size_t i = 0; i < cubes.n; i++) {
			const struct pol_cube *k = cubes.items[i];
			emit(e->w, "\t{ 0x%llxu, 0x%llxu },\n", (unsigned long long)k->mask,
			     (unsigned long long)k->value);
		}
		close_array(e);
	}
	bool lookup = m->strategy == POL_BY_LOOKUP;
	size_t ncases = lookup ? (size_t)1 << m->case_bits : 0;
	for (size_t p = 0; lookup && p < np; p++) {
		char name[32];
		snprintf(name, sizeof(name), "lookup%zu", p);
		open_array(e, "uint16_t", name, ncases);
		for (size_t c = 0; c < ncases; c++) {
			if (c % 256 == 0)
				emit(e->w, "\t/* case 0x%zx */\n", c);
			emit(e->w, "%s%u,%s", c % 16 == 0 ? "\t" : " ", m->lookup[p][c],
			     c % 16 == 15 || c + 1 == ncases ? "\n" : "");
		}
		close_array(e);
	}
	size_t n_match_rules = 0;
	if (lookup && open_array(e, "struct pol_match_set", "lookup_matches",
				 m->match_sets.n)) {
		for (size_t i = 0; i < m->match_sets.n; i++) {
			const struct model_match_set *s = m->match_sets.items[i];
			emit(e->w, "\t{ %zu, %u, %d, %d },\n", n_match_rules, s->n,
			     (int)s->mode, (int)s->rule);
			n_match_rules += s->n;
		}
		close_array(e);
	}
	e->n_match_rules = n_match_rules;
	if (lookup && open_array(e, "uint32_t", "lookup_rules", n_match_rules)) {
		for (size_t i = 0; i < m->match_sets.n; i++) {
			const struct model_match_set *s = m->match_sets.items[i];
			for (size_t j = 0; j < s->n; j++)
				emit(e->w, "\t%u,\n", s->rules[j]);
		}
		close_array(e);
	}
	if (open_array(e, "struct pol_contact_table", "contact", np)) {
		for (size_t p = 0; p < np; p++) {
			const struct model_contact *mc = &m->contact[p];
			emit(e->w, "\t{ %u, %u, %d, ", mc->first, mc->count,
			     (int)mc->default_rule);
			if (lookup)
				emit(e->w, "lookup%zu },\n", p);
			else
				emit(e->w, "NULL },\n");
		}
		close_array(e);
	}
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
				if (me->days == POL_NO_DATE)
					emit(e->w, "\t{ POL_NO_DATE, ");
				else
					emit(e->w, "\t{ %ld, ", (long)me->days);
				emit(e->w, "%d, %d, ", me->permitted, me->unchanged);
				title(e, me->status);
				emit(e->w, ", { %ld, %ld, %ld, %ld }, %zu, %zu, %d, %d,\n\t  ",
				     (long)me->limits[0], (long)me->limits[1],
				     (long)me->limits[2], (long)me->limits[3], n_conditions,
				     me->conditions.n, (int)me->step, (int)me->area);
				source(e, &me->ast->annots, me->ast->loc);
				emit(e->w, ", %ld },\n", me->continues >= 0
				     ? (long)(base + (size_t)me->continues) : -1L);
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
			emit(e->w, "\t{ %zu, %zu },\n", first, n);
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
				for (size_t j = 0; j < me->conditions.n; j++)
					emit(e->w, "\t%u,\n",
					     ((struct decl *)me->conditions.items[j])->id);
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
			emit(e->w, "\t{ ");
			text(e, t->s, t->len);
			emit(e->w, ", ");
			str(e, e->sources->files[file]->name);
			emit(e->w, ", %u },\n", (unsigned)(uintptr_t)e->cite_lines.items[i]);
		}
		close_array(e);
	}
	if (open_array(e, "char *const", "notes", e->notes.n)) {
		for (size_t i = 0; i < e->notes.n; i++) {
			const struct text *t = e->notes.items[i];
			emit(e->w, "\t");
			text(e, t->s, t->len);
			emit(e->w, ",\n");
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
	emit(e->w, "\nconst struct pol_policy %s = {\n", e->o->symbol);
	emit(e->w, "\t.abi_version = POL_ABI_VERSION,\n\t.name = ");
	str(e, e->o->policy_name);
	emit(e->w, ",\n");
	emit(e->w, "\t.n_providers = %zu, .n_areas = %zu, .n_offices = %zu,\n", np,
	     m->n_areas, no);
	emit(e->w, "\t.n_attributes = %zu, .n_modes = %zu, .n_conditions = %zu,\n",
	     m->n_attrs, s->decls[DECL_MODE].n, s->decls[DECL_CONDITION].n);
	emit(e->w, "\t.n_activities = %zu, .n_steps = %zu,\n", na, s->decls[DECL_STEP].n);
	emit(e->w, "\t.providers = %s,\n", array_or_null(np, "providers"));
	emit(e->w, "\t.areas = %s,\n", array_or_null(m->n_areas, "areas"));
	emit(e->w, "\t.offices = %s,\n", array_or_null(no, "offices"));
	emit(e->w, "\t.attributes = %s,\n", array_or_null(m->n_attrs, "attributes"));
	emit(e->w, "\t.values = %s,\n", array_or_null(e->n_values, "values"));
	emit(e->w, "\t.modes = %s,\n", array_or_null(s->decls[DECL_MODE].n, "modes"));
	emit(e->w, "\t.conditions = %s,\n",
	     array_or_null(s->decls[DECL_CONDITION].n, "conditions"));
	emit(e->w, "\t.activities = %s,\n", array_or_null(na, "activities"));
	emit(e->w, "\t.steps = %s,\n", array_or_null(s->decls[DECL_STEP].n, "steps"));
	emit(e->w, "\t.step_dates = %s,\n", array_or_null(e->n_dates, "step_dates"));
	emit(e->w, "\t.n_cites = %zu, .n_notes = %zu,\n", e->cites.n, e->notes.n);
	emit(e->w, "\t.cites = %s,\n", array_or_null(e->cites.n, "cites"));
	emit(e->w, "\t.notes = %s,\n", array_or_null(e->notes.n, "notes"));
	emit(e->w, "\t.n_schedules = %zu,\n", m->schedules.n);
	emit(e->w, "\t.schedules = %s,\n", array_or_null(m->schedules.n, "schedules"));
	emit(e->w, "\t.office_cells = %s,\n", array_or_null(np * no, "office_cells"));
	emit(e->w, "\t.cell_schedules = %s,\n", array_or_null(e->n_cell_schedules, "cell_schedules"));
	emit(e->w, "\t.case_bits = %u,\n", m->case_bits);
	emit(e->w, "\t.contact_strategy = %s,\n", lookup ? "POL_BY_LOOKUP" : "POL_BY_CUBES");
	emit(e->w, "\t.contact = %s,\n", array_or_null(np, "contact"));
	emit(e->w, "\t.n_rules = %zu,\n", m->rules.n);
	emit(e->w, "\t.rules = %s,\n", array_or_null(m->rules.n, "rules"));
	emit(e->w, "\t.cubes = %s,\n", array_or_null(e->n_cubes, "cubes"));
	emit(e->w, "\t.lookup_matches = %s,\n",
	     array_or_null(lookup ? m->match_sets.n : 0, "lookup_matches"));
	emit(e->w, "\t.lookup_rules = %s,\n", array_or_null(e->n_match_rules, "lookup_rules"));
	emit(e->w, "\t.n_entries = %zu,\n", e->n_entries);
	emit(e->w, "\t.entries = %s,\n", array_or_null(e->n_entries, "entries"));
	emit(e->w, "\t.timeline_cells = %s,\n",
	     array_or_null(na * m->n_areas, "timeline_cells"));
	emit(e->w, "\t.condition_ids = %s,\n", array_or_null(e->n_entry_conditions, "condition_ids"));
	emit(e->w, "};\n");
	if (e->o->header_include) {
		/* the header's enums and these tables come from one model */
		static const struct { const char *kind; int decl; } counts[] = {
			{ "PROVIDERS", DECL_PROVIDER }, { "OFFICES", DECL_OFFICE },
			{ "MODES", DECL_MODE }, { "ACTIVITIES", DECL_ACTIVITY },
		};
		emit(e->w, "\n");
		for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
			if (s->decls[counts[i].decl].n)
				emit(e->w, "_Static_assert(%s_N_%s == %zu, \"%s\");\n",
				     e->o->symbol, counts[i].kind, s->decls[counts[i].decl].n,
				     counts[i].kind);
		if (m->n_areas)
			emit(e->w, "_Static_assert(%s_N_AREAS == %zu, \"AREAS\");\n",
			     e->o->symbol, m->n_areas);
	}
}

static void banner(struct emitter *e)
{
	emit(e->w, "/* Generated by polc %s from", POL_VERSION);
	for (size_t i = 0; i < e->sources->n; i++) {
		emit(e->w, " ");
		emit_comment_text(e->w, e->sources->files[i]->name);
	}
	emit(e->w, ".\n * Do not edit: change the policy and compile again. */\n");
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

bool emit_c_source(struct writer *w, const struct model *m,
		   const struct source_set *sources, const struct emit_options *o)
{
	struct emitter e = { .m = m, .sources = sources, .o = o };
	struct writer sink;
	writer_init(&sink, NULL);
	e.w = &sink;
	e.collecting = true;
	tables(&e);

	e.w = w;
	e.collecting = false;
	banner(&e);
	emit(w, "\n#include \"pol/runtime.h\"\n");
	if (o->header_include)
		emit(w, "#include \"%s\"\n", o->header_include);
	for (size_t i = 0; i < e.long_strings.n; i++) {
		const struct text *t = e.long_strings.items[i];
		emit(w, "\nstatic const char %s_text%zu[%zu] = {", o->symbol, i, t->len + 1);
		for (size_t j = 0; j < t->len; j++)
			emit(w, "%s%d,", j % 16 == 0 ? "\n\t" : " ", (signed char)t->s[j]);
		emit(w, "\n\t0\n};\n");
	}
	tables(&e);
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
	banner(&e);
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
