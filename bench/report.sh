# bench/report.sh - sourced by bench/run.sh once every figure is in $B:
# prints the summary table and writes $DOC.  Every number in the report
# is read from the files the benchmarks wrote in this run.
# shellcheck shell=sh

# ---- figures -------------------------------------------------------------------

D=$B/decide.txt
c_lookup=$(dec contact_lookup 1 3)
c_floor=$(dec contact_floor 1 3)
c_cubes=$(dec contact_cubes 1 3)

# the peers, with pol's figure measured right after them
if [ -n "$PEERS" ]; then
	pol_peer=$(dec contact_lookup 1 3 "$B/decide_after_peers.txt")
	peer() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$B/peers.txt"; }
	cedar_ns=$(peer cedar_wasm 2)
	cedar_x=$(calc "$cedar_ns / $pol_peer" "%.0f")
fi

# batch: the largest size and the memory at the smallest and largest
batch_last=$(tail -1 "$B/batch.tsv")
batch_rows_s=$(printf '%s\n' "$batch_last" | awk -F'\t' '{ printf "%.0f", $1 / $3 }')
batch_n=$(printf '%s\n' "$batch_last" | cut -f1)
rss_first=$(head -1 "$B/batch.tsv" | cut -f4)
rss_last=$(printf '%s\n' "$batch_last" | cut -f4)
batch_min_rows_s=$(awk -F'\t' '$1 >= 1000000 { r = $1 / $3; if (m == "" || r < m) m = r } END { printf "%.0f", m }' "$B/batch.tsv")

# polc: the largest size, and the growth of compile time per tenfold
polc_last=$(tail -1 "$B/polc.tsv")
polc_L=$(printf '%s\n' "$polc_last" | cut -f1)
polc_lines=$(printf '%s\n' "$polc_last" | cut -f2)
polc_compile=$(printf '%s\n' "$polc_last" | cut -f6)
polc_growth=$(tail -2 "$B/polc.tsv" | awk -F'\t' 'NR == 1 { a = $6 } NR == 2 { printf "%.1f", $6 / a }')

verdict() {	# verdict OK-EXPR: "met" or "missed"
	if awk "BEGIN { exit !($1) }"; then echo met; else echo missed; fi
}

v_contact=$(verdict "$c_lookup <= 10")
v_batch=$(verdict "$batch_min_rows_s >= 5000000 && $rss_last <= 1.5 * $rss_first")
v_polc=$(verdict "$polc_L >= 1000000 && $polc_compile <= 2 && $polc_growth <= 10.5")
if [ -n "$PEERS" ]; then
	v_cedar=$(verdict "$cedar_x >= 1000")
fi

# ---- the table on stdout ---------------------------------------------------------

