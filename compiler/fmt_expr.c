/* fmt_expr.c - canonical text of conditions and test questions, shared
 * by polc fmt and polc doc. */
#include "fmt.h"

#include <inttypes.h>

/* The canonical spelling of a comparison, with its spaces. */
static const char *cmp_text(enum cmp_op op)
{
	switch (op) {
	case CMP_EQ: return " == ";
	case CMP_NE: return " != ";
	case CMP_LT: return " < ";
	case CMP_LE: return " <= ";
	case CMP_GT: return " > ";
	case CMP_GE: return " >= ";
	case CMP_NONE: break;
	}
	return "";
}

/* A level value or a number, as written. */
static void put_value(struct strbuf *b, const struct value *v)
{
	if (v->is_int)
		strbuf_printf(b, "%" PRId64, v->number);
	else
		strbuf_puts(b, v->name.text);
}

/* The operands of a chain of one operator written without parentheses
 * ("a or b or c"), left to right, without recursing down the chain. */
static void chain_operands(struct arena *a, const struct cond *c,
			   struct vec *out)
{
	struct vec todo = { 0 };
	vec_push(a, &todo, (void *)c->right);
	vec_push(a, &todo, (void *)c->left);
	while (todo.n) {
		const struct cond *x = todo.items[--todo.n];
		if (x->kind == c->kind && !x->parenthesized) {
			vec_push(a, &todo, (void *)x->right);
			vec_push(a, &todo, (void *)x->left);
		} else {
			vec_push(a, out, (void *)x);
		}
	}
}

/* Recursion goes one level per pair of parentheses or change of
 * operator, which the parser bounds; 'not not ...' is a loop. */
void fmt_cond(struct strbuf *b, const struct cond *c)
{
	size_t close = 0;
	for (;;) {
		if (c->parenthesized) {
			strbuf_putc(b, '(');
			close++;
		}
		if (c->kind != COND_NOT)
			break;
		strbuf_puts(b, "not ");
		c = c->left;
	}
	if (c->kind == COND_ATOM) {
		strbuf_puts(b, c->attr.text);
		if (c->op != CMP_NONE) {
			strbuf_puts(b, cmp_text(c->op));
			put_value(b, &c->value);
		}
	} else {
		struct vec ops = { 0 };
		chain_operands(b->arena, c, &ops);
		for (size_t i = 0; i < ops.n; i++) {
			if (i)
				strbuf_puts(b, c->kind == COND_AND ? " and " : " or ");
			fmt_cond(b, ops.items[i]);
		}
	}
	while (close--)
		strbuf_putc(b, ')');
}

/* A name, or "every provider" and the like. */
static void put_subject(struct strbuf *b, const struct subject *s)
{
	switch (s->every) {
	case EVERY_PROVIDER: strbuf_puts(b, "every provider"); return;
	case EVERY_OFFICE: strbuf_puts(b, "every office"); return;
	case EVERY_AREA: strbuf_puts(b, "every area"); return;
	case EVERY_ACTIVITY: strbuf_puts(b, "every activity"); return;
	default: strbuf_puts(b, s->name.text); return;
	}
}

/* A date as YYYY-MM-DD, or a weekday or step name. */
static void put_point(struct strbuf *b, const struct point *p)
{
	if (p->is_date)
		strbuf_printf(b, "%04d-%02d-%02d", p->date.year, p->date.month,
			      p->date.day);
	else
		strbuf_puts(b, p->name.text);
}

/* " on ...": a point, every day, or every date in a range. */
static void put_when(struct strbuf *b, const struct when *w)
{
	if (w->every == EVERY_DAY) {
		strbuf_puts(b, " on every day");
		return;
	}
	if (w->every != EVERY_DATE) {
		strbuf_puts(b, " on ");
		put_point(b, &w->at);
		return;
	}
	strbuf_puts(b, " on every date");
	if (w->has_from) {
		strbuf_puts(b, " from ");
		put_point(b, &w->from);
	}
	if (w->has_to) {
		strbuf_puts(b, w->to_exclusive ? " before " : " to ");
		put_point(b, &w->to);
	}
}

/* "a, b, c". */
static void put_names(struct strbuf *b, const struct vec *names)
{
	for (size_t i = 0; i < names->n; i++) {
		const struct name *n = names->items[i];
		if (i)
			strbuf_puts(b, ", ");
		strbuf_puts(b, n->text);
	}
}

/* A contact question: provider, case, outcome. */
static void put_contact(struct strbuf *b, const struct question *q)
{
	strbuf_puts(b, "contact ");
	put_subject(b, &q->first);
	if (q->dated) {
		strbuf_puts(b, " on ");
		put_point(b, &q->when.at);
	}
	if (q->every_case) {
		strbuf_puts(b, " for every case");
		if (q->where) {
			strbuf_puts(b, " where ");
			fmt_cond(b, q->where);
		}
	} else {
		for (size_t i = 0; i < q->settings.n; i++) {
			const struct setting *s = q->settings.items[i];
			strbuf_puts(b, i ? ", " : " with ");
			strbuf_puts(b, s->attr.text);
			if (s->has_value) {
				strbuf_puts(b, " = ");
				put_value(b, &s->value);
			}
		}
	}
	static const char *const ops[] = { " is ", " is not ", " is at least ",
					   " is at most " };
	strbuf_puts(b, ops[q->op]);
	strbuf_puts(b, q->mode.text);
}

void fmt_question(struct strbuf *b, const struct question *q)
{
	if (q->kind == Q_CONTACT) {
		put_contact(b, q);
		return;
	}
	put_subject(b, &q->first);
	strbuf_puts(b, q->kind == Q_OFFICE ? " at " : " in ");
	put_subject(b, &q->second);
	put_when(b, &q->when);
	if (q->kind == Q_OFFICE) {
		strbuf_puts(b, q->not_covered ? " is not covered" :
			    q->open ? " is open" : " is closed");
		return;
	}
	if (q->not_covered) {
		strbuf_puts(b, " is not covered");
		return;
	}
	if (!q->permitted) {
		strbuf_puts(b, " is not permitted");
		return;
	}
	strbuf_puts(b, " is permitted");
	for (size_t i = 0; i < q->limits.n; i++) {
		const struct limit *l = q->limits.items[i];
		strbuf_printf(b, "%s%s %" PRId64, i ? ", " : " with ", l->key.text,
			      l->value);
	}
	if (q->conditions.n) {
		strbuf_puts(b, " subject to ");
		put_names(b, &q->conditions);
	}
}
