/* test_parser.c - the grammar (parser.y): the tree built for every
 * construct, operator precedence, and error recovery. */
#include "testlib.h"

static struct item *item_at(struct compilation *c, size_t i)
{
	assert_true(i < c->ast.items.n);
	return c->ast.items.items[i];
}

static struct decl *decl_at(struct compilation *c, size_t i, enum decl_kind k,
			    const char *name)
{
	struct item *it = item_at(c, i);
	assert_int_equal(it->kind, ITEM_DECL);
	assert_int_equal(it->u.decl->kind, k);
	assert_string_equal(it->u.decl->name.text, name);
	return it->u.decl;
}

static const char *name_at(const struct vec *v, size_t i)
{
	assert_true(i < v->n);
	return ((const struct name *)v->items[i])->text;
}

static const char *text_at(const struct vec *v, size_t i)
{
	assert_true(i < v->n);
	return ((const struct text *)v->items[i])->s;
}

static struct compilation *parse_ok(const char *text)
{
	bool ok;
	struct compilation *c = tl_parse(text, &ok);
	if (!ok || c->diags.items.n) {
		char *out = tl_render(c);
		fputs(out, stderr);
		free(out);
	}
	assert_true(ok);
	assert_int_equal(c->diags.items.n, 0);
	return c;
}

/* Source text a location covers, for checking spans. */
static void assert_covers(struct compilation *c, struct pol_loc loc, const char *text)
{
	const char *src = c->sources.files[loc.file]->text;
	size_t n = loc.end - loc.start;
	if (n != strlen(text) || memcmp(src + loc.start, text, n) != 0)
		fail_msg("span is '%.*s', expected '%s'", (int)n, src + loc.start, text);
}

/* ---- declarations --------------------------------------------------- */

static void test_declarations(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"provider NPS \"National Probation Service\"\n"
		"  note \"the public one\"\n"
		"nation England\n"
		"region East_Midlands \"East Midlands\" in England\n"
		"office Derby in East_Midlands cite \"Derby\" note \"n1\" note \"n2\"\n"
		"flag no_phone \"no phone\"\n"
		"level risk low < medium < high \"Risk of harm\"\n"
		"range mappa 0..3 \"MAPPA level\"\n"
		"condition local_decision \"a local decision\"\n"
		"activity upw \"Unpaid work\"\n"
		"step step1 \"Step 1\" not before 2021-03-08 and 2021-03-29\n"
		"  cite \"STEP 1\"\n");
	assert_int_equal(c->ast.items.n, 10);

	struct decl *d = decl_at(c, 0, DECL_PROVIDER, "NPS");
	assert_string_equal(d->title->s, "National Probation Service");
	assert_int_equal(d->annots.cites.n, 0);
	assert_string_equal(text_at(&d->annots.notes, 0), "the public one");
	assert_covers(c, d->loc, "provider NPS \"National Probation Service\"\n"
		      "  note \"the public one\"");

	d = decl_at(c, 1, DECL_NATION, "England");
	assert_null(d->title);

	d = decl_at(c, 2, DECL_REGION, "East_Midlands");
	assert_string_equal(d->title->s, "East Midlands");
	assert_string_equal(d->parent.text, "England");
	assert_covers(c, d->parent.loc, "England");

	d = decl_at(c, 3, DECL_OFFICE, "Derby");
	assert_null(d->title);
	assert_string_equal(d->parent.text, "East_Midlands");
	assert_string_equal(text_at(&d->annots.cites, 0), "Derby");
	assert_int_equal(d->annots.notes.n, 2);
	assert_string_equal(text_at(&d->annots.notes, 1), "n2");

	d = decl_at(c, 4, DECL_FLAG, "no_phone");
	assert_string_equal(d->title->s, "no phone");

	d = decl_at(c, 5, DECL_LEVEL, "risk");
	assert_int_equal(d->values.n, 3);
	assert_string_equal(name_at(&d->values, 0), "low");
	assert_string_equal(name_at(&d->values, 2), "high");
	assert_string_equal(d->title->s, "Risk of harm");

	d = decl_at(c, 6, DECL_RANGE, "mappa");
	assert_int_equal(d->lo, 0);
	assert_int_equal(d->hi, 3);
	assert_covers(c, d->range_loc, "0..3");

	d = decl_at(c, 7, DECL_CONDITION, "local_decision");
	assert_string_equal(d->title->s, "a local decision");
	decl_at(c, 8, DECL_ACTIVITY, "upw");

	d = decl_at(c, 9, DECL_STEP, "step1");
	assert_string_equal(d->title->s, "Step 1");
	assert_int_equal(d->dates.n, 2);
	const struct date_lit *dt = d->dates.items[1];
	assert_int_equal(dt->year, 2021);
	assert_int_equal(dt->month, 3);
	assert_int_equal(dt->day, 29);
	assert_covers(c, dt->loc, "2021-03-29");
	assert_string_equal(text_at(&d->annots.cites, 0), "STEP 1");
	tl_free(c);
}

