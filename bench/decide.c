/* decide.c - in-process decision latency of the pol runtime.
 *
 * Linked with the bundled policies compiled twice: build/policy/policy.o
 * (symbol pol_checker_policy, the default lookup-table strategy) and a
 * copy compiled with --strategy=cubes (symbol pol_bench_cubes).  Every
 * input is generated here from a fixed seed through the public runtime
 * API, so every run sees the same bytes.
 *
 *   decide [--cases N] [--runs R] [--seed S] [--write-cases FILE] [--only NAME]
 *
 * For each benchmark: the answers are computed once and checked (the two
 * strategies must agree on every case, and the floor is fed those
 * answers), then warm-up runs, then R timed runs.  A run is P passes over
 * the N inputs, P chosen once so that a run lasts about 20 ms.  Each line
 * of output is
 *
 *   name threads median_ns min_ns max_ns decisions_per_s passes checksum
 *
 * where the ns figures are wall time per decision of one thread (for two
 * threads: wall time x 2 / decisions) and decisions_per_s is the
 * aggregate of all threads, from the median run.  Nothing is printed
 * that was not measured in this process.
 *
 * Built with -DBENCH_BASELINE and linked with an older runtime whose
 * functions are renamed base_... (bench/run.sh does it), it also times
 * that runtime on the same inputs, right after the current one.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pol/runtime.h"

extern const struct pol_policy pol_checker_policy;	/* lookup table */
extern const struct pol_policy pol_bench_cubes;		/* --strategy=cubes */

#define WARMUP_RUNS 3
#define RUN_NS 20000000.0	/* aim for runs of about 20 ms */

/* ---- deterministic inputs ---------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)	/* xorshift64* */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Dull;
}

/* A code for an attribute of size n: a flag is set one time in 16; a
 * level or range is its lowest value half the time, the next a quarter of
 * the time, and so on, the top value taking what is left. */
static uint32_t skewed_code(const struct pol_attribute *a)
{
	uint64_t r = rnd();
	if (a->kind == POL_FLAG)
		return (r >> 40) % 16 == 0;
	uint32_t code = 0;
	r >>= 20;
	while (code + 1 < a->size && (r & 1)) {
		code++;
		r >>= 1;
	}
	return code;
}

/* ---- the inputs and answers of every benchmark ------------------------ */

static size_t N = 100000;
static uint32_t *prov;			/* contact: provider per case */
static pol_case *cases;			/* contact: the packed case */
static struct pol_contact_answer *pre_contact;	/* contact: the answers */

static uint32_t *o_prov, *o_office;	/* office */
static int *o_day;			/* weekday 0..6 */
static int32_t *o_date;			/* day number */
static struct pol_office_answer *pre_office_day, *pre_office_date;

static uint32_t *a_act, *a_area;	/* activity */
static int32_t *a_date;
static struct pol_activity_answer *pre_activity;

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p) {
		fprintf(stderr, "decide: out of memory\n");
		exit(2);
	}
	return p;
}

static void die(const char *what, size_t i, int rc)
{
	fprintf(stderr, "decide: %s failed on input %zu (error %d)\n", what, i, rc);
	exit(1);
}

