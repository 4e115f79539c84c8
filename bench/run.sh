#!/bin/sh
# bench/run.sh - pol's benchmarks; run by 'make bench' after 'make all'.
#
# Prints a table and writes docs/performance.md: the machine, the
# compilers and flags, the exact commands, and every figure as a median
# over repeated runs after a warm-up.  Every comparison is a ratio of two
# figures measured in this run.  What each benchmark measures is in
# bench/README.md.  Scratch files go to $BUILD/bench; the big ones are
# deleted as soon as they have been used.
#
# Knobs (environment):
#   BENCH_RUNS=21        timed runs per in-process figure (bench/decide)
#   BENCH_CASES=100000   inputs per decision kind, and cases for the peers
#   BENCH_PEER_RUNS=11   timed runs per peer (Node.js)
#   BENCH_REPS=5         timed runs per batch and polc figure
#   BENCH_CC_REPS=3      timed runs per C compiler figure
#   BENCH_BASE_COMPILER, BENCH_BASE_RUNTIME
#                        commits whose compiler and runtime are timed as the
#                        "before" of the changes bench/README.md lists
#   BENCH_BASE_TIMEOUT=600  seconds a baseline run may take
#   BENCH_QUICK=1        smaller sizes (no 10^7 batch, no 10^6 policy)
#   BENCH_DOC=path       where to write the report (docs/performance.md)
set -eu
export LC_ALL=C
BUILD=${BUILD:-build}
CC=${CC:-cc}
B=$BUILD/bench
RUNS=${BENCH_RUNS:-21}
CASES=${BENCH_CASES:-100000}
PEER_RUNS=${BENCH_PEER_RUNS:-11}
REPS=${BENCH_REPS:-5}
CC_REPS=${BENCH_CC_REPS:-3}
BASE_COMPILER=${BENCH_BASE_COMPILER:-6c86660}
BASE_RUNTIME=${BENCH_BASE_RUNTIME:-896483c}
BASE_TIMEOUT=${BENCH_BASE_TIMEOUT:-600}
QUICK=${BENCH_QUICK:-}
DOC=${BENCH_DOC:-docs/performance.md}
BENCH_CFLAGS="-std=c11 -O2"
POLICIES=$(ls policies/*.pol | sort | tr '\n' ' ')

for f in "$BUILD/polc" "$BUILD/libpolrt.a" "$BUILD/policy/policy.o"; do
	[ -e "$f" ] || { echo "bench: $f is missing; run 'make' first" >&2; exit 2; }
done
mkdir -p "$B"
rm -f "$B"/*.txt "$B"/*.tsv

note() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---- helpers ----------------------------------------------------------------

# measure OUT REPS CMD...: one warm-up run, then REPS runs, each timed by
# peakrss into OUT (wall max_rss_kib status user sys); stdout to
# /dev/null, stderr to $B/last.err.  Any run that fails stops the bench.
measure() {
	out=$1 reps=$2
	shift 2
	: >"$out"
	"$B/peakrss" "$B/warmup.txt" "$@" >/dev/null 2>"$B/last.err" ||
		{ cat "$B/last.err" >&2; die "failed: $*"; }
	i=0
	while [ "$i" -lt "$reps" ]; do
		"$B/peakrss" "$out" "$@" >/dev/null 2>"$B/last.err" ||
			{ cat "$B/last.err" >&2; die "failed: $*"; }
		i=$((i + 1))
	done
}

# med FILE COL: median of a column; max FILE COL: its largest value
med() { sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
	if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max() { awk -v c="$2" 'NR == 1 || $c > m { m = $c } END { print m }' "$1"; }
# calc EXPR: awk arithmetic, printed with %.3g unless a format is given
calc() { awk "BEGIN { printf \"${2:-%.3g}\", $1 }"; }
# a decide figure: dec NAME THREADS COLUMN (3 median ns, 6 decisions/s)
dec() { awk -v n="$1" -v t="$2" -v c="$3" '$1 == n && $2 == t { print $c }' "${4:-$B/decide.txt}"; }
# 12345678 -> 12,345,678
commas() { printf '%s\n' "$1" | awk '{ s = $1; o = ""
	while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
	print s o }'; }
# seconds -> "12.3 ms" or "1.23 s"
secs() { awk -v s="$1" 'BEGIN { if (s < 1) printf "%.1f ms", s * 1000; else printf "%.2f s", s }'; }

have_git() { command -v git >/dev/null 2>&1 && git rev-parse --verify -q "$1^{commit}" >/dev/null 2>&1; }

# ---- the machine --------------------------------------------------------------

START=$(date -u '+%Y-%m-%d %H:%M UTC')
NPROC=$(nproc)
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
KERNEL=$(uname -sr)
CCVER=$($CC --version | head -1)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain 2>/dev/null | grep -qv '^??' && echo ", with uncommitted changes" || true)
MAKE_OPT=$(sed -n 's/^OPT[[:space:]]*?=[[:space:]]*//p' Makefile)
note "machine: $NPROC CPUs, $CPU; load $LOAD0"

# ---- building the benchmarks ---------------------------------------------------

$CC $BENCH_CFLAGS -o "$B/peakrss" bench/peakrss.c
# shellcheck disable=SC2086
"$BUILD/polc" compile $POLICIES -o "$B/policy_cubes.c" --name policies \
	--symbol pol_bench_cubes --strategy=cubes 2>/dev/null
$CC $BENCH_CFLAGS -Iinclude -c -o "$B/policy_cubes.o" "$B/policy_cubes.c"

# The runtime before the changes, renamed base_*, linked beside the current one.
BASE_RT_OBJS="" BASE_RT_DEF=""
if have_git "$BASE_RUNTIME"; then
	rm -rf "$B/base_rt" && mkdir -p "$B/base_rt"
	git archive "$BASE_RUNTIME" runtime/contact.c runtime/office.c runtime/activity.c |
		tar -x -C "$B/base_rt"
	for f in contact office activity; do
		$CC $BENCH_CFLAGS -D_POSIX_C_SOURCE=200809L -Iinclude \
			-Dpol_contact=base_pol_contact -Dpol_contact_matches=base_pol_contact_matches \
			-Dpol_case_set=base_pol_case_set -Dpol_case_get=base_pol_case_get \
			-Dpol_value_parse=base_pol_value_parse -Dpol_office_on_day=base_pol_office_on_day \
			-Dpol_office_on_date=base_pol_office_on_date -Dpol_activity=base_pol_activity \
			-c -o "$B/base_rt/$f.o" "$B/base_rt/runtime/$f.c"
		BASE_RT_OBJS="$BASE_RT_OBJS $B/base_rt/$f.o"
	done
	BASE_RT_DEF=-DBENCH_BASELINE
fi
# shellcheck disable=SC2086
$CC $BENCH_CFLAGS -Iinclude -pthread $BASE_RT_DEF -o "$B/decide" bench/decide.c \
	"$BUILD/policy/policy.o" "$B/policy_cubes.o" $BASE_RT_OBJS "$BUILD/libpolrt.a"

# ---- 1. decisions in process ---------------------------------------------------

note "decisions in process ($RUNS runs each)"
"$B/decide" --cases "$CASES" --runs "$RUNS" --write-cases "$B/cases.csv" >"$B/decide.txt"

# ---- 2. peers under Node.js ----------------------------------------------------

PEERS=""
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	note "peers under Node.js ($PEER_RUNS runs each; Cedar takes minutes)"
	if [ ! -d bench/peers/node_modules/@cedar-policy/cedar-wasm ] ||
	   [ ! -d bench/peers/node_modules/json-rules-engine ]; then
		(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error) >&2
	fi
	node bench/peers/bench.mjs "$B/cases.csv" --runs "$PEER_RUNS" >"$B/peers.txt" ||
		die "the peers failed (see above): no peer figure counts"
	# pol's figure for the comparison, measured right after the peers
	"$B/decide" --cases "$CASES" --runs "$RUNS" --only contact_lookup \
		>"$B/decide_after_peers.txt"
	PEERS=yes
else
	note "node or npm not found: the peers are skipped"
fi

# ---- 3. batch ---------------------------------------------------------------------

[ -x "$BUILD/polcheck" ] || die "$BUILD/polcheck is missing; run 'make' first"
BATCH_SIZES="10000 100000 1000000 10000000"
[ -n "$QUICK" ] && BATCH_SIZES="10000 100000 1000000"
: >"$B/batch.tsv"
for n in $BATCH_SIZES; do
	note "batch: $n rows"
	f="$B/caseload.csv"
	sh bench/gen_caseload.sh "$n" >"$f"
	bytes=$(wc -c <"$f")
	# the rows come out, one per case, before any timing counts
	rows=$("$BUILD/polcheck" batch NPS "$f" | wc -l)
	[ "$rows" -eq $((n + 1)) ] || die "polcheck batch wrote $rows lines for $n rows"
	measure "$B/batch_$n.txt" "$REPS" "$BUILD/polcheck" batch NPS "$f"
	w=$(med "$B/batch_$n.txt" 1)
	printf '%s\t%s\t%s\t%s\n' "$n" "$bytes" "$w" "$(max "$B/batch_$n.txt" 2)" >>"$B/batch.tsv"
	rm -f "$f"
done

# Where a batch's time goes: callgrind over 10^5 rows, by function.
if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
	note "batch: a callgrind profile over 100,000 rows"
	sh bench/gen_caseload.sh 100000 >"$B/caseload.csv"
	valgrind --tool=callgrind --callgrind-out-file="$B/batch.cg" \
		"$BUILD/polcheck" batch NPS "$B/caseload.csv" >/dev/null 2>"$B/batch_cg.log"
	callgrind_annotate "$B/batch.cg" 2>/dev/null | grep -E '^ *[0-9,]+ \( *[0-9.]+%\)' |
		grep -v 'PROGRAM TOTALS' | head -8 |
		sed -E 's/^ *([0-9,]+) \( *([0-9.]+%)\) +([^ ]+).*/\1 \2 \3/' >"$B/batch_profile.txt"
	rm -f "$B/caseload.csv" "$B/batch.cg"
fi

# ---- 4. the compiler ---------------------------------------------------------------

BASE_POLC=""
if have_git "$BASE_COMPILER"; then
	note "building the baseline compiler ($BASE_COMPILER)"
	rm -rf "$B/base_c" && mkdir -p "$B/base_c"
	git archive "$BASE_COMPILER" | tar -x -C "$B/base_c"
	if make -C "$B/base_c" build/polc >"$B/base_c.log" 2>&1; then
		BASE_POLC=$B/base_c/build/polc
	else
		note "the baseline compiler did not build (see $B/base_c.log): no before figures"
	fi
fi

# base_once OUT CMD...: one run of the baseline, stopped after BASE_TIMEOUT
# seconds (status 124 recorded then)
base_once() {
	out=$1
	shift
	: >"$out"
	"$B/peakrss" "$out" timeout "$BASE_TIMEOUT" "$@" >/dev/null 2>&1 || true
}

POLC_SIZES="1000 10000 100000 1000000"
[ -n "$QUICK" ] && POLC_SIZES="1000 10000 100000"
: >"$B/polc.tsv"
for L in $POLC_SIZES; do
	note "polc: a policy of about $L lines"
	p="$B/gen_$L.pol"
	sh bench/gen_policy.sh --lines "$L" >"$p"
	lines=$(wc -l <"$p")
	bytes=$(wc -c <"$p")
	params=$(sed -n '1s/^# generated by bench\/gen_policy.sh //p' "$p")
	measure "$B/check_$L.txt" "$REPS" "$BUILD/polc" check "$p"
	measure "$B/compile_$L.txt" "$REPS" "$BUILD/polc" compile "$p" -o "$B/gen_$L.c"
	cbytes=$(wc -c <"$B/gen_$L.c")
	measure "$B/cc_$L.txt" "$CC_REPS" $CC $BENCH_CFLAGS -Iinclude -c "$B/gen_$L.c" -o "$B/gen_$L.o"
	bcheck=- bcompile=- bstatus=-
	if [ -n "$BASE_POLC" ]; then
		mkdir -p "$B/base_out"
		if [ "$L" -le 100000 ]; then
			measure "$B/bcheck_$L.txt" 3 "$BASE_POLC" check "$p"
			measure "$B/bcompile_$L.txt" 3 "$BASE_POLC" compile "$p" -o "$B/base_out/gen_$L.c"
			bcheck=$(med "$B/bcheck_$L.txt" 1)
			bcompile=$(med "$B/bcompile_$L.txt" 1)
			bstatus=0
		else
			base_once "$B/bcompile_$L.txt" "$BASE_POLC" compile "$p" -o "$B/base_out/gen_$L.c"
			bcompile=$(awk '{ print $1 }' "$B/bcompile_$L.txt")
			bstatus=$(awk '{ print $3 }' "$B/bcompile_$L.txt")
		fi
		rm -rf "$B/base_out"
	fi
	# L lines bytes check rss compile rss C-bytes cc rss base-check
	# base-compile base-status params compile-user compile-sys
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$L" "$lines" "$bytes" \
		"$(med "$B/check_$L.txt" 1)" "$(max "$B/check_$L.txt" 2)" \
		"$(med "$B/compile_$L.txt" 1)" "$(max "$B/compile_$L.txt" 2)" "$cbytes" \
		"$(med "$B/cc_$L.txt" 1)" "$(max "$B/cc_$L.txt" 2)" \
		"$bcheck" "$bcompile" "$bstatus" "$params" "$(med "$B/compile_$L.txt" 4)" \
		"$(med "$B/compile_$L.txt" 5)" >>"$B/polc.tsv"
	rm -f "$p" "$B/gen_$L.c" "$B/gen_$L.h" "$B/gen_$L.o"
done

# The symbolic analysis as attributes grow, 500 rules; and rules per provider.
: >"$B/analysis.tsv"
for spec in "10 500" "20 500" "40 500" "10 100" "10 1000" "10 10000"; do
	set -- $spec
	note "polc check: $1 attributes, $2 rules"
	p="$B/gen_a$1_r$2.pol"
	sh bench/gen_policy.sh "$1" "$2" >"$p"
	measure "$B/acheck_$1_$2.txt" "$REPS" "$BUILD/polc" check "$p"
	warnings=$("$BUILD/polc" check "$p" 2>&1 | grep -c 'warning:' || true)
	b=-
	if [ -n "$BASE_POLC" ]; then
		measure "$B/abcheck_$1_$2.txt" 3 "$BASE_POLC" check "$p"
		b=$(med "$B/abcheck_$1_$2.txt" 1)
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(wc -l <"$p")" \
		"$(med "$B/acheck_$1_$2.txt" 1)" "$(max "$B/acheck_$1_$2.txt" 2)" "$b" "$warnings" \
		>>"$B/analysis.tsv"
	rm -f "$p"
done
rm -rf "$B/base_c"

# ---- long fields through the sanitized checker (its own report) ---------------

note "batch: long fields, sanitized, 100 MB and 1 GB (docs/batch-long-fields.md)"
BUILD=$BUILD sh bench/long_fields.sh >/dev/null

LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
END=$(date -u '+%Y-%m-%d %H:%M UTC')

# ---- the report ---------------------------------------------------------------

. bench/report.sh