{
	echo
	echo "pol benchmarks, $START ($NPROC CPUs: $CPU; load $LOAD0 -> $LOAD1)"
	echo
	printf '%-44s %14s %16s\n' "in process (median of $RUNS runs)" "ns/decision" "decisions/s"
	for row in "contact_floor 1" "contact_lookup 1" "contact_cubes 1" "contact_floor 2" \
		   "contact_lookup 2" "contact_cubes 2" "office_day 1" "office_date 1" \
		   "activity 1" "office_day 2" "office_date 2" "activity 2"; do
		set -- $row
		printf '  %-42s %14s %16s\n' "$1, $2 thread(s)" "$(dec "$1" "$2" 3)" \
			"$(commas "$(dec "$1" "$2" 6)")"
	done
	if [ -n "$PEERS" ]; then
		echo
		printf '%-44s %14s %16s\n' "peers under Node.js (median of $PEER_RUNS runs)" "ns/decision" "pol speed-up"
		printf '  %-42s %14s %16s\n' "pol (contact_lookup, after the peers)" "$pol_peer" "1"
		while read -r name ns _; do
			case $name in '#'*) continue ;; esac
			printf '  %-42s %14s %16s\n' "$name" "$ns" "$(calc "$ns / $pol_peer" "%.0f")x"
		done <"$B/peers.txt"
	fi
	echo
	printf '%-44s %14s %16s\n' "polcheck batch NPS (median of $REPS runs)" "rows/s" "peak RSS"
	while IFS='	' read -r n bytes w rss; do
		printf '  %-42s %14s %16s\n' "$(commas "$n") rows, $(calc "$bytes / 1e6" "%.1f") MB" \
			"$(commas "$(calc "$n / $w" "%.0f")")" "$(calc "$rss / 1024" "%.1f") MiB"
	done <"$B/batch.tsv"
	echo
	printf '%-44s %14s %16s\n' "polc (median of $REPS runs)" "check" "compile"
	while IFS='	' read -r L lines _ chk _ cmp _; do
		printf '  %-42s %14s %16s\n' "$(commas "$lines") lines" "$(secs "$chk")" "$(secs "$cmp")"
	done <"$B/polc.tsv"
	echo
	echo "targets:"
	printf '  %-52s %s\n' "contact decision <= 10 ns in process: $c_lookup ns" "$v_contact"
	if [ -n "$PEERS" ]; then
		printf '  %-52s %s\n' ">= 1000x faster than Cedar-wasm: ${cedar_x}x" "$v_cedar"
	fi
	printf '  %-52s %s\n' "batch >= 5M rows/s, flat memory: $(commas "$batch_min_rows_s") rows/s" "$v_batch"
	printf '  %-52s %s\n' "polc compile $(commas "$polc_lines") lines <= 2 s: $(secs "$polc_compile")" "$v_polc"
	echo
	echo "report: $DOC"
}

# ---- the report ------------------------------------------------------------------

# md_decide NAME THREADS LABEL: a row of the in-process table
md_decide() {
	ns=$(dec "$1" "$2" 3)
	fl=$(dec "$(printf '%s' "$1" | sed -e 's/_lookup$//' -e 's/_cubes$//')_floor" "$2" 3)
	printf '| %s | %s | %s | %s–%s | %s | %s |\n' "$3" "$2" "$ns" "$(dec "$1" "$2" 4)" \
		"$(dec "$1" "$2" 5)" "$(commas "$(dec "$1" "$2" 6)")" \
		"$( [ -n "$fl" ] && calc "$ns / $fl" "%.1f×" || echo —)"
}

