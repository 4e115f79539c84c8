/* fmt.c - laying out one parsed file in the canonical form (see fmt.h).
 *
 * Three steps.  The syntax tree becomes a list of output lines, each
 * remembering where in the source its tokens start and end.  Comments,
 * found by a scan of their own (fmt_scan.h), are attached to those lines
 * by byte offset: a comment after code on its source line trails the
 * output line holding that code; a comment on a line of its own goes
 * before the output line that follows it (or that it sits inside).  Then
 * the lines are written, with blank lines where the author had them
 * between lines (at most one), always around blocks, never just inside
 * a block's first and last line.
 */
#include "fmt.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_scan.h"
#include "parse.h"

enum role {
	R_HEAD,			/* first line of an item that is not a block */
	R_BLOCK_HEAD,		/* first line of schedule, service, contact, timeline */
	R_INNER,		/* a clause */
	R_END			/* a block's 'end' */
};

struct fcomment {
	uint32_t start, end;
	const char *text;	/* from '#', trailing blanks dropped */
	bool moved;		/* no longer where it was: counts as at its line */
};

struct fline {
	uint32_t start, end;	/* source span of its tokens */
	int indent;
	enum role role;
	bool item_first;	/* first line of a top-level item */
	bool block_item;	/* that item is a block */
	const char *text;	/* with indentation, without line end */
	struct vec leading;	/* struct fcomment *, written before it */
	struct vec trailing;	/* struct fcomment *, after it on its line */
};

struct layout {
	struct arena *arena;
	const struct source *src;
	struct fmt_toks toks;
	struct vec lines;	/* struct fline * */
	struct strbuf cur;	/* the line being built */
	struct fline *open;
	uint32_t last_start;
	bool item_first, block_item;
};

/* ---- building lines --------------------------------------------------- */

/* Start an output line at `indent` for the source tokens from `start`.
 * Starts never go backwards, so lines stay in source order. */
static void begin(struct layout *L, int indent, uint32_t start, enum role role)
{
	struct fline *l = ARENA_NEW(L->arena, struct fline);
	if (start < L->last_start)
		start = L->last_start;
	L->last_start = start;
	l->start = start;
	l->indent = indent;
	l->role = role;
	l->item_first = L->item_first;
	l->block_item = L->block_item;
	L->item_first = false;
	L->open = l;
	strbuf_reset(&L->cur);
	strbuf_spaces(&L->cur, (size_t)indent);
}

/* End the line being built and keep it. */
static void finish(struct layout *L)
{
	L->open->text = strbuf_copy(&L->cur);
	vec_push(L->arena, &L->lines, L->open);
	L->open = NULL;
}

/* Append text to the line being built. */
static void put(struct layout *L, const char *s)
{
	strbuf_puts(&L->cur, s);
}

/* A date as YYYY-MM-DD. */
static void put_date(struct layout *L, const struct date_lit *d)
{
	strbuf_printf(&L->cur, "%04d-%02d-%02d", d->year, d->month, d->day);
}

/* Names from..to of a list, joined by ", ". */
static void put_names(struct layout *L, const struct vec *names, size_t from,
		      size_t to)
{
	for (size_t i = from; i < to; i++) {
		const struct name *n = names->items[i];
		if (i > from)
			put(L, ", ");
		put(L, n->text);
	}
}

/* Display column after the text of the current line: one per UTF-8
 * code point since the last line break. */
static size_t column(const struct strbuf *b)
{
	size_t col = 0;
	for (size_t i = b->len; i > 0 && b->s[i - 1] != '\n'; i--)
		if (((unsigned char)b->s[i - 1] & 0xC0) != 0x80)
			col++;
	return col;
}

/* The blanks that, around a line break in a text, read as one space. */
static bool is_text_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A text literal exactly as written, but for the blanks around each line
 * break inside it, which the scanner reads as one space whatever they
 * are: they become a line break and an indent to just after the opening
 * quote.  Escapes are copied whole, so an escaped quote is not an end. */
