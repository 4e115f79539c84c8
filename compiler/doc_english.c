/* doc_english.c - policy constructs as plain English for polc doc.
 *
 * A condition reads as a clause about the service user or the case, from
 * the attributes' own descriptions: a flag described as "TACT service
 * user" reads "the service user is a TACT service user", one described as
 * "High profile case" reads "the case is a high profile case", one ending
 * in "flag" reads "the case has an ... flag"; a level or range reads
 * "risk of harm is at least high", "MAPPA level is 3".  'and' and 'or'
 * chains become lists ("A, B, or C"); a list inside another is marked
 * with "either" or "both" so the grouping survives without parentheses.
 */
#include "doc.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "pol/runtime.h"

const char *doc_words(struct arena *a, const char *name)
{
	char *s = arena_strdup(a, name);
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = ' ';
	return s;
}

const char *doc_display(struct arena *a, const struct decl *d)
{
	if (d->title && d->title->len)
		return d->title->s;
	return doc_words(a, d->name.text);
}

/* ---- describing attributes -------------------------------------------- */

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* An ASCII lower-case letter. */
static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* A description as it reads inside a sentence: "High profile case" ->
 * "high profile case"; "MAPPA level", "Active Child Protection flag" and
 * "TACT user" keep their capitals (an acronym, or a name of several
 * capitalised words). */
static const char *mid_sentence(struct arena *a, const char *s)
{
	if (!is_upper(s[0]) || !is_lower(s[1]))
		return s;
	const char *space = strchr(s, ' ');
	if (space && is_upper(space[1]))
		return s;
	char *t = arena_strdup(a, s);
	t[0] = (char)tolower((unsigned char)t[0]);
	return t;
}

/* Does s start with word (whole word, any case)? */
static bool starts_with_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	return strncasecmp(s, word, n) == 0 && (s[n] == ' ' || s[n] == '\0');
}

/* Does s contain word as a whole word (any case)? */
static bool has_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = s; *p; p++) {
		bool start = p == s || !isalnum((unsigned char)p[-1]);
		if (start && strncasecmp(p, word, n) == 0 &&
		    !isalnum((unsigned char)p[n]))
			return true;
	}
	return false;
}

/* Does s end with word (whole word, any case)? */
static bool ends_with_word(const char *s, const char *word)
{
	size_t n = strlen(s), k = strlen(word);
	return n >= k && strcasecmp(s + n - k, word) == 0 &&
	       (n == k || s[n - k - 1] == ' ');
}

/* "a " or "an " for a noun phrase, "" if it has one already. */
static const char *article(const char *s)
{
	if (starts_with_word(s, "a") || starts_with_word(s, "an") ||
	    starts_with_word(s, "the"))
		return "";
	return strchr("aeiouAEIOU", s[0]) && s[0] ? "an " : "a ";
}

/* A flag as a clause about the service user or the case. */
static void flag_phrase(struct strbuf *b, const struct decl *d, bool negated)
{
	struct arena *a = b->arena;
	if (!d->title || !d->title->len) {
		strbuf_printf(b, "the case is %sflagged \u201c%s\u201d",
			      negated ? "not " : "", doc_words(a, d->name.text));
		return;
	}
	const char *t = mid_sentence(a, d->title->s);
	const char *is = negated ? "is not " : "is ";
	if (ends_with_word(t, "flag")) {
		strbuf_printf(b, "the case %s%s%s", negated ? "does not have " : "has ",
			      article(t), t);
	} else if (starts_with_word(t, "service user") && t[12] == ' ') {
		strbuf_printf(b, "the service user %s%s", is, t + 13);
	} else if (starts_with_word(t, "case") && t[4] == ' ') {
		strbuf_printf(b, "the case %s%s", is, t + 5);
	} else if (has_word(t, "case")) {
		strbuf_printf(b, "the case %s%s%s", is, article(t), t);
	} else {
		strbuf_printf(b, "the service user %s%s%s", is, article(t), t);
	}
}

/* The comparison true exactly when op is false. */
static enum cmp_op negate_op(enum cmp_op op)
{
	switch (op) {
	case CMP_EQ: return CMP_NE;
	case CMP_NE: return CMP_EQ;
	case CMP_LT: return CMP_GE;
	case CMP_LE: return CMP_GT;
	case CMP_GT: return CMP_LE;
	case CMP_GE: return CMP_LT;
	case CMP_NONE: break;
	}
	return CMP_NONE;
}