static void make_inputs(const struct pol_policy *p)
{
	prov = xcalloc(N, sizeof(*prov));
	cases = xcalloc(N, sizeof(*cases));
	pre_contact = xcalloc(N, sizeof(*pre_contact));
	uint32_t np = pol_count(p, POL_KIND_PROVIDER);
	uint32_t na = pol_count(p, POL_KIND_ATTRIBUTE);
	for (size_t i = 0; i < N; i++) {
		prov[i] = (uint32_t)(rnd() >> 33) % np;
		pol_case c = 0;
		for (uint32_t k = 0; k < na; k++) {
			int rc = pol_case_set(p, &c, k, skewed_code(&p->attributes[k]));
			if (rc)
				die("pol_case_set", i, rc);
		}
		cases[i] = c;
	}

	o_prov = xcalloc(N, sizeof(*o_prov));
	o_office = xcalloc(N, sizeof(*o_office));
	o_day = xcalloc(N, sizeof(*o_day));
	o_date = xcalloc(N, sizeof(*o_date));
	pre_office_day = xcalloc(N, sizeof(*pre_office_day));
	pre_office_date = xcalloc(N, sizeof(*pre_office_date));
	uint32_t no = pol_count(p, POL_KIND_OFFICE);
	int32_t d0, d1;	/* dates from 2020-01-01 to 2022-12-31 */
	pol_date_from_ymd(2020, 1, 1, &d0);
	pol_date_from_ymd(2022, 12, 31, &d1);
	for (size_t i = 0; i < N; i++) {
		o_prov[i] = (uint32_t)(rnd() >> 33) % np;
		o_office[i] = (uint32_t)(rnd() >> 33) % no;
		o_day[i] = (int)((rnd() >> 33) % 7);
		o_date[i] = d0 + (int32_t)((rnd() >> 33) % (uint64_t)(d1 - d0 + 1));
	}

	a_act = xcalloc(N, sizeof(*a_act));
	a_area = xcalloc(N, sizeof(*a_area));
	a_date = xcalloc(N, sizeof(*a_date));
	pre_activity = xcalloc(N, sizeof(*pre_activity));
	uint32_t nact = pol_count(p, POL_KIND_ACTIVITY), nar = pol_count(p, POL_KIND_AREA);
	for (size_t i = 0; i < N; i++) {
		a_act[i] = (uint32_t)(rnd() >> 33) % nact;
		a_area[i] = (uint32_t)(rnd() >> 33) % nar;
		a_date[i] = d0 + (int32_t)((rnd() >> 33) % (uint64_t)(d1 - d0 + 1));
	}
}

/* The answers, checked: both strategies agree on mode and rule. */
static void make_answers(const struct pol_policy *lookup,
			 const struct pol_policy *cubes)
{
	for (size_t i = 0; i < N; i++) {
		struct pol_contact_answer x, y;
		int rc = pol_contact(lookup, prov[i], cases[i], &x);
		if (rc)
			die("pol_contact (lookup)", i, rc);
		rc = pol_contact(cubes, prov[i], cases[i], &y);
		if (rc)
			die("pol_contact (cubes)", i, rc);
		if (x.mode != y.mode || x.rule != y.rule) {
			fprintf(stderr, "decide: the strategies disagree on case %zu "
				"(0x%" PRIx64 "): lookup %d/%d, cubes %d/%d\n", i,
				(uint64_t)cases[i], x.mode, x.rule, y.mode, y.rule);
			exit(1);
		}
		pre_contact[i] = x;
		rc = pol_office_on_day(lookup, o_prov[i], o_office[i], o_day[i],
				       &pre_office_day[i]);
		if (rc)
			die("pol_office_on_day", i, rc);
		rc = pol_office_on_date(lookup, o_prov[i], o_office[i], o_date[i],
					&pre_office_date[i]);
		if (rc)
			die("pol_office_on_date", i, rc);
		rc = pol_activity(lookup, a_act[i], a_area[i], a_date[i], &pre_activity[i]);
		if (rc)
			die("pol_activity", i, rc);
	}
}

/* provider,ATTR...,mode,rule: the cases and pol's answers, for the peers. */
static void write_cases(const struct pol_policy *p, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "decide: cannot write '%s': %s\n", path, strerror(errno));
		exit(2);
	}
	uint32_t na = pol_count(p, POL_KIND_ATTRIBUTE);
	fputs("provider", f);
	for (uint32_t k = 0; k < na; k++)
		fprintf(f, ",%s", pol_name_of(p, POL_KIND_ATTRIBUTE, k));
	fputs(",mode\n", f);
	for (size_t i = 0; i < N; i++) {
		fputs(pol_name_of(p, POL_KIND_PROVIDER, prov[i]), f);
		for (uint32_t k = 0; k < na; k++) {
			const struct pol_attribute *a = &p->attributes[k];
			uint32_t code = pol_case_get(p, cases[i], k);
			if (a->kind == POL_LEVEL)
				fprintf(f, ",%s", p->values[a->first_value + code]);
			else if (a->kind == POL_RANGE)
				fprintf(f, ",%" PRId32, a->lo + (int32_t)code);
			else
				fprintf(f, ",%u", code);
		}
		const char *mode = pre_contact[i].mode >= 0
			? pol_name_of(p, POL_KIND_MODE, (uint32_t)pre_contact[i].mode) : "";
		fprintf(f, ",%s\n", mode);
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "decide: cannot write '%s': %s\n", path, strerror(errno));
		exit(2);
	}
}