static void put_text(struct layout *L, const struct text *t)
{
	const char *p = L->src->text + t->loc.start;
	const char *end = L->src->text + t->loc.end;
	size_t col = column(&L->cur) + 1;
	while (p < end) {
		if (*p == '\\' && p + 1 < end) {
			strbuf_add(&L->cur, p, 2);
			p += 2;
		} else if (is_text_blank(*p)) {
			const char *q = p;
			bool line_break = false;
			while (q < end && is_text_blank(*q))
				line_break |= *q++ == '\n';
			if (line_break) {
				strbuf_putc(&L->cur, '\n');
				strbuf_spaces(&L->cur, col);
			} else {
				strbuf_add(&L->cur, p, (size_t)(q - p));
			}
			p = q;
		} else {
			strbuf_putc(&L->cur, *p++);
		}
	}
}

/* A space and the title, when there is one. */
static void put_title(struct layout *L, const struct text *title)
{
	if (title) {
		put(L, " ");
		put_text(L, title);
	}
}

/* ---- clauses ---------------------------------------------------------- */

enum clause_kind {
	C_CITE, C_NOTE, C_OPEN, C_CLOSED, C_PERMISSION, C_STATUS, C_LIMIT,
	C_SUBJECT, C_DATE
};

struct clause {
	uint32_t start;		/* its first token */
	enum clause_kind kind;
	const void *p;
	size_t index;		/* C_SUBJECT: first condition of the clause */
};

struct clauses {
	struct clause *v;
	size_t n, cap;
};

/* Record a clause to write, by its first byte in the source. */
static void add_clause(struct layout *L, struct clauses *cs, uint32_t start,
		       enum clause_kind kind, const void *p, size_t index)
{
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 8;
		struct clause *v = ARENA_ARRAY(L->arena, struct clause, cap);
		if (cs->n)
			memcpy(v, cs->v, cs->n * sizeof(*v));
		cs->v = v;
		cs->cap = cap;
	}
	struct clause *c = &cs->v[cs->n++];
	c->start = start;
	c->kind = kind;
	c->p = p;
	c->index = index;
}