/* "risk of harm is at least high", "MAPPA level is 3". */
static void compare_phrase(struct strbuf *b, const struct cond *c, bool negated)
{
	struct arena *a = b->arena;
	const struct decl *d = c->attr_decl;
	const char *subject = d ? mid_sentence(a, doc_display(a, d))
				: doc_words(a, c->attr.text);
	bool level = !d || d->kind == DECL_LEVEL;
	const char *v = c->value.is_int
		? arena_printf(a, "%lld", (long long)c->value.number)
		: doc_words(a, c->value.name.text);
	enum cmp_op op = negated ? negate_op(c->op) : c->op;
	switch (op) {
	case CMP_EQ: strbuf_printf(b, "%s is %s", subject, v); break;
	case CMP_NE: strbuf_printf(b, "%s is not %s", subject, v); break;
	case CMP_GE: strbuf_printf(b, "%s is at least %s", subject, v); break;
	case CMP_LE: strbuf_printf(b, "%s is at most %s", subject, v); break;
	case CMP_GT:
		strbuf_printf(b, "%s is %s %s", subject, level ? "above" : "more than", v);
		break;
	case CMP_LT:
		strbuf_printf(b, "%s is %s %s", subject, level ? "below" : "less than", v);
		break;
	case CMP_NONE: break;
	}
}

/* A flag or a comparison, negated or not. */
static void atom_phrase(struct strbuf *b, const struct cond *c, bool negated)
{
	if (c->op == CMP_NONE) {
		if (c->attr_decl)
			flag_phrase(b, c->attr_decl, negated);
		else
			strbuf_printf(b, "%s is %sset", c->attr.text, negated ? "not " : "");
	} else {
		compare_phrase(b, c, negated);
	}
}

/* ---- conditions ------------------------------------------------------- */

enum place { TOP, IN_LIST, NEGATED };

/* The operands of a chain of one operator, left to right, parentheses
 * or not (the operators are associative), without recursion. */
static void operands(struct arena *a, const struct cond *c, struct vec *out)
{
	struct vec todo = { 0 };
	vec_push(a, &todo, (void *)c);
	while (todo.n) {
		const struct cond *x = todo.items[--todo.n];
		if (x->kind == c->kind) {
			vec_push(a, &todo, (void *)x->right);
			vec_push(a, &todo, (void *)x->left);
		} else {
			vec_push(a, out, (void *)x);
		}
	}
}

/* Any condition: negations counted in a loop, lists by list_phrase. */
static void english(struct strbuf *b, const struct cond *c, enum place place);

/* "A and B", "A, B, and C"; prefixed when inside another list or
 * negated, so the grouping is clear. */
static void list_phrase(struct strbuf *b, const struct cond *c, enum place place)
{
	bool is_and = c->kind == COND_AND;
	struct vec ops = { 0 };
	operands(b->arena, c, &ops);
	if (place == IN_LIST)
		strbuf_puts(b, is_and ? (ops.n == 2 ? "both " : "all of ") : "either ");
	else if (place == NEGATED)
		strbuf_puts(b, is_and ? (ops.n == 2 ? "not both " : "not all of ")
				      : (ops.n == 2 ? "neither " : "none of "));
	bool neither = place == NEGATED && !is_and && ops.n == 2;
	/* a list holding a list needs its commas, or its end is unclear */
	bool nested = false;
	for (size_t i = 0; i < ops.n; i++) {
		const struct cond *x = ops.items[i];
		while (x->kind == COND_NOT)
			x = x->left;
		nested |= x->kind != COND_ATOM;
	}
	for (size_t i = 0; i < ops.n; i++) {
		if (i > 0) {
			bool last = i + 1 == ops.n;
			if (neither)
				strbuf_puts(b, " nor ");
			else if (ops.n == 2 && !nested && (place != TOP || is_and))
				strbuf_puts(b, is_and ? " and " : " or ");
			else if (last)
				strbuf_puts(b, is_and ? ", and " : ", or ");
			else
				strbuf_puts(b, ", ");
		}
		english(b, ops.items[i], IN_LIST);
	}
}

static void english(struct strbuf *b, const struct cond *c, enum place place)
{
	bool negated = false;
	while (c->kind == COND_NOT) {
		negated = !negated;
		c = c->left;
	}
	if (c->kind == COND_ATOM)
		atom_phrase(b, c, negated);
	else
		list_phrase(b, c, negated ? NEGATED : place);
}

void doc_english_cond(struct strbuf *b, const struct cond *c)
{
	english(b, c, TOP);
}

void doc_english_mode(struct strbuf *b, const struct decl *mode)
{
	if (!mode->title || !mode->title->len) {
		const char *w = doc_words(b->arena, mode->name.text);
		strbuf_putc(b, (char)toupper((unsigned char)w[0]));
		strbuf_puts(b, w + 1);
		return;
	}
	const char *colon = strchr(mode->title->s, ':');
	size_t n = colon ? (size_t)(colon - mode->title->s) : mode->title->len;
	strbuf_add(b, mode->title->s, n);
}