static void test_modes(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"modes face_to_face \"Seen face to face\"\n"
		"    > doorstep\n"
		"    > remote \"Phone\"\n");
	assert_int_equal(c->ast.items.n, 1);
	struct item *it = item_at(c, 0);
	assert_int_equal(it->kind, ITEM_MODES);
	assert_int_equal(it->u.modes->n, 3);
	const struct decl *m = it->u.modes->items[0];
	assert_int_equal(m->kind, DECL_MODE);
	assert_string_equal(m->name.text, "face_to_face");
	assert_string_equal(m->title->s, "Seen face to face");
	m = it->u.modes->items[1];
	assert_string_equal(m->name.text, "doorstep");
	assert_null(m->title);
	m = it->u.modes->items[2];
	assert_string_equal(m->title->s, "Phone");
	tl_free(c);
}

/* ---- schedules and services ----------------------------------------- */

static void test_schedule(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"schedule NPS at Derby, Chesterfield\n"
		"  open Mon, Wed..Fri 09:00-17:30\n"
		"  open Sat\n"
		"  note \"planned\"\n"
		"  cite \"open\"\n"
		"end\n"
		"schedule CRC at Buxton closed cite \"closed\" end\n");
	assert_int_equal(c->ast.items.n, 2);
	struct item *it = item_at(c, 0);
	assert_int_equal(it->kind, ITEM_SCHEDULE);
	struct schedule *s = it->u.schedule;
	assert_false(s->is_service);
	assert_null(s->title);
	assert_string_equal(s->provider.text, "NPS");
	assert_int_equal(s->offices.n, 2);
	assert_string_equal(name_at(&s->offices, 1), "Chesterfield");
	assert_false(s->closed);
	assert_int_equal(s->opens.n, 2);
	struct open_clause *o = s->opens.items[0];
	assert_int_equal(o->days.n, 2);
	struct day_item *day = o->days.items[0];
	assert_string_equal(day->from.text, "Mon");
	assert_null(day->to.text);
	day = o->days.items[1];
	assert_string_equal(day->from.text, "Wed");
	assert_string_equal(day->to.text, "Fri");
	assert_covers(c, day->loc, "Wed..Fri");
	assert_true(o->hours.present);
	assert_int_equal(o->hours.open[0].hour, 9);
	assert_int_equal(o->hours.close[0].hour, 17);
	assert_int_equal(o->hours.close[0].minute, 30);
	assert_covers(c, o->hours.loc, "09:00-17:30");
	assert_covers(c, o->loc, "open Mon, Wed..Fri 09:00-17:30");
	o = s->opens.items[1];
	assert_false(o->hours.present);
	assert_covers(c, o->loc, "open Sat");
	assert_string_equal(text_at(&s->annots.notes, 0), "planned");
	assert_string_equal(text_at(&s->annots.cites, 0), "open");
	assert_covers(c, s->loc, "schedule NPS at Derby, Chesterfield\n"
		      "  open Mon, Wed..Fri 09:00-17:30\n  open Sat\n"
		      "  note \"planned\"\n  cite \"open\"\nend");

	s = item_at(c, 1)->u.schedule;
	assert_true(s->closed);
	assert_covers(c, s->closed_loc, "closed");
	assert_int_equal(s->opens.n, 0);
	tl_free(c);
}

