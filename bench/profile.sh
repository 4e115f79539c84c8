#!/bin/sh
# bench/profile.sh - where polc's time goes, before and after: callgrind
# profiles of 'polc compile' on a generated policy, summarised into
# bench/profile.md (which bench/run.sh puts in docs/performance.md).
#
#   sh bench/profile.sh [LINES]        (default 100000; BUILD=build)
#
# perf would do if 'perf stat -e instructions true' counted instructions;
# where it cannot (virtual machines without a PMU) callgrind counts them
# instead, at some 50 times the run time: the baseline's run at 10^5
# lines takes tens of minutes.  The baseline is BENCH_BASE_COMPILER
# (default 6c86660), built from 'git archive'.  PROFILE_KEEP_BEFORE=1
# keeps the baseline's profile from an earlier run of the same size
# ($BUILD/profile/before.cg) instead of taking it again.
set -eu
export LC_ALL=C
BUILD=${BUILD:-build}
LINES=${1:-100000}
BASE=${BENCH_BASE_COMPILER:-6c86660}
P=$BUILD/profile
OUT=${PROFILE_MD:-bench/profile.md}
mkdir -p "$P"

command -v valgrind >/dev/null 2>&1 || { echo "profile: valgrind is needed" >&2; exit 2; }
[ -x "$BUILD/polc" ] || { echo "profile: run 'make' first" >&2; exit 2; }
if perf stat -e instructions true 2>&1 | grep -q 'not supported'; then
	TOOL="callgrind (\`perf stat -e instructions\` is not supported on this machine)"
else
	TOOL="callgrind (perf would do here too; callgrind is used for comparable counts)"
fi

sh bench/gen_policy.sh --lines "$LINES" >"$P/gen.pol"

run() {	# run NAME POLC
	echo "profile: callgrind on $2 (this takes a while)" >&2
	valgrind --tool=callgrind --callgrind-out-file="$P/$1.cg" \
		"$2" compile "$P/gen.pol" -o "$P/$1.c" >/dev/null 2>"$P/$1.log"
}
if [ -z "${PROFILE_KEEP_BEFORE:-}" ] || [ ! -s "$P/before.cg" ] ||
   [ "$(cat "$P/before.lines" 2>/dev/null)" != "$LINES" ]; then
	rm -rf "$P/base_c" && mkdir -p "$P/base_c"
	git archive "$BASE" | tar -x -C "$P/base_c"
	make -C "$P/base_c" build/polc >"$P/base_c.log" 2>&1
	run before "$P/base_c/build/polc"
	echo "$LINES" >"$P/before.lines"
fi
run after "$BUILD/polc"

total() { sed -n 's/^summary: *//p' "$P/$1.cg" | head -1; }
# 12345678 -> 12,345,678 (as text: awk's integers are too small)
commas() { printf '%s\n' "$1" | awk '{ s = $1; o = ""
	while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
	print s o }'; }

# The functions of polc (and libc's printf family) by inclusive count.
table() {	# table NAME
	echo "| instructions | share | function |"
	echo "|---|---|---|"
	callgrind_annotate --inclusive=yes "$P/$1.cg" 2>/dev/null |
		grep -E '^ *[0-9,]+ \( *[0-9.]+%\)' |
		grep -v -E 'PROGRAM TOTALS|below main|libc-start|ld-linux|\?\?\?|:main |cmd_compile' |
		sed -E 's/^ *([0-9,]+) \( *([0-9.]+%)\) +([^ ]+).*/\1 \2 \3/' |
		awk '{ n = split($3, f, ":"); fn = f[n]; file = $3; sub(/:[^:]*$/, "", file);
		       sub(/.*\//, "", file); key = file ":" fn
		       if (seen[key]++) next; printf "| %s | %s | `%s` (%s) |\n", $1, $2, fn, file }' |
		head -14
}

B=$(total before)
A=$(total after)
{
cat <<EOF
Profiled with $TOOL by \`sh bench/profile.sh $LINES\` on
$(date -u '+%Y-%m-%d'), $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)):
\`polc compile\` of \`gen_policy.sh --lines $LINES\` ($(wc -l <"$P/gen.pol") lines), with the
compiler of commit \`$BASE\` ("before") and the current one ("after").
Counts are instructions executed (callgrind's Ir), inclusive of callees.

Before: $(commas "$B") instructions.

$(table before)

The slowest stage was building the model of the contact rules
(\`model_build_contact\`, the lookup table of \`build_lookup\`): each of
the 2^14 cases of each provider looked up its set of matching rules by
comparing it with every set made so far, a linear search that grows with
the number of sets, up to 65,536; and each case tested every rule
through \`cover_has\`, attribute by attribute.  Next came the timelines
(\`model_build_timelines\`), which looked through every timeline of the
policy for every activity and area, and the C emitter's \`printf\` calls.

After: $(commas "$A") instructions, $(awk -v b="$B" -v a="$A" 'BEGIN { printf "%.1f", b / a }')× fewer.

$(table after)

What changed (\`make test\` compares the compiled tables with the
reference interpreter, and the golden files with the emitter's output;
the C written is byte for byte what the baseline wrote, but for the
strategy of policies whose lookup tables would now be given up):

- \`compiler/model_contact.c\`: match sets are found by hash; a rule is
  tested as its packed (mask, value) cubes, one AND and compare each; the
  lookup table is given up for the cubes as soon as its match sets would
  list more than 2^24 rules (thousands of rules a provider), instead of
  after building 65,536 sets.
- \`compiler/model_timeline.c\`: each activity's timelines are found once;
  the candidates of a cell live in one scratch array, not the arena.
- \`compiler/emit_c.c\`: output goes through a buffer of the emitter's own;
  numbers, plain strings and comments are written without \`printf\`;
  the first of the two passes, which collects strings too long for one C
  literal, is skipped when no two quotes of any source file are that far
  apart (and skips formatting and line numbers when it runs); source
  lines are found by a search that starts at the last line found; the
  hash of already-written citations uses the high bits of the product.
- \`compiler/lexer.l\`: the scanner's tables are uncompressed
  (\`%option full\`, flex -Cf): 5% fewer instructions for the whole
  compile, 40 KB more in polc.

What is left is the front end (the scanner and the bison parser, whose
keyword lookup is a binary search with \`strncmp\`) and writing the C
itself.
EOF
} >"$OUT"
rm -rf "$P/base_c" "$P"/*.c "$P"/*.h
echo "profile: wrote $OUT" >&2
