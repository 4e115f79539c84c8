/* parser.y - the grammar of the policy language.
 *
 * Pure parser with locations; no conflicts (%expect 0).  Newlines mean
 * nothing: every statement starts with a keyword and blocks close with
 * 'end', so a policy reads aloud.  Error recovery works at three levels:
 * a bad top-level item is skipped up to the next item keyword, a bad
 * clause inside a schedule, contact block or timeline up to the next
 * clause keyword, so one run reports every independent error.
 */
%require "3.8"
%define api.pure full
%define api.prefix {pol_yy}
%define api.token.prefix {T_}
%define api.location.type {struct pol_loc}
%define parse.error custom
%locations
%expect 0

%lex-param {yyscan_t scanner}
%parse-param {yyscan_t scanner} {struct parse_ctx *ctx}

%code requires {
#include "ast.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
struct parse_ctx;
}

%code provides {
int pol_yylex(POL_YYSTYPE *yylval, POL_YYLTYPE *yylloc, yyscan_t scanner);
int pol_yyparse(yyscan_t scanner, struct parse_ctx *ctx);
}

%code {
#include <string.h>

#include "parse.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                     \
	do {                                                            \
		if (N) {                                                \
			(Cur).file = YYRHSLOC(Rhs, 1).file;             \
			(Cur).start = YYRHSLOC(Rhs, 1).start;           \
			(Cur).end = YYRHSLOC(Rhs, N).end;               \
		} else {                                                \
			(Cur).file = YYRHSLOC(Rhs, 0).file;             \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end; \
		}                                                       \
	} while (0)

static void pol_yyerror(const POL_YYLTYPE *loc, yyscan_t scanner,
			struct parse_ctx *ctx, const char *msg)
{
	(void)scanner;
	ctx->syntax_failed = true;
	/* bison's only own message is "memory exhausted": a stack too deep,
	 * or the stop asked for by yyreport_syntax_error once diags are full
	 * (then this is dropped and counted as truncation). */
	diag_error(ctx->diags, "syntax", *loc, "%s: policy nested too deeply", msg);
}

static struct item *new_item(struct parse_ctx *ctx, enum item_kind k,
			     struct pol_loc loc)
{
	struct item *it = ARENA_NEW(ctx->arena, struct item);
	it->kind = k;
	it->loc = loc;
	return it;
}

static struct decl *new_decl(struct parse_ctx *ctx, enum decl_kind k,
			     struct name n, struct text *title,
			     const struct annots *an, struct pol_loc loc)
{
	struct decl *d = ARENA_NEW(ctx->arena, struct decl);
	d->kind = k;
	d->name = n;
	d->title = title;
	d->loc = loc;
	if (an)
		d->annots = *an;
	return d;
}

static struct item *decl_item(struct parse_ctx *ctx, struct decl *d)
{
	struct item *it = new_item(ctx, ITEM_DECL, d->loc);
	it->u.decl = d;
	return it;
}

static struct name *box_name(struct parse_ctx *ctx, struct name n)
{
	struct name *p = ARENA_NEW(ctx->arena, struct name);
	*p = n;
	return p;
}

/* Timeline clauses attach to the entry opened last. */
static struct entry *entry_start(struct parse_ctx *ctx, struct timeline *t,
				 enum entry_head h, struct pol_loc loc)
{
	struct entry *e = ARENA_NEW(ctx->arena, struct entry);
	e->head = h;
	e->loc = loc;
	vec_push(ctx->arena, &t->entries, e);
	return e;
}

static struct entry *entry_current(struct parse_ctx *ctx, struct timeline *t,
				   struct pol_loc loc, const char *what)
{
	if (t->entries.n)
		return t->entries.items[t->entries.n - 1];
	diag_error(ctx->diags, "clause-outside-entry", loc,
		   "'%s' must follow an entry head: 'initially' or 'not before DATE'",
		   what);
	return ARENA_NEW(ctx->arena, struct entry);	/* discarded */
}

static void entry_permission(struct parse_ctx *ctx, struct timeline *t,
			     enum permission p, struct pol_loc loc,
			     const char *what)
{
	struct entry *e = entry_current(ctx, t, loc, what);
	if (e->permission != PERMIT_UNSET) {
		struct diag *g = diag_error(ctx->diags, "duplicate-clause", loc,
					    "entry already says whether it is permitted");
		diag_note(ctx->diags, g, e->permission_loc, "said here");
		return;
	}
	e->permission = p;
	e->permission_loc = loc;
}

static struct question *new_question(struct parse_ctx *ctx,
				     enum question_kind k)
{
	struct question *q = ARENA_NEW(ctx->arena, struct question);
	q->kind = k;
	return q;
}

static struct subject every(enum every_kind k, struct pol_loc loc)
{
	struct subject s;
	memset(&s, 0, sizeof(s));
	s.every = k;
	s.loc = loc;
	return s;
}

/* A contact question, with its date when it gives one. */
static struct question *contact_question(struct parse_ctx *ctx, struct question *q,
					 const struct when *on)
{
	(void)ctx;
	if (on) {
		q->dated = true;
		q->when = *on;
	}
	return q;
}

/* A dating word said once; false (and an error) the second time. */
static bool dating_once(struct parse_ctx *ctx, bool given, struct pol_loc at,
			struct pol_loc first, const char *what)
{
	if (!given)
		return true;
	struct diag *g = diag_error(ctx->diags, "duplicate-clause", at,
				    "'%s' said twice", what);
	diag_note(ctx->diags, g, first, "first said here");
	return false;
}

/* The dates on a schedule's or service's head: from and until, not
 * review (a plan is reviewed, not one of its schedules). */
static void sched_head(struct parse_ctx *ctx, struct schedule *s,
		       const struct plan *dates)
{
	s->in_force = dates->in_force;
	if (dates->has_review)
		diag_error(ctx->diags, "misplaced-review", dates->review.loc,
			   "'review by' belongs to a plan, not to a %s: "
			   "write it on the file's 'plan' line",
			   s->is_service ? "service" : "schedule");
}

/* open|closed on DATE, open|closed from DATE until DATE. */
static void date_clause(struct parse_ctx *ctx, struct schedule *s, bool open,
			struct date_lit from, struct date_lit until,
			bool is_range, const struct hours *h, struct pol_loc loc)
{
	struct date_clause *dc = ARENA_NEW(ctx->arena, struct date_clause);
	dc->open = open;
	dc->is_range = is_range;
	dc->from = from;
	dc->until = until;
	if (h)
		dc->hours = *h;
	dc->loc = loc;
	vec_push(ctx->arena, &s->on_dates, dc);
}

static struct cond *new_cond(struct parse_ctx *ctx, enum cond_kind k,
			     struct pol_loc loc)
{
	struct cond *c = ARENA_NEW(ctx->arena, struct cond);
	c->kind = k;
	c->loc = loc;
	return c;
}

}