/* Dated heads, split hours, exceptions and date lines. */
static void test_dated_schedule(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"plan \"Reopening\" from 2021-04-12 until 2021-09-30 review by 2021-06-30\n"
		"  note \"summer\"\n"
		"schedule NPS at Buxton from step2 until 2021-09-30\n"
		"  open Mon..Fri 09:00-12:30 and 13:30-17:00 except Thu 09:00-19:00 except Wed\n"
		"  closed on 2021-05-03\n"
		"  closed from 2021-08-02 until 2021-08-13\n"
		"  open on 2021-04-17 10:00-12:00\n"
		"  cite \"reopens\"\n"
		"end\n"
		"service \"phones\" for NPS until 2021-06-30\n"
		"  open Mon 09:00-10:00 and 11:00-12:00 and 13:00-14:00 and 15:00-16:00\n"
		"  cite \"phones\"\n"
		"end\n");
	assert_int_equal(c->ast.items.n, 3);
	struct item *it = item_at(c, 0);
	assert_int_equal(it->kind, ITEM_PLAN);
	struct plan *p = it->u.plan;
	assert_true(p->written);
	assert_string_equal(p->title->s, "Reopening");
	assert_true(p->in_force.has_from && p->in_force.has_until && p->has_review);
	assert_null(p->in_force.from_step.text);
	assert_int_equal(p->in_force.from.month, 4);
	assert_int_equal(p->in_force.until.day, 30);
	assert_int_equal(p->review.month, 6);
	assert_covers(c, p->in_force.from_loc, "from 2021-04-12");
	assert_covers(c, p->in_force.until_loc, "until 2021-09-30");
	assert_string_equal(text_at(&p->annots.notes, 0), "summer");

	struct schedule *s = item_at(c, 1)->u.schedule;
	assert_true(s->in_force.has_from && s->in_force.has_until);
	assert_string_equal(s->in_force.from_step.text, "step2");
	assert_covers(c, s->in_force.from_loc, "from step2");
	assert_int_equal(s->opens.n, 1);
	struct open_clause *o = s->opens.items[0];
	assert_int_equal(o->hours.n, 2);
	assert_int_equal(o->hours.open[1].hour, 13);
	assert_int_equal(o->hours.open[1].minute, 30);
	assert_covers(c, o->hours.loc, "09:00-12:30 and 13:30-17:00");
	assert_int_equal(o->excepts.n, 2);
	struct except_clause *x = o->excepts.items[0];
	assert_covers(c, x->loc, "except Thu 09:00-19:00");
	assert_int_equal(x->hours.n, 1);
	assert_int_equal(x->hours.close[0].hour, 19);
	x = o->excepts.items[1];
	assert_false(x->hours.present);
	assert_covers(c, x->loc, "except Wed");
	assert_int_equal(s->on_dates.n, 3);
	struct date_clause *dc = s->on_dates.items[0];
	assert_false(dc->open);
	assert_false(dc->is_range);
	assert_int_equal(dc->from.day, 3);
	assert_covers(c, dc->loc, "closed on 2021-05-03");
	dc = s->on_dates.items[1];
	assert_true(dc->is_range);
	assert_int_equal(dc->until.day, 13);
	assert_covers(c, dc->loc, "closed from 2021-08-02 until 2021-08-13");
	dc = s->on_dates.items[2];
	assert_true(dc->open);
	assert_int_equal(dc->hours.n, 1);
	assert_covers(c, dc->loc, "open on 2021-04-17 10:00-12:00");

	s = item_at(c, 2)->u.schedule;
	assert_true(s->is_service);
	assert_false(s->in_force.has_from);
	assert_true(s->in_force.has_until);
	o = s->opens.items[0];
	assert_int_equal(o->hours.n, HOURS_MAX);
	tl_free(c);
}

static void test_service(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"service \"telephone lines\" for CRC\n"
		"  open Mon..Fri 09:00-17:00\n"
		"  cite \"lines\"\n"
		"end\n"
		"service \"duty inbox\" for NPS at Derby, Buxton\n"
		"  cite \"inbox\"\n"
		"end\n");
	assert_int_equal(c->ast.items.n, 2);
	struct schedule *s = item_at(c, 0)->u.schedule;
	assert_true(s->is_service);
	assert_string_equal(s->title->s, "telephone lines");
	assert_string_equal(s->provider.text, "CRC");
	assert_int_equal(s->offices.n, 0);	/* every office */
	assert_int_equal(s->opens.n, 1);
	s = item_at(c, 1)->u.schedule;
	assert_true(s->is_service);
	assert_string_equal(s->provider.text, "NPS");
	assert_int_equal(s->offices.n, 2);
	assert_string_equal(name_at(&s->offices, 0), "Derby");
	assert_int_equal(s->opens.n, 0);
	tl_free(c);
}