/* qsort order: clauses as they were written. */
static int by_start(const void *pa, const void *pb)
{
	const struct clause *a = pa, *b = pb;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* cite and note clauses start at the keyword before their text. */
static void add_annots(struct layout *L, struct clauses *cs,
		       const struct annots *an)
{
	for (size_t i = 0; i < an->cites.n; i++) {
		const struct text *t = an->cites.items[i];
		add_clause(L, cs, fmt_tok_before(&L->toks, t->loc.start), C_CITE, t, 0);
	}
	for (size_t i = 0; i < an->notes.n; i++) {
		const struct text *t = an->notes.items[i];
		add_clause(L, cs, fmt_tok_before(&L->toks, t->loc.start), C_NOTE, t, 0);
	}
}

/* Is condition i of an entry the first of a 'subject to' clause? */
static bool starts_subject(struct layout *L, const struct vec *conds, size_t i)
{
	const struct name *n = conds->items[i];
	return i == 0 || fmt_tok_before_is(&L->toks, L->src, n->loc.start, "to");
}

/* " 09:00-12:30 and 13:30-17:00", or nothing. */
static void put_hours(struct layout *L, const struct hours *h)
{
	for (unsigned k = 0; h->present && k < h->n; k++)
		strbuf_printf(&L->cur, "%s%02d:%02d-%02d:%02d", k ? " and " : " ",
			      h->open[k].hour, h->open[k].minute,
			      h->close[k].hour, h->close[k].minute);
}

/* "Mon, Wed..Fri". */
static void put_days(struct layout *L, const struct vec *days)
{
	for (size_t i = 0; i < days->n; i++) {
		const struct day_item *d = days->items[i];
		if (i)
			put(L, ", ");
		put(L, d->from.text);
		if (d->to.text) {
			put(L, "..");
			put(L, d->to.text);
		}
	}
}

/* "open Mon, Wed..Fri 09:00-17:00 except Thu 09:00-19:00". */
static void put_open(struct layout *L, const struct open_clause *o)
{
	put(L, "open ");
	put_days(L, &o->days);
	put_hours(L, &o->hours);
	for (size_t i = 0; i < o->excepts.n; i++) {
		const struct except_clause *x = o->excepts.items[i];
		put(L, " except ");
		put_days(L, &x->days);
		put_hours(L, &x->hours);
	}
}

/* "closed on DATE", "open from DATE until DATE 09:00-12:00". */
static void put_date_clause(struct layout *L, const struct date_clause *dc)
{
	put(L, dc->open ? "open " : "closed ");
	if (dc->is_range) {
		put(L, "from ");
		put_date(L, &dc->from);
		put(L, " until ");
		put_date(L, &dc->until);
	} else {
		put(L, "on ");
		put_date(L, &dc->from);
	}
	put_hours(L, &dc->hours);
}

/* " from DATE|STEP until DATE" of a plan or schedule head. */
static void put_validity(struct layout *L, const struct validity *v)
{
	if (v->has_from) {
		put(L, " from ");
		if (v->from_step.text)
			put(L, v->from_step.text);
		else
			put_date(L, &v->from);
	}
	if (v->has_until) {
		put(L, " until ");
		put_date(L, &v->until);
	}
}

/* One clause on a line of its own at indent. */
static void write_clause(struct layout *L, const struct clause *c, int indent)
{
	begin(L, indent, c->start, R_INNER);
	switch (c->kind) {
	case C_CITE:
		put(L, "cite ");
		put_text(L, c->p);
		break;
	case C_NOTE:
		put(L, "note ");
		put_text(L, c->p);
		break;
	case C_OPEN:
		put_open(L, c->p);
		break;
	case C_CLOSED:
		put(L, "closed");
		break;
	case C_DATE:
		put_date_clause(L, c->p);
		break;
	case C_PERMISSION: {
		const struct entry *e = c->p;
		put(L, e->permission == PERMIT_YES ? "permitted"
		       : e->permission == PERMIT_NO ? "not permitted" : "no change");
		break;
	}
	case C_STATUS:
		put(L, "status ");
		put_text(L, c->p);
		break;
	case C_LIMIT: {
		const struct limit *l = c->p;
		strbuf_printf(&L->cur, "limit %s %" PRId64, l->key.text, l->value);
		break;
	}
	case C_SUBJECT: {
		const struct vec *conds = c->p;
		size_t to = c->index + 1;
		while (to < conds->n && !starts_subject(L, conds, to))
			to++;
		put(L, "subject to ");
		put_names(L, conds, c->index, to);
		break;
	}
	}
	finish(L);
}

/* The clauses in the order written, one a line. */
static void write_clauses(struct layout *L, struct clauses *cs, int indent)
{
	if (cs->n > 1)
		qsort(cs->v, cs->n, sizeof(*cs->v), by_start);
	for (size_t i = 0; i < cs->n; i++)
		write_clause(L, &cs->v[i], indent);
}

/* cite and note clauses in the order written. */
static void write_annots(struct layout *L, const struct annots *an, int indent)
{
	struct clauses cs = { 0 };
	add_annots(L, &cs, an);
	write_clauses(L, &cs, indent);
}

/* ---- items ------------------------------------------------------------ */

static const char *const decl_keyword[DECL_KIND_COUNT] = {
	[DECL_PROVIDER] = "provider", [DECL_NATION] = "nation",
	[DECL_REGION] = "region", [DECL_OFFICE] = "office",
	[DECL_FLAG] = "flag", [DECL_LEVEL] = "level", [DECL_RANGE] = "range",
	[DECL_MODE] = "modes", [DECL_CONDITION] = "condition",
	[DECL_ACTIVITY] = "activity", [DECL_STEP] = "step",
};

/* A declaration: its head line, then its cites and notes. */
static void write_decl(struct layout *L, const struct decl *d)
{
	begin(L, 0, d->loc.start, R_HEAD);
	put(L, decl_keyword[d->kind]);
	put(L, " ");
	put(L, d->name.text);
	switch (d->kind) {
	case DECL_LEVEL:
		for (size_t i = 0; i < d->values.n; i++) {
			const struct name *v = d->values.items[i];
			put(L, i ? " < " : " ");
			put(L, v->text);
		}
		put_title(L, d->title);
		break;
	case DECL_RANGE:
		strbuf_printf(&L->cur, " %" PRId64 "..%" PRId64, d->lo, d->hi);
		put_title(L, d->title);
		break;
	case DECL_REGION:
	case DECL_OFFICE:
		put_title(L, d->title);
		put(L, " in ");
		put(L, d->parent.text);
		break;
	case DECL_STEP:
		put_title(L, d->title);
		put(L, " not before ");
		for (size_t i = 0; i < d->dates.n; i++) {
			if (i)
				put(L, " and ");
			put_date(L, d->dates.items[i]);
		}
		break;
	default:
		put_title(L, d->title);
		break;
	}
	finish(L);
	write_annots(L, &d->annots, 2);
}

/* modes A "..." then "    > B ..." for each lower mode, as in the
 * language reference. */
static void write_modes(struct layout *L, const struct item *it)
{
	const struct vec *modes = it->u.modes;
	for (size_t i = 0; i < modes->n; i++) {
		const struct decl *m = modes->items[i];
		if (i == 0) {
			begin(L, 0, it->loc.start, R_HEAD);
			put(L, "modes ");
		} else {
			begin(L, 4, fmt_tok_before(&L->toks, m->name.loc.start), R_INNER);
			put(L, "> ");
		}
		put(L, m->name.text);
		put_title(L, m->title);
		finish(L);
		write_annots(L, &m->annots, 6);
	}
}

/* A block's closing "end", at the margin. */
static void write_end(struct layout *L, const struct item *it)
{
	begin(L, 0, it->loc.end >= 3 ? it->loc.end - 3 : it->loc.end, R_END);
	put(L, "end");
	finish(L);
}

/* A schedule or service block. */
static void write_schedule(struct layout *L, const struct item *it)
{
	const struct schedule *s = it->u.schedule;
	begin(L, 0, it->loc.start, R_BLOCK_HEAD);
	if (s->is_service) {
		put(L, "service ");
		put_text(L, s->title);
		put(L, " for ");
		put(L, s->provider.text);
		if (s->offices.n)
			put(L, " at ");
	} else {
		put(L, "schedule ");
		put(L, s->provider.text);
		put(L, " at ");
	}
	put_names(L, &s->offices, 0, s->offices.n);
	put_validity(L, &s->in_force);
	finish(L);
	struct clauses cs = { 0 };
	for (size_t i = 0; i < s->opens.n; i++) {
		const struct open_clause *o = s->opens.items[i];
		add_clause(L, &cs, o->loc.start, C_OPEN, o, 0);
	}
	for (size_t i = 0; i < s->on_dates.n; i++) {
		const struct date_clause *dc = s->on_dates.items[i];
		add_clause(L, &cs, dc->loc.start, C_DATE, dc, 0);
	}
	if (s->closed)
		add_clause(L, &cs, s->closed_loc.start, C_CLOSED, NULL, 0);
	add_annots(L, &cs, &s->annots);
	write_clauses(L, &cs, 2);
	write_end(L, it);
}

/* A contact block: rules at two spaces, their cites at four. */
static void write_contact(struct layout *L, const struct item *it)
{
	const struct contact *c = it->u.contact;
	begin(L, 0, it->loc.start, R_BLOCK_HEAD);
	put(L, "contact for ");
	put(L, c->provider.text);
	put_validity(L, &c->in_force);
	finish(L);
	for (size_t i = 0; i < c->rules.n; i++) {
		const struct rule *r = c->rules.items[i];
		begin(L, 2, r->loc.start, R_INNER);
		if (r->when) {
			put(L, r->mode.text);
			put(L, " when ");
			fmt_cond(&L->cur, r->when);
		} else {
			put(L, "otherwise ");
			put(L, r->mode.text);
		}
		finish(L);
		write_annots(L, &r->annots, 4);
	}
	write_end(L, it);
}

/* A timeline entry: its head at two spaces, its clauses at four. */
static void write_entry(struct layout *L, const struct entry *e)
{
	begin(L, 2, e->loc.start, R_INNER);
	if (e->head == ENTRY_INITIALLY) {
		put(L, "initially");
	} else if (e->head == ENTRY_STEP) {
		put(L, "not before ");
		put(L, e->step.text);
	} else {
		put(L, "not before ");
		put_date(L, &e->date);
		if (e->step.text) {
			put(L, " in ");
			put(L, e->step.text);
		}
	}
	finish(L);
	struct clauses cs = { 0 };
	if (e->permission != PERMIT_UNSET)
		add_clause(L, &cs, e->permission_loc.start, C_PERMISSION, e, 0);
	if (e->status)
		add_clause(L, &cs, fmt_tok_before(&L->toks, e->status->loc.start),
			   C_STATUS, e->status, 0);
	for (size_t i = 0; i < e->limits.n; i++) {
		const struct limit *l = e->limits.items[i];
		add_clause(L, &cs, l->loc.start, C_LIMIT, l, 0);
	}
	for (size_t i = 0; i < e->conditions.n; i++) {
		if (!starts_subject(L, &e->conditions, i))
			continue;
		const struct name *n = e->conditions.items[i];
		uint32_t to = fmt_tok_before(&L->toks, n->loc.start);
		add_clause(L, &cs, fmt_tok_before(&L->toks, to), C_SUBJECT,
			   &e->conditions, i);
	}
	add_annots(L, &cs, &e->annots);
	write_clauses(L, &cs, 4);
}

/* A timeline block. */
static void write_timeline(struct layout *L, const struct item *it)
{
	const struct timeline *t = it->u.timeline;
	begin(L, 0, it->loc.start, R_BLOCK_HEAD);
	put(L, "timeline ");
	put(L, t->activity.text);
	put(L, " in ");
	put_names(L, &t->areas, 0, t->areas.n);
	finish(L);
	for (size_t i = 0; i < t->entries.n; i++)
		write_entry(L, t->entries.items[i]);
	write_end(L, it);
}

/* An expect or assert on one line, its cites and notes under it. */
static void write_test(struct layout *L, const struct item *it)
{
	const struct test *t = it->u.test;
	begin(L, 0, it->loc.start, R_HEAD);
	put(L, t->is_assert ? "assert " : "expect ");
	fmt_question(&L->cur, &t->q);
	finish(L);
	write_annots(L, &t->annots, 2);
}

/* plan "TITLE" from ... until ... review by ..., its cites and notes
 * under it. */
static void write_plan(struct layout *L, const struct item *it)
{
	const struct plan *p = it->u.plan;
	begin(L, 0, it->loc.start, R_HEAD);
	put(L, "plan");
	put_title(L, p->title);
	put_validity(L, &p->in_force);
	if (p->has_review) {
		put(L, " review by ");
		put_date(L, &p->review);
	}
	finish(L);
	write_annots(L, &p->annots, 2);
}

/* Any top-level item, remembering whether it is a block. */
static void write_item(struct layout *L, const struct item *it)
{
	L->item_first = true;
	L->block_item = it->kind == ITEM_SCHEDULE || it->kind == ITEM_CONTACT ||
			it->kind == ITEM_TIMELINE;
	switch (it->kind) {
	case ITEM_DECL: write_decl(L, it->u.decl); break;
	case ITEM_MODES: write_modes(L, it); break;
	case ITEM_SCHEDULE: write_schedule(L, it); break;
	case ITEM_CONTACT: write_contact(L, it); break;
	case ITEM_TIMELINE: write_timeline(L, it); break;
	case ITEM_TEST: write_test(L, it); break;
	case ITEM_PLAN: write_plan(L, it); break;
	}
}

/* ---- comments --------------------------------------------------------- */

/* Each line ends where its last token (not a comment) before the next
 * line's start ends. */
static void compute_ends(struct layout *L)
{
	const struct fmt_toks *t = &L->toks;
	size_t k = 0;
	for (size_t i = 0; i < L->lines.n; i++) {
		struct fline *l = L->lines.items[i];
		uint32_t next = i + 1 < L->lines.n
			? ((struct fline *)L->lines.items[i + 1])->start : UINT32_MAX;
		l->end = l->start;
		while (k < t->n && t->v[k].start < l->start)
			k++;
		for (; k < t->n && t->v[k].start < next; k++)
			if (t->v[k].kind != FT_COMMENT && t->v[k].end > l->end)
				l->end = t->v[k].end;
	}
}

/* Index of the last line starting at or before off, or (size_t)-1. */
static size_t line_at(const struct layout *L, uint32_t off)
{
	size_t lo = 0, hi = L->lines.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (((struct fline *)L->lines.items[mid])->start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* A comment token as text, without trailing blanks. */
static struct fcomment *new_comment(struct layout *L, const struct fmt_tok *t)
{
	struct fcomment *c = ARENA_NEW(L->arena, struct fcomment);
	uint32_t end = t->end;
	while (end > t->start && is_text_blank(L->src->text[end - 1]))
		end--;
	c->start = t->start;
	c->end = end;
	c->text = arena_strndup(L->arena, L->src->text + t->start, end - t->start);
	return c;
}

/* No line break between the two offsets? */
static bool same_line(const struct layout *L, uint32_t from, uint32_t to)
{
	return !memchr(L->src->text + from, '\n', to - from);
}

/* Attach every comment to a line; those after the last line go to eof.
 * A line left with several trailing comments (its code was spread over
 * source lines) gets them before it instead. */
static void attach_comments(struct layout *L, struct vec *eof)
{
	const struct fmt_toks *t = &L->toks;
	for (size_t k = 0; k < t->n; k++) {
		if (t->v[k].kind != FT_COMMENT)
			continue;
		struct fcomment *c = new_comment(L, &t->v[k]);
		if (k > 0 && same_line(L, t->v[k - 1].end, c->start)) {
			size_t i = line_at(L, t->v[k - 1].start);
			if (i != (size_t)-1) {
				struct fline *l = L->lines.items[i];
				vec_push(L->arena, &l->trailing, c);
				continue;
			}
		}
		size_t i = line_at(L, c->start);
		struct fline *inside = i != (size_t)-1 ? L->lines.items[i] : NULL;
		if (inside && inside->end > c->start) {
			c->moved = true;
			vec_push(L->arena, &inside->leading, c);
		} else if (i + 1 < L->lines.n) {
			struct fline *next = L->lines.items[i + 1];
			vec_push(L->arena, &next->leading, c);
		} else {
			vec_push(L->arena, eof, c);
		}
	}
	for (size_t i = 0; i < L->lines.n; i++) {
		struct fline *l = L->lines.items[i];
		if (l->trailing.n < 2)
			continue;
		for (size_t j = 0; j < l->trailing.n; j++) {
			struct fcomment *c = l->trailing.items[j];
			c->moved = true;
			vec_push(L->arena, &l->leading, c);
		}
		l->trailing.n = 0;
	}
}

/* ---- writing ---------------------------------------------------------- */

struct writer_state {
	struct strbuf *out;
	const struct source *src;
	bool first;		/* nothing written yet */
	uint32_t prev_end;	/* source end of what was written last */
	bool prev_block_head;	/* the last line written opened a block */
	bool prev_item_block;	/* the last item begun was a block */
};

/* Line breaks in the source between two offsets (none if to <= from). */
static unsigned newlines(const struct source *src, uint32_t from, uint32_t to)
{
	unsigned n = 0;
	for (uint32_t i = from; i < to; i++)
		n += src->text[i] == '\n';
	return n;
}

/* One output line: a blank line before it when the author left one
 * (but never just inside a block), or when `force` (around blocks). */
static void write_unit(struct writer_state *W, const char *text, int indent,
		       uint32_t start, uint32_t end, bool force, enum role role)
{
	if (!W->first) {
		bool blank;
		if (force)
			blank = true;
		else if (W->prev_block_head || role == R_END)
			blank = false;
		else
			blank = newlines(W->src, W->prev_end, start) >= 2;
		if (blank)
			strbuf_putc(W->out, '\n');
	}
	strbuf_spaces(W->out, (size_t)indent);
	strbuf_puts(W->out, text);
	strbuf_putc(W->out, '\n');
	W->first = false;
	W->prev_end = end;
	W->prev_block_head = role == R_BLOCK_HEAD;
}

/* An output line with the comments before it and the one after it. */
static void write_line(struct writer_state *W, const struct fline *l)
{
	bool first = l->item_first;
	bool force = first && !W->first && (l->block_item || W->prev_item_block);
	if (first)
		W->prev_item_block = l->block_item;
	/* comments before 'end' belong with the clauses above it */
	int indent = l->role == R_END ? l->indent + 2 : l->indent;
	for (size_t i = 0; i < l->leading.n; i++) {
		const struct fcomment *c = l->leading.items[i];
		write_unit(W, c->text, indent, c->moved ? l->start : c->start,
			   c->moved ? l->start : c->end, force, R_INNER);
		force = false;
	}
	uint32_t end = l->end;
	const char *text = l->text;
	if (l->trailing.n == 1) {
		const struct fcomment *c = l->trailing.items[0];
		text = arena_printf(W->out->arena, "%s %s", l->text, c->text);
		end = c->end;
	}
	write_unit(W, text, 0, l->start, end, force, l->role);
}

bool fmt_file(struct compilation *c, uint32_t file, struct strbuf *out)
{
	struct ast ast = { { 0 } };
	unsigned errors = c->diags.errors;
	bool truncated = c->diags.truncated;
	if (!parse_file(&c->arena, &c->diags, &c->sources, file, &ast) ||
	    c->diags.errors != errors || c->diags.truncated != truncated)
		return false;

	struct layout L;
	memset(&L, 0, sizeof(L));
	L.arena = &c->arena;
	L.src = c->sources.files[file];
	strbuf_init(&L.cur, L.arena);
	fmt_scan(L.arena, L.src, &L.toks);
	for (size_t i = 0; i < ast.items.n; i++)
		write_item(&L, ast.items.items[i]);
	compute_ends(&L);
	struct vec eof = { 0 };
	attach_comments(&L, &eof);

	strbuf_init(out, L.arena);
	if (L.toks.bom)
		strbuf_add(out, L.src->text, L.toks.bom);
	struct writer_state W = { out, L.src, true, 0, false, false };
	for (size_t i = 0; i < L.lines.n; i++)
		write_line(&W, L.lines.items[i]);
	for (size_t i = 0; i < eof.n; i++) {
		const struct fcomment *cm = eof.items[i];
		write_unit(&W, cm->text, 0, cm->start, cm->end,
			   i == 0 && W.prev_item_block, R_HEAD);
	}
	return true;
}