%union {
	struct name name;
	struct text *text;
	int64_t num;
	struct date_lit date;
	struct time_lit time;
	struct cond *cond;
	struct vec vec;
	struct decl *decl;
	struct item *item;
	struct annots annots;
	struct hours hours;
	struct plan *plan;
	struct schedule *schedule;
	struct timeline *timeline;
	struct rule *rule;
	struct question *question;
	struct subject subject;
	struct when *when;
	struct point *point;
	struct value *value;
	struct day_item *day;
	enum cmp_op op;
	struct setting *setting;
	struct limit *limit;
}

%token <name> IDENT "name"
%token <text> STRING "text"
%token <num> INT "number"
%token <date> DATE_LIT "date"
%token <time> TIME "time"
%token DOTDOT "'..'" EQ "'='" NE "'!='" LE "'<='" GE "'>='" LT "'<'" GT "'>'"
%token DASH "'-'" COMMA "','" LPAREN "'('" RPAREN "')'"

%token ACTIVITY "'activity'" AND "'and'" AREA "'area'" ASSERT "'assert'"
%token AT "'at'" BEFORE "'before'" BY "'by'" CASE "'case'" CHANGE "'change'"
%token CITE "'cite'" CLOSED "'closed'" CONDITION "'condition'"
%token CONTACT "'contact'" COVERED "'covered'" DATE "'date'" DAY "'day'" END "'end'"
%token EVERY "'every'" EXCEPT "'except'" EXPECT "'expect'" FLAG "'flag'" FOR "'for'"
%token FROM "'from'" IN "'in'" INITIALLY "'initially'" IS "'is'"
%token LEAST "'least'" LEVEL "'level'" LIMIT "'limit'" MODES "'modes'"
%token MOST "'most'" NATION "'nation'" NO "'no'" NOT "'not'" NOTE "'note'"
%token OFFICE "'office'" ON "'on'" OPEN "'open'" OR "'or'"
%token OTHERWISE "'otherwise'" PERMITTED "'permitted'" PLAN "'plan'"
%token PROVIDER "'provider'"
%token RANGE "'range'" REGION "'region'" REVIEW "'review'" SCHEDULE "'schedule'"
%token SERVICE "'service'" STATUS "'status'" STEP "'step'"
%token SUBJECT "'subject'" TIMELINE "'timeline'" TO "'to'" UNTIL "'until'"
%token WHEN "'when'"
%token WHERE "'where'" WITH "'with'"