/* ---- contact rules and conditions ------------------------------------ */

static struct cond *rule_cond(struct compilation *c, size_t item, size_t rule)
{
	struct item *it = item_at(c, item);
	assert_int_equal(it->kind, ITEM_CONTACT);
	assert_true(rule < it->u.contact->rules.n);
	return ((struct rule *)it->u.contact->rules.items[rule])->when;
}

static void assert_atom(const struct cond *a, const char *attr)
{
	assert_non_null(a);
	assert_int_equal(a->kind, COND_ATOM);
	assert_string_equal(a->attr.text, attr);
}

static void test_contact_rules(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"contact for NPS\n"
		"  face_to_face when tact\n"
		"    cite \"TACT\"\n"
		"  doorstep when risk >= high\n"
		"    cite \"high\" note \"n\"\n"
		"  remote when mappa != 2 cite \"m\"\n"
		"  otherwise remote\n"
		"    cite \"rest\"\n"
		"end\n");
	struct contact *k = item_at(c, 0)->u.contact;
	assert_string_equal(k->provider.text, "NPS");
	assert_int_equal(k->rules.n, 4);
	struct rule *r = k->rules.items[0];
	assert_string_equal(r->mode.text, "face_to_face");
	assert_atom(r->when, "tact");
	assert_int_equal(r->when->op, CMP_NONE);
	assert_string_equal(text_at(&r->annots.cites, 0), "TACT");
	assert_covers(c, r->loc, "face_to_face when tact\n    cite \"TACT\"");
	r = k->rules.items[1];
	assert_atom(r->when, "risk");
	assert_int_equal(r->when->op, CMP_GE);
	assert_false(r->when->value.is_int);
	assert_string_equal(r->when->value.name.text, "high");
	assert_covers(c, r->when->loc, "risk >= high");
	assert_int_equal(r->annots.notes.n, 1);
	r = k->rules.items[2];
	assert_int_equal(r->when->op, CMP_NE);
	assert_true(r->when->value.is_int);
	assert_int_equal(r->when->value.number, 2);
	r = k->rules.items[3];
	assert_null(r->when);			/* otherwise */
	assert_string_equal(r->mode.text, "remote");
	tl_free(c);
}

static void test_comparison_operators(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"contact for P\n"
		" m when a == x m when a = x m when a != x m when a < x\n"
		" m when a <= x m when a > x m when a >= x\n"
		"end\n");
	const enum cmp_op ops[] = { CMP_EQ, CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(rule_cond(c, 0, i)->op, ops[i]);
	tl_free(c);
}

/* not binds tighter than and, and tighter than or; both left-associative */
static void test_condition_precedence(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"contact for P\n"
		" m when a or b and not c\n"
		" m when not a and b\n"
		" m when (a or b) and c\n"
		" m when a or b or c\n"
		" m when a and b and c\n"
		" m when not not a\n"
		" m when a and b or c\n"
		"end\n");
	/* a or (b and (not c)) */
	struct cond *t = rule_cond(c, 0, 0);
	assert_int_equal(t->kind, COND_OR);
	assert_atom(t->left, "a");
	assert_int_equal(t->right->kind, COND_AND);
	assert_atom(t->right->left, "b");
	assert_int_equal(t->right->right->kind, COND_NOT);
	assert_atom(t->right->right->left, "c");
	assert_covers(c, t->loc, "a or b and not c");
	assert_covers(c, t->right->loc, "b and not c");

	/* (not a) and b */
	t = rule_cond(c, 0, 1);
	assert_int_equal(t->kind, COND_AND);
	assert_int_equal(t->left->kind, COND_NOT);
	assert_atom(t->left->left, "a");
	assert_atom(t->right, "b");

	/* (a or b) and c, the group marked */
	t = rule_cond(c, 0, 2);
	assert_int_equal(t->kind, COND_AND);
	assert_int_equal(t->left->kind, COND_OR);
	assert_true(t->left->parenthesized);
	assert_false(t->parenthesized);
	assert_atom(t->right, "c");

	/* (a or b) or c */
	t = rule_cond(c, 0, 3);
	assert_int_equal(t->kind, COND_OR);
	assert_int_equal(t->left->kind, COND_OR);
	assert_atom(t->right, "c");

	/* (a and b) and c */
	t = rule_cond(c, 0, 4);
	assert_int_equal(t->kind, COND_AND);
	assert_int_equal(t->left->kind, COND_AND);
	assert_atom(t->right, "c");

	/* not (not a) */
	t = rule_cond(c, 0, 5);
	assert_int_equal(t->kind, COND_NOT);
	assert_int_equal(t->left->kind, COND_NOT);
	assert_atom(t->left->left, "a");

	/* (a and b) or c, the 'and' not parenthesized */
	t = rule_cond(c, 0, 6);
	assert_int_equal(t->kind, COND_OR);
	assert_int_equal(t->left->kind, COND_AND);
	assert_false(t->left->parenthesized);
	tl_free(c);
}