/* ---- the loops ---------------------------------------------------------- *
 * Each takes the policy and a slice [lo, hi) of the inputs, makes one
 * pass, and returns a checksum that depends on every answer.  The floor
 * of each is the same loop reading the precomputed answer instead. */

typedef uint64_t loop_fn(const struct pol_policy *p, size_t lo, size_t hi);

#define CONTACT_SUM(rc, a, i) \
	((uint64_t)(rc) + (uint64_t)(uint32_t)(a).mode * 8u + \
	 (uint64_t)(uint32_t)(a).rule + (cases[i] ^ prov[i]))
#define OFFICE_SUM(rc, a, i) \
	((uint64_t)(rc) + (uint64_t)(a).open * 3u + (uint64_t)(uint16_t)(a).open_minute + \
	 (uint64_t)(a).count + o_office[i])
#define ACTIVITY_SUM(rc, a, i) \
	((uint64_t)(rc) + (uint64_t)(uint32_t)(a).entry_id * 5u + \
	 (uint64_t)(uint32_t)(a).next + a_area[i])

/* One loop per function of the API, calling it directly as a program
 * would; FN may be a baseline copy of the function (see below). */
#define CONTACT_LOOP(name, FN) \
static uint64_t name(const struct pol_policy *p, size_t lo, size_t hi) \
{ \
	uint64_t sum = 0; \
	for (size_t i = lo; i < hi; i++) { \
		struct pol_contact_answer a; \
		int rc = FN(p, prov[i], cases[i], &a); \
		sum += CONTACT_SUM(rc, a, i); \
	} \
	return sum; \
}
#define OFFICE_LOOP(name, FN, WHEN) \
static uint64_t name(const struct pol_policy *p, size_t lo, size_t hi) \
{ \
	uint64_t sum = 0; \
	for (size_t i = lo; i < hi; i++) { \
		struct pol_office_answer a; \
		int rc = FN(p, o_prov[i], o_office[i], WHEN[i], &a); \
		sum += OFFICE_SUM(rc, a, i); \
	} \
	return sum; \
}
#define ACTIVITY_LOOP(name, FN) \
static uint64_t name(const struct pol_policy *p, size_t lo, size_t hi) \
{ \
	uint64_t sum = 0; \
	for (size_t i = lo; i < hi; i++) { \
		struct pol_activity_answer a; \
		int rc = FN(p, a_act[i], a_area[i], a_date[i], &a); \
		sum += ACTIVITY_SUM(rc, a, i); \
	} \
	return sum; \
}
/* The floor: the same loop reading the precomputed answer instead. */
#define FLOOR_LOOP(name, PRE, SUM) \
static uint64_t name(const struct pol_policy *p, size_t lo, size_t hi) \
{ \
	(void)p; \
	uint64_t sum = 0; \
	for (size_t i = lo; i < hi; i++) \
		sum += SUM(0, PRE[i], i); \
	return sum; \
}

CONTACT_LOOP(contact_loop, pol_contact)
OFFICE_LOOP(office_day_loop, pol_office_on_day, o_day)
OFFICE_LOOP(office_date_loop, pol_office_on_date, o_date)
ACTIVITY_LOOP(activity_loop, pol_activity)
FLOOR_LOOP(contact_floor, pre_contact, CONTACT_SUM)
FLOOR_LOOP(office_day_floor, pre_office_day, OFFICE_SUM)
FLOOR_LOOP(office_date_floor, pre_office_date, OFFICE_SUM)
FLOOR_LOOP(activity_floor, pre_activity, ACTIVITY_SUM)

#ifdef BENCH_BASELINE
/* The runtime as it was before the benchmarks' changes, compiled from an
 * older commit with every function renamed base_... (bench/run.sh), so
 * that before and after are timed in one process on the same inputs. */