%type <item> item decl_item modes_item schedule_item contact_item
%type <item> timeline_item test_item plan_item
%type <text> title_opt
%type <annots> annots
%type <vec> level_values step_dates mode_list name_list days rules
%type <vec> settings limit_list limits_opt conds_opt
%type <decl> mode_entry
%type <schedule> sched_clauses
%type <day> day_item
%type <hours> hours_opt hours
%type <plan> plan_dates
%type <vec> excepts
%type <rule> rule
%type <cond> cond
%type <op> cmp
%type <value> value
%type <timeline> tl_parts
%type <question> question case_spec
%type <subject> subject
%type <when> when date_range contact_on
%type <point> point
%type <setting> setting
%type <limit> limit_pair

%left OR
%left AND
%precedence NOT

%%

policy:
	items
	;

items:
	%empty
	| items item		{ vec_push(ctx->arena, &ctx->ast->items, $2); }
	| items error
	;

item:
	decl_item
	| modes_item
	| schedule_item
	| contact_item
	| timeline_item
	| test_item
	| plan_item
	;

plan_item:
	PLAN STRING plan_dates annots
		{
			$3->title = $2;
			$3->annots = $4;
			$3->loc = @$;
			$3->written = true;
			$$ = new_item(ctx, ITEM_PLAN, @$);
			$$->u.plan = $3;
		}
	;

/* from, until and review by, in any order, each at most once; a
 * schedule or service takes the same words but 'review by' (refused by
 * the checker's caller, sched_head) */
plan_dates:
	%empty			{ $$ = ARENA_NEW(ctx->arena, struct plan); }
	| plan_dates FROM DATE_LIT
		{
			$$ = $1;
			if (dating_once(ctx, $$->in_force.has_from, @2, $$->in_force.from_loc, "from"))
				$$->in_force.from = $3;
			$$->in_force.has_from = true;
			$$->in_force.from_loc = loc_span(@2, @3);
		}
	| plan_dates FROM IDENT
		{
			$$ = $1;
			if (dating_once(ctx, $$->in_force.has_from, @2, $$->in_force.from_loc, "from"))
				$$->in_force.from_step = $3;
			$$->in_force.has_from = true;
			$$->in_force.from_loc = loc_span(@2, @3);
		}
	| plan_dates UNTIL DATE_LIT
		{
			$$ = $1;
			if (dating_once(ctx, $$->in_force.has_until, @2, $$->in_force.until_loc, "until"))
				$$->in_force.until = $3;
			$$->in_force.has_until = true;
			$$->in_force.until_loc = loc_span(@2, @3);
		}
	| plan_dates REVIEW BY DATE_LIT
		{
			$$ = $1;
			if (dating_once(ctx, $$->has_review, @2, $$->review.loc, "review by"))
				$$->review = $4;
			$$->has_review = true;
		}
	;

title_opt:
	%empty			{ $$ = NULL; }
	| STRING
	;

annots:
	%empty			{ memset(&$$, 0, sizeof($$)); }
	| annots CITE STRING	{ $$ = $1; vec_push(ctx->arena, &$$.cites, $3); }
	| annots NOTE STRING	{ $$ = $1; vec_push(ctx->arena, &$$.notes, $3); }
	;

decl_item:
	PROVIDER IDENT title_opt annots
		{ $$ = decl_item(ctx, new_decl(ctx, DECL_PROVIDER, $2, $3, &$4, @$)); }
	| NATION IDENT title_opt annots
		{ $$ = decl_item(ctx, new_decl(ctx, DECL_NATION, $2, $3, &$4, @$)); }
	| REGION IDENT title_opt IN IDENT annots
		{
			struct decl *d = new_decl(ctx, DECL_REGION, $2, $3, &$6, @$);
			d->parent = $5;
			$$ = decl_item(ctx, d);
		}
	| OFFICE IDENT title_opt IN IDENT annots
		{
			struct decl *d = new_decl(ctx, DECL_OFFICE, $2, $3, &$6, @$);
			d->parent = $5;
			$$ = decl_item(ctx, d);
		}
	| FLAG IDENT title_opt annots
		{ $$ = decl_item(ctx, new_decl(ctx, DECL_FLAG, $2, $3, &$4, @$)); }
	| LEVEL IDENT level_values title_opt annots
		{
			struct decl *d = new_decl(ctx, DECL_LEVEL, $2, $4, &$5, @$);
			d->values = $3;
			$$ = decl_item(ctx, d);
		}
	| RANGE IDENT INT DOTDOT INT title_opt annots
		{
			struct decl *d = new_decl(ctx, DECL_RANGE, $2, $6, &$7, @$);
			d->lo = $3;
			d->hi = $5;
			d->range_loc = loc_span(@3, @5);
			$$ = decl_item(ctx, d);
		}
	| CONDITION IDENT title_opt annots
		{ $$ = decl_item(ctx, new_decl(ctx, DECL_CONDITION, $2, $3, &$4, @$)); }
	| ACTIVITY IDENT title_opt annots
		{ $$ = decl_item(ctx, new_decl(ctx, DECL_ACTIVITY, $2, $3, &$4, @$)); }
	| STEP IDENT title_opt NOT BEFORE step_dates annots
		{
			struct decl *d = new_decl(ctx, DECL_STEP, $2, $3, &$7, @$);
			d->dates = $6;
			$$ = decl_item(ctx, d);
		}
	;