void doc_english_rule(struct strbuf *b, const struct rule *r)
{
	if (!r->when) {
		struct strbuf m;
		strbuf_init(&m, b->arena);
		doc_english_mode(&m, r->mode_decl);
		strbuf_printf(b, "In every other case: %s.", mid_sentence(b->arena, m.s));
		return;
	}
	doc_english_mode(b, r->mode_decl);
	strbuf_puts(b, " when ");
	doc_english_cond(b, r->when);
	strbuf_putc(b, '.');
}

/* ---- dates, days, hours, terms ---------------------------------------- */

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

const char *doc_date(struct arena *a, int32_t days, bool short_form)
{
	if (days == POL_NO_DATE)
		return "before the first date";
	int y, m, d;
	pol_date_to_ymd(days, &y, &m, &d);
	if (short_form)
		return arena_printf(a, "%d %.3s", d, month_names[m - 1]);
	return arena_printf(a, "%d %s %d", d, month_names[m - 1], y);
}

const char *doc_days(struct arena *a, unsigned mask)
{
	struct strbuf b;
	strbuf_init(&b, a);
	for (int d = 0; d < 7; d++) {
		if (!(mask & (1u << d)))
			continue;
		int e = d;
		while (e + 1 < 7 && (mask & (1u << (e + 1))))
			e++;
		if (b.len)
			strbuf_puts(&b, ", ");
		strbuf_puts(&b, pol_weekday_name(d));
		if (e >= d + 2) {
			strbuf_printf(&b, "\u2013%s", pol_weekday_name(e));
			d = e;
		}
	}
	return b.len ? b.s : "no day";
}

const char *doc_hours(struct arena *a, int open_minute, int close_minute)
{
	return arena_printf(a, "%02d:%02d\u2013%02d:%02d", open_minute / 60,
			    open_minute % 60, close_minute / 60, close_minute % 60);
}

/* ", 09:00–12:30 and 13:30–17:00", or nothing without hours. */
static void put_hours(struct strbuf *b, struct arena *a, const struct hours *h)
{
	for (unsigned k = 0; h->present && k < h->n; k++)
		strbuf_printf(b, "%s%s", k ? " and " : ", ",
			      doc_hours(a, h->open[k].hour * 60 + h->open[k].minute,
					h->close[k].hour * 60 + h->close[k].minute));
}

static const char *date_text(struct arena *a, const struct date_lit *d)
{
	return arena_printf(a, "%04d-%02d-%02d", d->year, d->month, d->day);
}

const char *doc_schedule_summary(struct arena *a, const struct schedule *s)
{
	struct strbuf b;
	strbuf_init(&b, a);
	if (s->closed)
		strbuf_puts(&b, "closed");
	else if (!s->opens.n && !s->on_dates.n)
		return "no days or hours given";
	for (size_t i = 0; i < s->opens.n; i++) {
		const struct open_clause *o = s->opens.items[i];
		strbuf_printf(&b, "%sopen %s", i ? "; " : "", doc_days(a, o->mask));
		put_hours(&b, a, &o->hours);
		for (size_t k = 0; k < o->excepts.n; k++) {
			const struct except_clause *x = o->excepts.items[k];
			strbuf_printf(&b, ", except %s", doc_days(a, x->mask));
			if (x->hours.present)
				put_hours(&b, a, &x->hours);
			else
				strbuf_puts(&b, " (closed)");
		}
	}
	for (size_t i = 0; i < s->on_dates.n; i++) {
		const struct date_clause *dc = s->on_dates.items[i];
		strbuf_printf(&b, "%s%s ", b.len ? "; " : "", dc->open ? "open" : "closed");
		if (dc->is_range)
			strbuf_printf(&b, "from %s until %s", date_text(a, &dc->from),
				      date_text(a, &dc->until));
		else
			strbuf_printf(&b, "on %s", date_text(a, &dc->from));
		put_hours(&b, a, &dc->hours);
	}
	return b.s;
}

const char *doc_name_list(struct arena *a, const struct vec *decls)
{
	struct strbuf b;
	strbuf_init(&b, a);
	for (size_t i = 0; i < decls->n; i++) {
		const struct decl *d = decls->items[i];
		if (i)
			strbuf_puts(&b, i + 1 == decls->n ? " and " : ", ");
		strbuf_puts(&b, doc_words(a, d->name.text));
	}
	return b.s;
}

void doc_entry_terms(struct arena *a, const struct model_entry *e,
		     struct vec *out)
{
	for (int i = 0; i < POL_LIMIT_COUNT; i++)
		if (e->limits[i])
			vec_push(a, out, arena_printf(a, "%s %d",
						      doc_words(a, check_limit_names[i]),
						      (int)e->limits[i]));
	for (size_t i = 0; i < e->conditions.n; i++) {
		const struct decl *c = e->conditions.items[i];
		vec_push(a, out, arena_printf(a, "subject to %s",
					      doc_words(a, c->name.text)));
	}
}