int base_pol_contact(const struct pol_policy *p, uint32_t provider, pol_case c,
		     struct pol_contact_answer *out);
int base_pol_office_on_date(const struct pol_policy *p, uint32_t provider,
			    uint32_t office, int32_t days, struct pol_office_answer *out);
int base_pol_activity(const struct pol_policy *p, uint32_t activity, uint32_t area,
		      int32_t days, struct pol_activity_answer *out);
CONTACT_LOOP(base_contact_loop, base_pol_contact)
OFFICE_LOOP(base_office_date_loop, base_pol_office_on_date, o_date)
ACTIVITY_LOOP(base_activity_loop, base_pol_activity)
#endif

/* ---- timing -------------------------------------------------------------- */

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

struct job {
	loop_fn *fn;
	const struct pol_policy *p;
	size_t lo, hi;
	unsigned passes;
	double start, end;
	uint64_t sum;
};

static uint64_t passes(struct job *j)
{
	uint64_t sum = 0;
	for (unsigned k = 0; k < j->passes; k++) {
		sum += j->fn(j->p, j->lo, j->hi);
		/* each pass is real work: nothing may be carried over */
		__asm__ volatile("" ::: "memory");
	}
	return sum;
}

/* Two threads: each waits at the barrier, then times its own passes. */
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
	struct job *j = arg;
	pthread_barrier_wait(&barrier);
	j->start = now_ns();
	j->sum = passes(j);
	j->end = now_ns();
	return NULL;
}