level_values:
	IDENT			{ memset(&$$, 0, sizeof($$)); vec_push(ctx->arena, &$$, box_name(ctx, $1)); }
	| level_values LT IDENT	{ $$ = $1; vec_push(ctx->arena, &$$, box_name(ctx, $3)); }
	;

step_dates:
	DATE_LIT
		{
			memset(&$$, 0, sizeof($$));
			struct date_lit *d = ARENA_NEW(ctx->arena, struct date_lit);
			*d = $1;
			vec_push(ctx->arena, &$$, d);
		}
	| step_dates AND DATE_LIT
		{
			$$ = $1;
			struct date_lit *d = ARENA_NEW(ctx->arena, struct date_lit);
			*d = $3;
			vec_push(ctx->arena, &$$, d);
		}
	;

modes_item:
	MODES mode_list
		{
			$$ = new_item(ctx, ITEM_MODES, @$);
			$$->u.modes = ARENA_NEW(ctx->arena, struct vec);
			*$$->u.modes = $2;
		}
	;

mode_list:
	mode_entry		{ memset(&$$, 0, sizeof($$)); vec_push(ctx->arena, &$$, $1); }
	| mode_list GT mode_entry	{ $$ = $1; vec_push(ctx->arena, &$$, $3); }
	;

mode_entry:
	IDENT title_opt annots	{ $$ = new_decl(ctx, DECL_MODE, $1, $2, &$3, @$); }
	;

name_list:
	IDENT			{ memset(&$$, 0, sizeof($$)); vec_push(ctx->arena, &$$, box_name(ctx, $1)); }
	| name_list COMMA IDENT	{ $$ = $1; vec_push(ctx->arena, &$$, box_name(ctx, $3)); }
	;

schedule_item:
	SCHEDULE IDENT AT name_list plan_dates sched_clauses END
		{
			$6->provider = $2;
			$6->offices = $4;
			sched_head(ctx, $6, $5);
			$6->loc = @$;
			$$ = new_item(ctx, ITEM_SCHEDULE, @$);
			$$->u.schedule = $6;
		}
	| SERVICE STRING FOR IDENT plan_dates sched_clauses END
		{
			$6->is_service = true;
			$6->title = $2;
			$6->provider = $4;
			sched_head(ctx, $6, $5);
			$6->loc = @$;
			$$ = new_item(ctx, ITEM_SCHEDULE, @$);
			$$->u.schedule = $6;
		}
	| SERVICE STRING FOR IDENT AT name_list plan_dates sched_clauses END
		{
			$8->is_service = true;
			$8->title = $2;
			$8->provider = $4;
			$8->offices = $6;
			sched_head(ctx, $8, $7);
			$8->loc = @$;
			$$ = new_item(ctx, ITEM_SCHEDULE, @$);
			$$->u.schedule = $8;
		}
	;

sched_clauses:
	%empty			{ $$ = ARENA_NEW(ctx->arena, struct schedule); }
	| sched_clauses OPEN days hours_opt excepts
		{
			$$ = $1;
			struct open_clause *o = ARENA_NEW(ctx->arena, struct open_clause);
			o->days = $3;
			o->hours = $4;
			o->excepts = $5;
			o->loc = loc_span(@2, @4.end > @3.end ? @4 : @3);
			vec_push(ctx->arena, &$$->opens, o);
		}
	| sched_clauses OPEN ON DATE_LIT hours_opt
		{ $$ = $1; date_clause(ctx, $$, true, $4, $4, false, &$5, loc_span(@2, @5.end > @4.end ? @5 : @4)); }
	| sched_clauses OPEN FROM DATE_LIT UNTIL DATE_LIT hours_opt
		{ $$ = $1; date_clause(ctx, $$, true, $4, $6, true, &$7, loc_span(@2, @7.end > @6.end ? @7 : @6)); }
	| sched_clauses CLOSED ON DATE_LIT
		{ $$ = $1; date_clause(ctx, $$, false, $4, $4, false, NULL, loc_span(@2, @4)); }
	| sched_clauses CLOSED FROM DATE_LIT UNTIL DATE_LIT
		{ $$ = $1; date_clause(ctx, $$, false, $4, $6, true, NULL, loc_span(@2, @6)); }
	| sched_clauses CLOSED
		{
			$$ = $1;
			if ($$->closed) {
				struct diag *g = diag_error(ctx->diags, "duplicate-clause", @2,
							    "'closed' said twice");
				diag_note(ctx->diags, g, $$->closed_loc, "first said here");
			}
			$$->closed = true;
			$$->closed_loc = @2;
		}
	| sched_clauses CITE STRING	{ $$ = $1; vec_push(ctx->arena, &$$->annots.cites, $3); }
	| sched_clauses NOTE STRING	{ $$ = $1; vec_push(ctx->arena, &$$->annots.notes, $3); }
	| sched_clauses error		{ $$ = $1; }
	;