/* ---- timelines ------------------------------------------------------ */

static void test_timeline(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"timeline upw in England, Wales\n"
		"  initially\n"
		"    not permitted\n"
		"    status \"paused\"\n"
		"    cite \"c0\"\n"
		"  not before step1\n"
		"    permitted\n"
		"    subject to local_decision, other\n"
		"    cite \"c1\"\n"
		"  not before 2021-03-29 in step1\n"
		"    permitted\n"
		"    status \"groups of 6\"\n"
		"    limit max_group 6\n"
		"    limit sites 2\n"
		"    note \"n\"\n"
		"  not before 2021-05-17\n"
		"    no change\n"
		"    cite \"c3\"\n"
		"end\n");
	struct item *it = item_at(c, 0);
	assert_int_equal(it->kind, ITEM_TIMELINE);
	struct timeline *t = it->u.timeline;
	assert_string_equal(t->activity.text, "upw");
	assert_int_equal(t->areas.n, 2);
	assert_string_equal(name_at(&t->areas, 1), "Wales");
	assert_int_equal(t->entries.n, 4);

	struct entry *e = t->entries.items[0];
	assert_int_equal(e->head, ENTRY_INITIALLY);
	assert_int_equal(e->permission, PERMIT_NO);
	assert_covers(c, e->permission_loc, "not permitted");
	assert_string_equal(e->status->s, "paused");
	assert_string_equal(text_at(&e->annots.cites, 0), "c0");
	assert_covers(c, e->loc, "initially");

	e = t->entries.items[1];
	assert_int_equal(e->head, ENTRY_STEP);
	assert_string_equal(e->step.text, "step1");
	assert_int_equal(e->permission, PERMIT_YES);
	assert_null(e->status);
	assert_int_equal(e->conditions.n, 2);
	assert_string_equal(name_at(&e->conditions, 1), "other");
	assert_covers(c, e->loc, "not before step1");

	e = t->entries.items[2];
	assert_int_equal(e->head, ENTRY_DATE);
	assert_int_equal(e->date.year, 2021);
	assert_int_equal(e->date.day, 29);
	assert_string_equal(e->step.text, "step1");
	assert_covers(c, e->loc, "not before 2021-03-29 in step1");
	assert_int_equal(e->limits.n, 2);
	struct limit *l = e->limits.items[0];
	assert_string_equal(l->key.text, "max_group");
	assert_int_equal(l->value, 6);
	assert_covers(c, l->loc, "limit max_group 6");
	l = e->limits.items[1];
	assert_string_equal(l->key.text, "sites");
	assert_int_equal(l->value, 2);
	assert_int_equal(e->annots.notes.n, 1);
	assert_int_equal(e->annots.cites.n, 0);

	e = t->entries.items[3];
	assert_int_equal(e->head, ENTRY_DATE);
	assert_null(e->step.text);
	assert_int_equal(e->permission, PERMIT_UNCHANGED);
	assert_covers(c, e->permission_loc, "no change");
	tl_free(c);
}