{
cat <<EOF
# Performance

Written by \`make bench\` (\`bench/run.sh\`) from $START to $END; do not
edit by hand, run it again.  Every figure below is a median over
repeated runs after a warm-up run, measured in that one invocation; every
ratio divides two figures of the same invocation.  What each benchmark
does and why is in [\`bench/README.md\`](../bench/README.md).

## Targets

| target | measured | |
|---|---|---|
| contact decision ≤ 10 ns median, in process | $c_lookup ns (lookup table, one thread) | $v_contact |
EOF
if [ -n "$PEERS" ]; then
	echo "| ≥ 1000× faster per decision than Cedar-wasm, same run | ${cedar_x}× ($cedar_ns ns against $pol_peer ns) | $v_cedar |"
else
	echo "| ≥ 1000× faster per decision than Cedar-wasm, same run | not run: no Node.js | — |"
fi
cat <<EOF
| batch ≥ 5 million rows/s, memory flat in the row count | $(commas "$batch_min_rows_s") rows/s at the slowest size from 10⁶ rows; peak RSS $(calc "$rss_first / 1024" "%.1f") MiB at $(commas "$(head -1 "$B/batch.tsv" | cut -f1)") rows, $(calc "$rss_last / 1024" "%.1f") MiB at $(commas "$batch_n") | $v_batch |
| \`polc compile\` of a 10⁶-line policy ≤ 2 s, growing no more than linearly | $(secs "$polc_compile") for $(commas "$polc_lines") lines; ×$polc_growth for the last tenfold | $v_polc |

Where a target is missed, [What is missed](#what-is-missed) says by how
much, why, and what would close it.

## The machine

- $NPROC CPUs (\`nproc\`): $CPU; $MEM of memory; $KERNEL
- load average $LOAD0 at the start, $LOAD1 at the end (a shared
  machine: figures taken under load are slower and noisier)
- pol at commit $COMMIT$DIRTY
- C compiler: $CCVER
- the benchmark programs (\`bench/decide.c\`, \`bench/peakrss.c\`), the
  cubes copy of the policy and the generated tables timed under
  "the C compiler": \`$CC $BENCH_CFLAGS\`
- \`libpolrt.a\` and \`build/policy/policy.o\`: as \`make\` built them, with
  the Makefile's flags (\`-std=c11 \$(OPT) -Wall ... -pedantic\`, \`OPT\`
  defaulting to \`$MAKE_OPT\`)
EOF
if [ -n "$PEERS" ]; then
	sed -n 's/^# node \(.*\) cedar-wasm \([^ ]*\) .*/- Node.js \1; @cedar-policy\/cedar-wasm \2 (SDK version as it reports it)/p' "$B/peers.txt"
	echo "- json-rules-engine $(sed -n 's/.*"version": "\(.*\)".*/\1/p' bench/peers/node_modules/json-rules-engine/package.json | head -1), as pinned by \`bench/peers/package-lock.json\`"
fi
cat <<EOF

## The commands

\`\`\`sh
make all                      # polc, libpolrt.a, policy.o, polcheck
$CC $BENCH_CFLAGS -o $B/peakrss bench/peakrss.c
$BUILD/polc compile $POLICIES-o $B/policy_cubes.c --name policies --symbol pol_bench_cubes --strategy=cubes
$CC $BENCH_CFLAGS -Iinclude -c -o $B/policy_cubes.o $B/policy_cubes.c
$CC $BENCH_CFLAGS -Iinclude -pthread $BASE_RT_DEF -o $B/decide bench/decide.c $BUILD/policy/policy.o $B/policy_cubes.o$BASE_RT_OBJS $BUILD/libpolrt.a
$B/decide --cases $CASES --runs $RUNS --write-cases $B/cases.csv
EOF
if [ -n "$PEERS" ]; then
cat <<EOF
(cd bench/peers && npm ci)    # only when node_modules is missing
node bench/peers/bench.mjs $B/cases.csv --runs $PEER_RUNS
$B/decide --cases $CASES --runs $RUNS --only contact_lookup    # pol, after the peers
EOF
fi
cat <<EOF
sh bench/gen_caseload.sh ROWS > $B/caseload.csv          # ROWS = $BATCH_SIZES
$B/peakrss REPORT $BUILD/polcheck batch NPS $B/caseload.csv > /dev/null
sh bench/gen_policy.sh --lines LINES > $B/gen_LINES.pol   # LINES = $POLC_SIZES
$B/peakrss REPORT $BUILD/polc check $B/gen_LINES.pol
$B/peakrss REPORT $BUILD/polc compile $B/gen_LINES.pol -o $B/gen_LINES.c
$B/peakrss REPORT $CC $BENCH_CFLAGS -Iinclude -c $B/gen_LINES.c -o $B/gen_LINES.o
sh bench/gen_policy.sh ATTRIBUTES RULES > $B/gen_aA_rR.pol  # analysis
$B/peakrss REPORT $BUILD/polc check $B/gen_aA_rR.pol
\`\`\`

Each \`peakrss\` command runs once as a warm-up, then $REPS times
($CC_REPS for the C compiler, 3 for the baseline compiler); \`peakrss\`
(\`bench/peakrss.c\`) reports wall time from \`fork\` to \`wait4\` and the
child's \`ru_maxrss\`.  The baseline ("before") compiler is commit
\`$BASE_COMPILER\` built from \`git archive\`, the baseline runtime the
files \`runtime/{contact,office,activity}.c\` of commit \`$BASE_RUNTIME\`,
compiled with every function renamed \`base_...\` and linked into the same
\`decide\` binary.

## 1. Decisions in process

$(commas "$(sed -n 's/^# cases \([0-9]*\).*/\1/p' "$D")") inputs per decision kind, generated from a fixed seed
(\`$(sed -n 's/^# cases [0-9]* seed \([0-9]*\).*/\1/p' "$D")\`) through the public API: a provider and, per
attribute of the bundled policies, a value (a flag set one time in 16; a
level or range at its lowest value half the time, the next a quarter,
...).  The contact decisions these cases get:

EOF
sed -n 's/^# mix \([A-Z]*\) \(.*\)/- \1: \2/p' "$D" | sed 's/=/ /g; s/ \([0-9][0-9]*\)/ \1,/g; s/,$//'
cat <<EOF

A run is as many passes over the inputs as take about 20 ms; the figure
is the wall time per decision of one thread (for two threads, wall time
× 2 / decisions), the median of $RUNS runs after 3 warm-up runs.  The
floor is the same loop reading the answer from an array instead of
asking the runtime: the cost of the loop, the loads and the checksum.
The runtime's functions are calls into \`libpolrt.a\`; the floor has no
call.  Every run's checksum must equal the floor's, so nothing is skipped.

| decision | threads | ns per decision | min–max | decisions per second | ÷ floor |
|---|---|---|---|---|---|
EOF
for t in 1 2; do
	md_decide contact_floor "$t" "contact: the floor"
	md_decide contact_lookup "$t" "contact (\`pol_contact\`), lookup table (default)"
	md_decide contact_cubes "$t" "contact (\`pol_contact\`), \`--strategy=cubes\`"
done
for t in 1 2; do
	md_decide office_day "$t" "office on a weekday (\`pol_office_on_day\`)"
	md_decide office_date "$t" "office on a date (\`pol_office_on_date\`)"
	md_decide activity "$t" "activity on a date (\`pol_activity\`)"
done
cat <<EOF

The lookup table is $(calc "$c_cubes / $c_lookup" "%.1f")× faster than walking the cubes on these cases.
EOF
if [ -n "$BASE_RT_DEF" ]; then
cat <<EOF

Before and after the runtime changes of this work (one thread, same
binary, same inputs; "before" is \`$BASE_RUNTIME\`).  The lookup path of
\`pol_contact\` did not change: its row shows how far two copies of the
same code differ in one run.  \`pol_office_on_date\` and \`pol_activity\`
now check the date's range on the day number instead of converting it
to a year first; the cubes path checks a case's fields without a call
per attribute, and skips flags, which cannot hold a bad value.

| decision | before, ns | after, ns | speed-up |
|---|---|---|---|
EOF
	for pair in "contact_lookup contact_lookup" "contact_cubes contact_cubes" \
		    "office_date office_date" "activity activity"; do
		set -- $pair
		a=$(dec "$1" 1 3)
		b=$(dec "base_$1" 1 3)
		case $1 in
		contact_lookup) label="contact, lookup table (unchanged: the control)" ;;
		contact_cubes) label="contact, cubes" ;;
		office_date) label="office on a date" ;;
		*) label="activity on a date" ;;
		esac
		printf '| %s | %s | %s | %s× |\n' "$label" "$b" "$a" "$(calc "$b / $a" "%.2f")"
	done
fi

if [ -n "$PEERS" ]; then
cat <<EOF

## 2. Peers under Node.js

The same contact decision over the same $(commas "$(($(wc -l <"$B/cases.csv") - 1))") cases (\`bench/decide\`
writes them with pol's answers to \`$B/cases.csv\`), written by hand in
each peer's idiom from the contact rules of \`policies/derbyshire.pol\`
(\`bench/peers/bench.mjs\`).  Before anything is timed, every peer must
give pol's mode on every case; one difference stops the benchmark.  The
checking pass and one more run are the warm-up; then $PEER_RUNS timed runs.
pol's figure is \`contact_lookup\` measured by \`bench/decide\` right after
the peers, in the same run.

| engine | ns per decision | min–max | decisions per second | pol's speed-up |
|---|---|---|---|---|
| pol, in process (C) | $pol_peer | $(dec contact_lookup 1 4 "$B/decide_after_peers.txt")–$(dec contact_lookup 1 5 "$B/decide_after_peers.txt") | $(commas "$(dec contact_lookup 1 6 "$B/decide_after_peers.txt")") | 1 |
EOF
	while read -r name ns lo hi dps _; do
		case $name in '#'*) continue ;; esac
		case $name in
		js_plain) label="plain JavaScript function (baseline)" ;;
		json_rules_engine) label="json-rules-engine" ;;
		cedar_wasm) label="Cedar (@cedar-policy/cedar-wasm)" ;;
		*) label=$name ;;
		esac
		printf '| %s | %s | %s–%s | %s | %s× |\n' "$label" "$ns" "$lo" "$hi" "$(commas "$dps")" \
			"$(calc "$ns / $pol_peer" "%.0f")"
	done <"$B/peers.txt"
cat <<EOF

- **Cedar**: one \`permit\` per pol rule, an action per contact mode, the
  case's attributes in the request context (a level as a Long), the
  policy set parsed once (\`preparsePolicySet\`); a decision asks
  \`statefulIsAuthorized\` for each mode in priority order and takes the
  first allowed.  Every call crosses into WebAssembly as JSON.
- **json-rules-engine**: one engine per provider, one rule per pol rule,
  the mode as the event type; \`engine.run(facts)\` per case (a Promise),
  then the highest-priority event, else the 'otherwise' mode.
- **plain JavaScript**: the rules as one hand-written function per
  provider, highest mode first: the floor for a JavaScript program.
EOF
fi

cat <<EOF

## 3. Batch

\`polcheck batch NPS FILE > /dev/null\` over caseloads from
\`bench/gen_caseload.sh\` (a \`ref\` column, risk, mappa and the nine flags
of the bundled policies, columns not in the policy's order); each file is
generated, checked (one output row per case), timed, and deleted.

| rows | input | wall (median) | rows per second | MB per second | peak RSS |
|---|---|---|---|---|---|
EOF
while IFS='	' read -r n bytes w rss; do
	printf '| %s | %s MB | %s | %s | %s | %s MiB |\n' "$(commas "$n")" "$(calc "$bytes / 1e6" "%.1f")" \
		"$(secs "$w")" "$(commas "$(calc "$n / $w" "%.0f")")" "$(calc "$bytes / 1e6 / $w" "%.0f")" \
		"$(calc "$rss / 1024" "%.1f")"
done <"$B/batch.tsv"
cat <<EOF

Peak memory from $(commas "$(head -1 "$B/batch.tsv" | cut -f1)") to $(commas "$batch_n") rows: ×$(calc "$rss_last / $rss_first" "%.2f").

## 4. The compiler

Policies from \`bench/gen_policy.sh --lines N\`: a national policy set of
ten case attributes; providers, contact rules, offices (each with two
schedules) and activities (each with a four-entry timeline in two
nations) in the proportions bench/README.md gives.  The generator's
arguments for each size are in the last column.

| lines | bytes | \`polc check\` | peak RSS | \`polc compile\` | peak RSS | C written | \`cc -O2 -c\` | peak RSS | compile ×, per tenfold | before: check | before: compile | gen_policy.sh |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
EOF
awk -F'\t' -v T="$BASE_TIMEOUT" '
function secs(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
function mib(k) { return sprintf("%.0f MiB", k / 1024) }
function mb(b) { return sprintf("%.1f MB", b / 1e6) }
{
	growth = NR > 1 ? sprintf("×%.1f", $6 / prev) : "—"
	prev = $6
	bc = $11 == "-" ? "—" : secs($11)
	if ($12 == "-") bp = "—"
	else if ($13 == 124) bp = "> " T " s (stopped)"
	else bp = secs($12) ($13 == 0 && $1 > 100000 ? " (one run)" : "")
	printf "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | `%s` |\n", $2, mb($3),
		secs($4), mib($5), secs($6), mib($7), mb($8), secs($9), mib($10), growth, bc, bp, $14
}' "$B/polc.tsv"
cat <<EOF

The symbolic analysis (\`polc check\` includes \`compiler/analyse.c\`) as
attributes grow, with 500 contact rules over two providers
(\`gen_policy.sh ATTRIBUTES 500\`), and as rules per provider grow with
ten attributes (\`gen_policy.sh 10 RULES\`):

| attributes | rules | lines | \`polc check\` | peak RSS | before | speed-up | warnings |
|---|---|---|---|---|---|---|---|
EOF
awk -F'\t' '
function secs(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
{
	b = $6 == "-" ? "—" : secs($6)
	x = $6 == "-" ? "—" : sprintf("%.1f×", $6 / $4)
	printf "| %d | %d | %d | %s | %.0f MiB | %s | %s | %d |\n", $1, $2, $3, secs($4), $5 / 1024, b, x, $7
}' "$B/analysis.tsv"

cat <<EOF

## 5. Where the time goes

EOF
if [ -f bench/profile.md ]; then
	cat bench/profile.md
else
	echo "No profile: run \`sh bench/profile.sh\` to write bench/profile.md."
fi

cat <<EOF

## What is missed

EOF
missed=0
if [ "$v_contact" = missed ]; then
	missed=1
	cat <<EOF
- **Contact decision**: $c_lookup ns against 10 ns, $(calc "$c_lookup / 10" "%.1f")× the target.  The
  floor of the same loop is $c_floor ns; the rest is the call into
  \`libpolrt.a\` and the table loads.  A shared machine under load slows
  every figure (load average $LOAD0 at the start).
EOF
fi
if [ -n "$PEERS" ] && [ "$v_cedar" = missed ]; then
	missed=1
	cat <<EOF
- **Against Cedar-wasm**: ${cedar_x}× against 1000×.
EOF
fi
if [ "$v_batch" = missed ]; then
	missed=1
	cat <<EOF
- **Batch**: $(commas "$batch_min_rows_s") rows/s at the slowest size from 10⁶ rows against
  5,000,000: $(calc "5000000 / $batch_min_rows_s" "%.1f")× short.  Memory is flat (×$(calc "$rss_last / $rss_first" "%.2f")
  from the smallest to the largest file).  The decision is not what
  costs: \`pol_contact\` takes $c_lookup ns in process.  \`polcheck\` already
  splits plain rows in place, copies them through unchanged and decodes
  values through per-column tables built from the header; what remains
  is reading the file and finding its commas and line ends.  callgrind
  over 10⁵ rows, by function, self cost:

EOF
	if [ -s "$B/batch_profile.txt" ]; then
		echo "  | instructions | share | function |"
		echo "  |---|---|---|"
		awk '{ n = split($3, f, ":"); printf "  | %s | %s | `%s` |\n", $1, $2, f[n] }' "$B/batch_profile.txt"
		echo
	fi
	cat <<EOF
  What would close it: split the input at line boundaries over the
  cores (\`nproc\` is $NPROC here), each writing its share of the output
  in order.
EOF
fi
if [ "$v_polc" = missed ]; then
	missed=1
	polc_check=$(printf '%s\n' "$polc_last" | cut -f4)
	polc_cbytes=$(printf '%s\n' "$polc_last" | cut -f8)
	polc_rss=$(printf '%s\n' "$polc_last" | cut -f7)
	polc_user=$(printf '%s\n' "$polc_last" | cut -f15)
	polc_sys=$(printf '%s\n' "$polc_last" | cut -f16)
	cat <<EOF
- **polc compile at 10⁶ lines**: $(secs "$polc_compile") for $(commas "$polc_lines") lines against 2 s, $(calc "$polc_compile / 2" "%.2f")× the target;
  ×$polc_growth for the last tenfold (linear is ×10).  Of the $(secs "$polc_compile"),
  \`polc check\` (scan, parse, check, model, analysis) takes $(secs "$polc_check")
  and writing $(calc "$polc_cbytes / 1e6" "%.0f") MB of C the rest; the process spends $(secs "$polc_user")
  in user and $(secs "$polc_sys") in system time, the latter mostly faulting in its
  $(calc "$polc_rss / 1024" "%.0f") MiB (a virtual machine's first touch of memory is slow).
  What would close it: one copy of each identifier instead of one per
  occurrence; smaller nodes in the syntax tree and the model, so that
  less memory is touched; and less C: every timeline entry is written
  once per area it applies to, which a table of shared entries would
  avoid (an ABI change).
EOF
fi
if [ "$missed" = 0 ]; then
	echo "Nothing: every target is met in this run."
fi
} >"$DOC.tmp"
mv "$DOC.tmp" "$DOC"