days:
	day_item		{ memset(&$$, 0, sizeof($$)); vec_push(ctx->arena, &$$, $1); }
	| days COMMA day_item	{ $$ = $1; vec_push(ctx->arena, &$$, $3); }
	;

day_item:
	IDENT
		{
			$$ = ARENA_NEW(ctx->arena, struct day_item);
			$$->from = $1;
			$$->loc = @$;
		}
	| IDENT DOTDOT IDENT
		{
			$$ = ARENA_NEW(ctx->arena, struct day_item);
			$$->from = $1;
			$$->to = $3;
			$$->loc = @$;
		}
	;

excepts:
	%empty			{ memset(&$$, 0, sizeof($$)); }
	| excepts EXCEPT days hours_opt
		{
			$$ = $1;
			struct except_clause *x = ARENA_NEW(ctx->arena, struct except_clause);
			x->days = $3;
			x->hours = $4;
			x->loc = loc_span(@2, @4.end > @3.end ? @4 : @3);
			vec_push(ctx->arena, &$$, x);
		}
	;

hours_opt:
	%empty			{ memset(&$$, 0, sizeof($$)); $$.loc = @$; }
	| hours
	;

hours:
	TIME DASH TIME
		{
			memset(&$$, 0, sizeof($$));
			$$.present = true;
			$$.n = 1;
			$$.open[0] = $1;
			$$.close[0] = $3;
			$$.loc = @$;
		}
	| hours AND TIME DASH TIME
		{
			$$ = $1;
			if ($$.n == HOURS_MAX)
				diag_error(ctx->diags, "too-many-hours", loc_span(@3, @5),
					   "a day has at most %d opening intervals", HOURS_MAX);
			else {
				$$.open[$$.n] = $3;
				$$.close[$$.n] = $5;
				$$.n++;
			}
			$$.loc = @$;
		}
	;

contact_item:
	CONTACT FOR IDENT plan_dates rules END
		{
			struct contact *c = ARENA_NEW(ctx->arena, struct contact);
			c->provider = $3;
			c->in_force = $4->in_force;
			if ($4->has_review)
				diag_error(ctx->diags, "misplaced-review", $4->review.loc,
					   "'review by' belongs to a plan, not to contact "
					   "rules: write it on the file's 'plan' line");
			c->rules = $5;
			c->loc = @$;
			$$ = new_item(ctx, ITEM_CONTACT, @$);
			$$->u.contact = c;
		}
	;

rules:
	%empty			{ memset(&$$, 0, sizeof($$)); }
	| rules rule		{ $$ = $1; vec_push(ctx->arena, &$$, $2); }
	| rules error		{ $$ = $1; }
	;

rule:
	IDENT WHEN cond annots
		{
			$$ = ARENA_NEW(ctx->arena, struct rule);
			$$->mode = $1;
			$$->when = $3;
			$$->annots = $4;
			$$->loc = @$;
		}
	| OTHERWISE IDENT annots
		{
			$$ = ARENA_NEW(ctx->arena, struct rule);
			$$->mode = $2;
			$$->annots = $3;
			$$->loc = @$;
		}
	;

cond:
	cond OR cond
		{
			$$ = new_cond(ctx, COND_OR, @$);
			$$->left = $1;
			$$->right = $3;
		}
	| cond AND cond
		{
			$$ = new_cond(ctx, COND_AND, @$);
			$$->left = $1;
			$$->right = $3;
		}
	| NOT cond
		{
			$$ = new_cond(ctx, COND_NOT, @$);
			$$->left = $2;
		}
	| LPAREN cond RPAREN
		{
			$$ = $2;
			$$->parenthesized = true;
		}
	| IDENT
		{
			$$ = new_cond(ctx, COND_ATOM, @$);
			$$->attr = $1;
		}
	| IDENT cmp value
		{
			$$ = new_cond(ctx, COND_ATOM, @$);
			$$->attr = $1;
			$$->op = $2;
			$$->value = *$3;
		}
	;