static void test_timeline_parse_time_errors(void **state)
{
	(void)state;
	/* clauses before any head, a second permission or status: reported
	 * while parsing, with notes, the tree still built */
	bool ok;
	struct compilation *c = tl_parse(
		"timeline upw in England\n"
		"  status \"early\"\n"
		"  initially\n"
		"    permitted\n"
		"    no change\n"
		"    status \"a\"\n"
		"    status \"b\"\n"
		"end\n"
		"schedule P at O closed closed end\n", &ok);
	assert_true(ok);	/* not syntax errors */
	assert_int_equal(c->diags.errors, 4);
	tl_expect(c, "clause-outside-entry", 2, 3,
		  "'status' must follow an entry head: 'initially' or 'not before DATE'");
	struct diag *g = tl_expect(c, "duplicate-clause", 5, 5,
				   "entry already says whether it is permitted");
	tl_expect_note(c, g, 4, 5, "said here");
	g = tl_expect(c, "duplicate-clause", 7, 5, "entry already has a status");
	tl_expect_note(c, g, 6, 12, "status given here");
	g = tl_expect(c, "duplicate-clause", 9, 24, "'closed' said twice");
	tl_expect_note(c, g, 9, 17, "first said here");
	struct timeline *t = item_at(c, 0)->u.timeline;
	assert_int_equal(t->entries.n, 1);
	struct entry *e = t->entries.items[0];
	assert_int_equal(e->permission, PERMIT_YES);	/* the first one kept */
	assert_string_equal(e->status->s, "b");
	tl_free(c);
}

/* ---- tests: expect and assert ------------------------------------------ */

static struct test *test_at(struct compilation *c, size_t i)
{
	struct item *it = item_at(c, i);
	assert_int_equal(it->kind, ITEM_TEST);
	return it->u.test;
}

static void test_office_questions(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"expect NPS at Derby on Mon is open\n"
		"expect CRC at Buxton on 2021-03-10 is closed cite \"why\"\n"
		"assert every provider at every office on every day is closed\n"
		"assert NPS at Derby on every date from step1 to 2021-12-31 is open\n");
	struct test *t = test_at(c, 0);
	assert_false(t->is_assert);
	assert_int_equal(t->q.kind, Q_OFFICE);
	assert_int_equal(t->q.first.every, EVERY_NONE);
	assert_string_equal(t->q.first.name.text, "NPS");
	assert_string_equal(t->q.second.name.text, "Derby");
	assert_int_equal(t->q.when.every, EVERY_NONE);
	assert_false(t->q.when.at.is_date);
	assert_string_equal(t->q.when.at.name.text, "Mon");
	assert_true(t->q.open);
	assert_covers(c, t->q.outcome_loc, "is open");
	assert_covers(c, t->loc, "expect NPS at Derby on Mon is open");

	t = test_at(c, 1);
	assert_true(t->q.when.at.is_date);
	assert_int_equal(t->q.when.at.date.month, 3);
	assert_false(t->q.open);
	assert_string_equal(text_at(&t->annots.cites, 0), "why");

	t = test_at(c, 2);
	assert_true(t->is_assert);
	assert_int_equal(t->q.first.every, EVERY_PROVIDER);
	assert_int_equal(t->q.second.every, EVERY_OFFICE);
	assert_covers(c, t->q.second.loc, "every office");
	assert_int_equal(t->q.when.every, EVERY_DAY);

	t = test_at(c, 3);
	assert_int_equal(t->q.when.every, EVERY_DATE);
	assert_true(t->q.when.has_from);
	assert_true(t->q.when.has_to);
	assert_false(t->q.when.to_exclusive);
	assert_string_equal(t->q.when.from.name.text, "step1");
	assert_true(t->q.when.to.is_date);
	assert_int_equal(t->q.when.to.date.year, 2021);
	assert_covers(c, t->q.when.loc, "on every date from step1 to 2021-12-31");
	tl_free(c);
}

static void test_contact_questions(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"expect contact NPS is remote\n"
		"expect contact NPS with tact, risk = high, mappa = 3 is not remote\n"
		"assert contact every provider for every case where no_phone is at least doorstep\n"
		"assert contact NPS for every case is at most remote\n");
	struct test *t = test_at(c, 0);
	assert_int_equal(t->q.kind, Q_CONTACT);
	assert_int_equal(t->q.settings.n, 0);
	assert_false(t->q.every_case);
	assert_int_equal(t->q.op, OUT_IS);
	assert_string_equal(t->q.mode.text, "remote");

	t = test_at(c, 1);
	assert_int_equal(t->q.settings.n, 3);
	struct setting *s = t->q.settings.items[0];
	assert_string_equal(s->attr.text, "tact");
	assert_false(s->has_value);
	s = t->q.settings.items[1];
	assert_true(s->has_value);
	assert_string_equal(s->value.name.text, "high");
	s = t->q.settings.items[2];
	assert_true(s->value.is_int);
	assert_int_equal(s->value.number, 3);
	assert_covers(c, s->loc, "mappa = 3");
	assert_covers(c, t->q.case_loc, "with tact, risk = high, mappa = 3");
	assert_int_equal(t->q.op, OUT_IS_NOT);
	assert_covers(c, t->q.outcome_loc, "is not remote");

	t = test_at(c, 2);
	assert_int_equal(t->q.first.every, EVERY_PROVIDER);
	assert_true(t->q.every_case);
	assert_atom(t->q.where, "no_phone");
	assert_covers(c, t->q.case_loc, "for every case");
	assert_int_equal(t->q.op, OUT_AT_LEAST);
	assert_string_equal(t->q.mode.text, "doorstep");

	t = test_at(c, 3);
	assert_true(t->q.every_case);
	assert_null(t->q.where);
	assert_int_equal(t->q.op, OUT_AT_MOST);
	tl_free(c);
}