/* Wall time of one run in ns; *sum gets the checksum. */
static double one_run(loop_fn *fn, const struct pol_policy *p, unsigned npasses,
		      int threads, uint64_t *sum)
{
	if (threads == 1) {
		struct job j = { fn, p, 0, N, npasses, 0, 0, 0 };
		double t0 = now_ns();
		*sum = passes(&j);
		return now_ns() - t0;
	}
	struct job jobs[2];
	pthread_t tid[2];
	pthread_barrier_init(&barrier, NULL, 2);
	for (int t = 0; t < 2; t++) {
		jobs[t] = (struct job){ fn, p, t ? N / 2 : 0, t ? N : N / 2, npasses, 0, 0, 0 };
		if (pthread_create(&tid[t], NULL, worker, &jobs[t]) != 0) {
			fprintf(stderr, "decide: cannot start a thread\n");
			exit(2);
		}
	}
	for (int t = 0; t < 2; t++)
		pthread_join(tid[t], NULL);
	pthread_barrier_destroy(&barrier);
	double start = jobs[0].start < jobs[1].start ? jobs[0].start : jobs[1].start;
	double end = jobs[0].end > jobs[1].end ? jobs[0].end : jobs[1].end;
	*sum = jobs[0].sum + jobs[1].sum;
	return end - start;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static unsigned runs = 21;
static const char *only;	/* run only the benchmarks named so */

static void bench(const char *name, loop_fn *fn, const struct pol_policy *p,
		  int threads, uint64_t want_sum)
{
	uint64_t sum;
	if (only && strcmp(name, only) != 0)
		return;
	/* passes per run: about RUN_NS of work */
	double t1 = one_run(fn, p, 1, 1, &sum);
	unsigned np = (unsigned)(RUN_NS / (t1 > 1 ? t1 : 1));
	if (np < 1)
		np = 1;
	for (int w = 0; w < WARMUP_RUNS; w++)
		one_run(fn, p, np, threads, &sum);
	double *per = xcalloc(runs, sizeof(double));
	for (unsigned r = 0; r < runs; r++) {
		double wall = one_run(fn, p, np, threads, &sum);
		if (want_sum && sum != want_sum * np) {
			fprintf(stderr, "decide: %s: checksum %" PRIu64 " is not the "
				"expected %" PRIu64 "\n", name, sum, want_sum * np);
			exit(1);
		}
		/* ns per decision of one thread */
		per[r] = wall * threads / ((double)N * np);
	}
	qsort(per, runs, sizeof(double), by_value);
	double med = per[runs / 2];
	printf("%s %d %.3f %.3f %.3f %.0f %u %" PRIu64 "\n", name, threads, med, per[0],
	       per[runs - 1], 1e9 * threads / med, np, sum);
	fflush(stdout);
	free(per);
}

int main(int argc, char **argv)
{
	const char *cases_path = NULL;
	uint64_t seed = 20210308;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc)
			N = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--write-cases") == 0 && i + 1 < argc)
			cases_path = argv[++i];
		else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "usage: decide [--cases N] [--runs R] [--seed S] "
				"[--write-cases FILE] [--only NAME]\n");
			return 2;
		}
	}
	if (N < 2 || runs < 1 || seed == 0) {
		fprintf(stderr, "decide: need --cases >= 2, --runs >= 1, --seed > 0\n");
		return 2;
	}
	const struct pol_policy *lookup = &pol_checker_policy, *cubes = &pol_bench_cubes;
	if (pol_check_abi(lookup) || pol_check_abi(cubes)) {
		fprintf(stderr, "decide: the policies were compiled for another runtime\n");
		return 2;
	}
	if (lookup->contact_strategy != POL_BY_LOOKUP ||
	    cubes->contact_strategy != POL_BY_CUBES) {
		fprintf(stderr, "decide: want pol_checker_policy by lookup and "
			"pol_bench_cubes by cubes\n");
		return 2;
	}
	rng_state = seed;
	make_inputs(lookup);
	make_answers(lookup, cubes);
	if (cases_path)
		write_cases(lookup, cases_path);

	/* the mode mix of the cases, so that readers can judge them */
	uint32_t nm = pol_count(lookup, POL_KIND_MODE);
	printf("# cases %zu seed %" PRIu64 " runs %u warmup %d\n", N, seed, runs,
	       WARMUP_RUNS);
	for (uint32_t p = 0; p < pol_count(lookup, POL_KIND_PROVIDER); p++) {
		printf("# mix %s", pol_name_of(lookup, POL_KIND_PROVIDER, p));
		for (uint32_t m = 0; m < nm; m++) {
			size_t n = 0;
			for (size_t i = 0; i < N; i++)
				n += prov[i] == p && pre_contact[i].mode == (int32_t)m;
			printf(" %s=%zu", pol_name_of(lookup, POL_KIND_MODE, m), n);
		}
		printf("\n");
	}
	printf("# name threads median_ns min_ns max_ns decisions_per_s passes checksum\n");
	fflush(stdout);

	/* The floors' checksums are the decisions' checksums: a floor reads
	 * exactly the answers the runtime gives. */
	uint64_t want = contact_floor(NULL, 0, N);
	uint64_t want_day = office_day_floor(NULL, 0, N);
	uint64_t want_date = office_date_floor(NULL, 0, N);
	uint64_t want_act = activity_floor(NULL, 0, N);
	/* Each baseline right after what it is compared with. */
	for (int threads = 1; threads <= 2; threads++) {
		bench("contact_floor", contact_floor, lookup, threads, want);
		bench("contact_lookup", contact_loop, lookup, threads, want);
#ifdef BENCH_BASELINE
		if (threads == 1)
			bench("base_contact_lookup", base_contact_loop, lookup, 1, want);
#endif
		bench("contact_cubes", contact_loop, cubes, threads, want);
#ifdef BENCH_BASELINE
		if (threads == 1)
			bench("base_contact_cubes", base_contact_loop, cubes, 1, want);
#endif
	}
	for (int threads = 1; threads <= 2; threads++) {
		bench("office_day_floor", office_day_floor, lookup, threads, want_day);
		bench("office_day", office_day_loop, lookup, threads, want_day);
		bench("office_date_floor", office_date_floor, lookup, threads, want_date);
		bench("office_date", office_date_loop, lookup, threads, want_date);
#ifdef BENCH_BASELINE
		if (threads == 1)
			bench("base_office_date", base_office_date_loop, lookup, 1, want_date);
#endif
		bench("activity_floor", activity_floor, lookup, threads, want_act);
		bench("activity", activity_loop, lookup, threads, want_act);
#ifdef BENCH_BASELINE
		if (threads == 1)
			bench("base_activity", base_activity_loop, lookup, 1, want_act);
#endif
	}
	return 0;
}