cmp:
	EQ			{ $$ = CMP_EQ; }
	| NE			{ $$ = CMP_NE; }
	| LT			{ $$ = CMP_LT; }
	| LE			{ $$ = CMP_LE; }
	| GT			{ $$ = CMP_GT; }
	| GE			{ $$ = CMP_GE; }
	;

value:
	IDENT
		{
			$$ = ARENA_NEW(ctx->arena, struct value);
			$$->name = $1;
			$$->loc = @$;
		}
	| INT
		{
			$$ = ARENA_NEW(ctx->arena, struct value);
			$$->is_int = true;
			$$->number = $1;
			$$->loc = @$;
		}
	;

timeline_item:
	TIMELINE IDENT IN name_list tl_parts END
		{
			$5->activity = $2;
			$5->areas = $4;
			$5->loc = @$;
			$$ = new_item(ctx, ITEM_TIMELINE, @$);
			$$->u.timeline = $5;
		}
	;

tl_parts:
	%empty			{ $$ = ARENA_NEW(ctx->arena, struct timeline); }
	| tl_parts INITIALLY
		{ $$ = $1; entry_start(ctx, $$, ENTRY_INITIALLY, @2); }
	| tl_parts NOT BEFORE DATE_LIT
		{
			$$ = $1;
			entry_start(ctx, $$, ENTRY_DATE, loc_span(@2, @4))->date = $4;
		}
	| tl_parts NOT BEFORE DATE_LIT IN IDENT
		{
			$$ = $1;
			struct entry *e = entry_start(ctx, $$, ENTRY_DATE, loc_span(@2, @6));
			e->date = $4;
			e->step = $6;
		}
	| tl_parts NOT BEFORE IDENT
		{
			$$ = $1;
			entry_start(ctx, $$, ENTRY_STEP, loc_span(@2, @4))->step = $4;
		}
	| tl_parts PERMITTED
		{ $$ = $1; entry_permission(ctx, $$, PERMIT_YES, @2, "permitted"); }
	| tl_parts NOT PERMITTED
		{ $$ = $1; entry_permission(ctx, $$, PERMIT_NO, loc_span(@2, @3), "not permitted"); }
	| tl_parts NO CHANGE
		{ $$ = $1; entry_permission(ctx, $$, PERMIT_UNCHANGED, loc_span(@2, @3), "no change"); }
	| tl_parts STATUS STRING
		{
			$$ = $1;
			struct entry *e = entry_current(ctx, $$, @2, "status");
			if (e->status) {
				struct diag *g = diag_error(ctx->diags, "duplicate-clause", @2,
							    "entry already has a status");
				diag_note(ctx->diags, g, e->status->loc, "status given here");
			}
			e->status = $3;
		}
	| tl_parts LIMIT IDENT INT
		{
			$$ = $1;
			struct limit *l = ARENA_NEW(ctx->arena, struct limit);
			l->key = $3;
			l->value = $4;
			l->loc = loc_span(@2, @4);
			vec_push(ctx->arena, &entry_current(ctx, $$, @2, "limit")->limits, l);
		}
	| tl_parts SUBJECT TO name_list
		{
			$$ = $1;
			struct entry *e = entry_current(ctx, $$, @2, "subject to");
			for (size_t i = 0; i < $4.n; i++)
				vec_push(ctx->arena, &e->conditions, $4.items[i]);
		}
	| tl_parts CITE STRING
		{ $$ = $1; vec_push(ctx->arena, &entry_current(ctx, $$, @2, "cite")->annots.cites, $3); }
	| tl_parts NOTE STRING
		{ $$ = $1; vec_push(ctx->arena, &entry_current(ctx, $$, @2, "note")->annots.notes, $3); }
	| tl_parts error	{ $$ = $1; }
	;

test_item:
	EXPECT question annots
		{
			struct test *t = ARENA_NEW(ctx->arena, struct test);
			t->q = *$2;
			t->annots = $3;
			t->loc = @$;
			$$ = new_item(ctx, ITEM_TEST, @$);
			$$->u.test = t;
		}
	| ASSERT question annots
		{
			struct test *t = ARENA_NEW(ctx->arena, struct test);
			t->is_assert = true;
			t->q = *$2;
			t->annots = $3;
			t->loc = @$;
			$$ = new_item(ctx, ITEM_TEST, @$);
			$$->u.test = t;
		}
	;