static void test_activity_questions(void **state)
{
	(void)state;
	struct compilation *c = parse_ok(
		"expect upw in England on 2021-05-17 is permitted with max_group 6, sites 5 subject to local_decision\n"
		"expect upw in England on step2 is not permitted\n"
		"assert upw in every area on every date before step3 is not permitted\n"
		"assert every activity in England on every date from step1 before step2 is permitted\n"
		"assert upw in Wales on every date is permitted subject to a, b\n");
	struct test *t = test_at(c, 0);
	assert_int_equal(t->q.kind, Q_ACTIVITY);
	assert_string_equal(t->q.first.name.text, "upw");
	assert_string_equal(t->q.second.name.text, "England");
	assert_true(t->q.permitted);
	assert_int_equal(t->q.limits.n, 2);
	struct limit *l = t->q.limits.items[1];
	assert_string_equal(l->key.text, "sites");
	assert_int_equal(l->value, 5);
	assert_int_equal(t->q.conditions.n, 1);
	assert_string_equal(name_at(&t->q.conditions, 0), "local_decision");
	assert_covers(c, t->q.outcome_loc,
		      "is permitted with max_group 6, sites 5 subject to local_decision");

	t = test_at(c, 1);
	assert_false(t->q.permitted);
	assert_string_equal(t->q.when.at.name.text, "step2");
	assert_covers(c, t->q.outcome_loc, "is not permitted");

	t = test_at(c, 2);
	assert_int_equal(t->q.second.every, EVERY_AREA);
	assert_false(t->q.when.has_from);
	assert_true(t->q.when.has_to);
	assert_true(t->q.when.to_exclusive);

	t = test_at(c, 3);
	assert_int_equal(t->q.first.every, EVERY_ACTIVITY);
	assert_true(t->q.when.has_from);
	assert_true(t->q.when.to_exclusive);
	assert_string_equal(t->q.when.to.name.text, "step2");

	t = test_at(c, 4);
	assert_int_equal(t->q.when.every, EVERY_DATE);
	assert_false(t->q.when.has_from);
	assert_false(t->q.when.has_to);
	assert_int_equal(t->q.limits.n, 0);
	assert_int_equal(t->q.conditions.n, 2);
	tl_free(c);
}

/* ---- errors ---------------------------------------------------------- */

static void test_syntax_error_message(void **state)
{
	(void)state;
	bool ok;
	struct compilation *c = tl_parse("nation England\nregion East \"East\" England\n", &ok);
	assert_false(ok);
	assert_int_equal(c->diags.errors, 1);
	tl_expect(c, "syntax", 2, 20, "unexpected 'England'; expected 'in'");
	assert_int_equal(c->ast.items.n, 1);	/* the nation */
	char *out = tl_render(c);
	assert_string_equal(out,
		"t.pol:2:20: error: unexpected 'England'; expected 'in'\n"
		"    2 | region East \"East\" England\n"
		"      |                    ^~~~~~~\n");
	free(out);
	tl_free(c);
}

static void test_missing_end_note(void **state)
{
	(void)state;
	bool ok;
	struct compilation *c = tl_parse("provider P\ncontact for P\n  otherwise remote cite \"x\"\n", &ok);
	assert_false(ok);
	struct diag *g = tl_expect(c, "syntax", 4, 1,
				   "unexpected end of file; expected name, 'end' or 'otherwise'");
	tl_expect_note(c, g, 2, 1, "to close 'contact' opened here");
	tl_free(c);
}