question:
	subject AT subject when IS OPEN
		{
			$$ = new_question(ctx, Q_OFFICE);
			$$->first = $1;
			$$->second = $3;
			$$->when = *$4;
			$$->open = true;
			$$->outcome_loc = loc_span(@5, @6);
		}
	| subject AT subject when IS CLOSED
		{
			$$ = new_question(ctx, Q_OFFICE);
			$$->first = $1;
			$$->second = $3;
			$$->when = *$4;
			$$->outcome_loc = loc_span(@5, @6);
		}
	| subject AT subject when IS NOT COVERED
		{
			$$ = new_question(ctx, Q_OFFICE);
			$$->first = $1;
			$$->second = $3;
			$$->when = *$4;
			$$->not_covered = true;
			$$->outcome_loc = loc_span(@5, @7);
		}
	| CONTACT subject contact_on case_spec IS IDENT
		{
			$$ = contact_question(ctx, $4, $3);
			$$->first = $2;
			$$->op = OUT_IS;
			$$->mode = $6;
			$$->outcome_loc = loc_span(@5, @6);
		}
	| CONTACT subject contact_on case_spec IS NOT IDENT
		{
			$$ = contact_question(ctx, $4, $3);
			$$->first = $2;
			$$->op = OUT_IS_NOT;
			$$->mode = $7;
			$$->outcome_loc = loc_span(@5, @7);
		}
	| CONTACT subject contact_on case_spec IS AT LEAST IDENT
		{
			$$ = contact_question(ctx, $4, $3);
			$$->first = $2;
			$$->op = OUT_AT_LEAST;
			$$->mode = $8;
			$$->outcome_loc = loc_span(@5, @8);
		}
	| CONTACT subject contact_on case_spec IS AT MOST IDENT
		{
			$$ = contact_question(ctx, $4, $3);
			$$->first = $2;
			$$->op = OUT_AT_MOST;
			$$->mode = $8;
			$$->outcome_loc = loc_span(@5, @8);
		}
	| subject IN subject when IS PERMITTED limits_opt conds_opt
		{
			$$ = new_question(ctx, Q_ACTIVITY);
			$$->first = $1;
			$$->second = $3;
			$$->when = *$4;
			$$->permitted = true;
			$$->limits = $7;
			$$->conditions = $8;
			$$->outcome_loc = loc_span(@5, @$);
		}
	| subject IN subject when IS NOT PERMITTED
		{
			$$ = new_question(ctx, Q_ACTIVITY);
			$$->first = $1;
			$$->second = $3;
			$$->when = *$4;
			$$->outcome_loc = loc_span(@5, @7);
		}
	| subject IN subject when IS NOT COVERED
		{
			$$ = new_question(ctx, Q_ACTIVITY);
			$$->first = $1;
			$$->second = $3;
			$$->when = *$4;
			$$->not_covered = true;
			$$->outcome_loc = loc_span(@5, @7);
		}
	;

subject:
	IDENT			{ memset(&$$, 0, sizeof($$)); $$.name = $1; $$.loc = @$; }
	| EVERY PROVIDER	{ $$ = every(EVERY_PROVIDER, @$); }
	| EVERY OFFICE		{ $$ = every(EVERY_OFFICE, @$); }
	| EVERY AREA		{ $$ = every(EVERY_AREA, @$); }
	| EVERY ACTIVITY	{ $$ = every(EVERY_ACTIVITY, @$); }
	;

/* contact NPS on 2021-05-01 with ...: the rules in force on a date */
contact_on:
	%empty			{ $$ = NULL; }
	| ON point
		{
			$$ = ARENA_NEW(ctx->arena, struct when);
			$$->at = *$2;
			$$->loc = @$;
		}
	;

case_spec:
	%empty			{ $$ = new_question(ctx, Q_CONTACT); }
	| WITH settings
		{
			$$ = new_question(ctx, Q_CONTACT);
			$$->settings = $2;
			$$->case_loc = @$;
		}
	| FOR EVERY CASE
		{
			$$ = new_question(ctx, Q_CONTACT);
			$$->every_case = true;
			$$->case_loc = @$;
		}
	| FOR EVERY CASE WHERE cond
		{
			$$ = new_question(ctx, Q_CONTACT);
			$$->every_case = true;
			$$->where = $5;
			$$->case_loc = loc_span(@1, @3);
		}
	;

when:
	ON point
		{
			$$ = ARENA_NEW(ctx->arena, struct when);
			$$->at = *$2;
			$$->loc = @$;
		}
	| ON EVERY DAY
		{
			$$ = ARENA_NEW(ctx->arena, struct when);
			$$->every = EVERY_DAY;
			$$->loc = @$;
		}
	| ON EVERY DATE date_range
		{
			$$ = $4;
			$$->every = EVERY_DATE;
			$$->loc = @$;
		}
	;

date_range:
	%empty			{ $$ = ARENA_NEW(ctx->arena, struct when); }
	| FROM point
		{
			$$ = ARENA_NEW(ctx->arena, struct when);
			$$->has_from = true;
			$$->from = *$2;
		}
	| BEFORE point
		{
			$$ = ARENA_NEW(ctx->arena, struct when);
			$$->has_to = true;
			$$->to_exclusive = true;
			$$->to = *$2;
		}
	| FROM point TO point
		{
			$$ = ARENA_NEW(ctx->arena, struct when);
			$$->has_from = $$->has_to = true;
			$$->from = *$2;
			$$->to = *$4;
		}
	| FROM point BEFORE point
		{
			$$ = ARENA_NEW(ctx->arena, struct when);
			$$->has_from = $$->has_to = true;
			$$->to_exclusive = true;
			$$->from = *$2;
			$$->to = *$4;
		}
	;

point:
	DATE_LIT
		{
			$$ = ARENA_NEW(ctx->arena, struct point);
			$$->is_date = true;
			$$->date = $1;
			$$->loc = @$;
		}
	| IDENT
		{
			$$ = ARENA_NEW(ctx->arena, struct point);
			$$->name = $1;
			$$->loc = @$;
		}
	;

settings:
	setting			{ memset(&$$, 0, sizeof($$)); vec_push(ctx->arena, &$$, $1); }
	| settings COMMA setting	{ $$ = $1; vec_push(ctx->arena, &$$, $3); }
	;

setting:
	IDENT
		{
			$$ = ARENA_NEW(ctx->arena, struct setting);
			$$->attr = $1;
			$$->loc = @$;
		}
	| IDENT EQ value
		{
			$$ = ARENA_NEW(ctx->arena, struct setting);
			$$->attr = $1;
			$$->has_value = true;
			$$->value = *$3;
			$$->loc = @$;
		}
	;

limits_opt:
	%empty			{ memset(&$$, 0, sizeof($$)); }
	| WITH limit_list	{ $$ = $2; }
	;

limit_list:
	limit_pair		{ memset(&$$, 0, sizeof($$)); vec_push(ctx->arena, &$$, $1); }
	| limit_list COMMA limit_pair	{ $$ = $1; vec_push(ctx->arena, &$$, $3); }
	;

limit_pair:
	IDENT INT
		{
			$$ = ARENA_NEW(ctx->arena, struct limit);
			$$->key = $1;
			$$->value = $2;
			$$->loc = @$;
		}
	;

conds_opt:
	%empty			{ memset(&$$, 0, sizeof($$)); }
	| SUBJECT TO name_list	{ $$ = $3; }
	;

%%

/* A token as the reader knows it: its own text for names and words,
 * else what kind of thing it is. */
static void describe_token(struct parse_ctx *ctx, yysymbol_kind_t sym,
			   const POL_YYLTYPE *loc, char *out, size_t size)
{
	if (sym == YYSYMBOL_YYEOF) {
		snprintf(out, size, "end of file");
		return;
	}
	if (sym == YYSYMBOL_STRING) {
		snprintf(out, size, "text");
		return;
	}
	size_t len = loc->end > loc->start ? loc->end - loc->start : 0;
	if (len > 0 && len <= 40 && loc->end <= ctx->src->len) {
		const char *p = ctx->src->text + loc->start;
		bool printable = true;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)p[i] < 0x20)
				printable = false;
		if (printable) {
			snprintf(out, size, "'%.*s'", (int)len, p);
			return;
		}
	}
	snprintf(out, size, "%s", yysymbol_name(sym));
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, yyscan_t scanner,
				 struct parse_ctx *ctx)
{
	(void)scanner;
	ctx->syntax_failed = true;
	if (diags_full(ctx->diags))
		return 2;	/* stop the parse: bison's "no memory" exit */
	yysymbol_kind_t tok = yypcontext_token(yyctx);
	const POL_YYLTYPE *loc = yypcontext_location(yyctx);
	char what[64];
	describe_token(ctx, tok, loc, what, sizeof(what));

	enum { MAX_EXPECTED = 6 };
	yysymbol_kind_t expected[MAX_EXPECTED];
	int n = yypcontext_expected_tokens(yyctx, expected, MAX_EXPECTED);
	char list[512];
	size_t used = 0;
	list[0] = '\0';
	bool expects_end = false;
	for (int i = 0; i < n && used < sizeof(list); i++) {
		if (expected[i] == YYSYMBOL_END)
			expects_end = true;
		const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
		int w = snprintf(list + used, sizeof(list) - used, "%s%s", sep,
				 yysymbol_name(expected[i]));
		if (w < 0)
			break;
		used += (size_t)w;
	}
	struct diag *g;
	if (n > 0)
		g = diag_error(ctx->diags, "syntax", *loc, "unexpected %s; expected %s",
			       what, list);
	else
		g = diag_error(ctx->diags, "syntax", *loc, "unexpected %s", what);
	if (tok == YYSYMBOL_YYEOF && expects_end && ctx->open_block)
		diag_note(ctx->diags, g, ctx->open_block_loc,
			  "to close '%s' opened here", ctx->open_block);
	return 0;
}