static void test_unexpected_text_and_dates(void **state)
{
	(void)state;
	bool ok;
	struct compilation *c = tl_parse("provider \"NPS\"\nstep s not before step1\n", &ok);
	assert_false(ok);
	tl_expect(c, "syntax", 1, 10, "unexpected text; expected name");
	tl_expect(c, "syntax", 2, 19, "unexpected 'step1'; expected date");
	tl_free(c);
}

/* One run reports the errors of several statements and keeps the good
 * statements between them. */
static void test_error_recovery(void **state)
{
	(void)state;
	bool ok;
	struct compilation *c = tl_parse(
		"provider NPS\n"
		"provider 12\n"				/* 2 */
		"nation England\n"
		"range mappa 0 .. high\n"		/* 4 */
		"flag tact\n"
		"schedule NPS at Derby\n"
		"  open Mon,\n"
		"  cite \"x\"\n"				/* 8 */
		"  closed\n"
		"end\n"
		"contact for NPS\n"
		"  face_to_face when tact and\n"
		"    cite \"x\"\n"			/* 13 */
		"  otherwise remote\n"
		"    cite \"y\"\n"
		"end\n"
		"timeline upw in England\n"
		"  initially\n"
		"    not permitted 6\n"			/* 19 */
		"    status \"s\"\n"
		"end\n"
		"expect NPS at Derby is open\n"	/* 22 */
		"activity upw\n", &ok);
	assert_false(ok);
	assert_int_equal(tl_count(c, "syntax"), 6);
	tl_expect(c, "syntax", 2, 10, "unexpected '12'; expected name");
	tl_expect(c, "syntax", 4, 18, "unexpected 'high'; expected number");
	tl_expect(c, "syntax", 8, 3, "unexpected 'cite'; expected name");
	tl_expect(c, "syntax", 13, 5, "unexpected 'cite'; expected name, '(' or 'not'");
	tl_expect(c, "syntax", 19, 19, "unexpected '6'");
	tl_expect(c, "syntax", 22, 21, "unexpected 'is'; expected 'on'");
	/* provider NPS, nation, flag, schedule, contact, timeline, activity */
	assert_int_equal(c->ast.items.n, 7);
	struct schedule *s = item_at(c, 3)->u.schedule;
	assert_true(s->closed);		/* the clause after the bad one */
	struct contact *k = item_at(c, 4)->u.contact;
	assert_int_equal(k->rules.n, 1);	/* the otherwise */
	decl_at(c, 6, DECL_ACTIVITY, "upw");
	tl_free(c);
}

static void test_error_limit(void **state)
{
	(void)state;
	/* 150 bad statements (each long enough for bison to report it after
	 * recovering from the one before): 100 errors recorded, then a stop */
	size_t cap = 150 * 24 + 1, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(text + n, cap - n, "nation N%d note %d\n", i, i);
	bool ok;
	struct compilation *c = tl_parse(text, &ok);
	assert_false(ok);
	assert_int_equal(c->diags.errors, 100);
	assert_true(c->diags.truncated);
	char *out = tl_render(c);
	assert_non_null(strstr(out, "polc: too many errors, stopped after 100\n"));
	free(out);
	free(text);
	tl_free(c);
}

static void test_empty_inputs(void **state)
{
	(void)state;
	struct compilation *c = parse_ok("");
	assert_int_equal(c->ast.items.n, 0);
	tl_free(c);
	c = parse_ok("# only\n# comments\n\n   \n");
	assert_int_equal(c->ast.items.n, 0);
	tl_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_declarations),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_schedule),
		cmocka_unit_test(test_dated_schedule),
		cmocka_unit_test(test_service),
		cmocka_unit_test(test_contact_rules),
		cmocka_unit_test(test_comparison_operators),
		cmocka_unit_test(test_condition_precedence),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_timeline_parse_time_errors),
		cmocka_unit_test(test_office_questions),
		cmocka_unit_test(test_contact_questions),
		cmocka_unit_test(test_activity_questions),
		cmocka_unit_test(test_syntax_error_message),
		cmocka_unit_test(test_missing_end_note),
		cmocka_unit_test(test_unexpected_text_and_dates),
		cmocka_unit_test(test_error_recovery),
		cmocka_unit_test(test_error_limit),
		cmocka_unit_test(test_empty_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
