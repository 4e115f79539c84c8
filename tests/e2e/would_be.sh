#!/bin/sh
# would_be.sh - the contact answer's counterfactuals, 'would_be': for each
# mode of higher priority than the decided one, the smallest changes to
# the case that would give it (docs/polcheck.md, 'would be').
#
#   1. the bundled $POLCHECK: exact JSON and plain lines for the questions
#      officers ask (nothing set, risk=high, a case already face to face);
#   2. a policy of its own with attributes of odd sizes (a range from 1, a
#      level of five values), an 'otherwise' that is not the lowest mode, a
#      provider without one, a mode that needs two changes, one that needs
#      five (past the bound) and one with more than eight ways;
#   3. pol_contact_would_be against the interpreter's brute force (the
#      differential, tests/differential/) on that policy and on generated
#      ones (bench/gen_policy.sh), with both contact strategies.
#
# Needs $POLC, $POLCHECK, $BUILD and $TOP (tests/run.sh sets them).
set -u
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

case $BUILD in
/*) build=$BUILD ;;
*) build=$TOP/$BUILD ;;
esac
cc=${POL_CC:-${CC:-cc}}
san=
[ -n "${POL_SANITIZED:-}" ] && san="-fsanitize=address,undefined -fno-sanitize-recover=all"
have_python=
command -v python3 >/dev/null 2>&1 && have_python=1
[ -n "$have_python" ] || echo "missing tool: python3; JSON output not parsed"

# ask CHECKER ARGS...: stdout in $tmp/out; a failure unless exit 0 and
# nothing on stderr.
ask() {
	checker=$1
	shift
	"$checker" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] || fail "$*: exit $rc, $(head -2 "$tmp/err")"
}

# would_be NAME EXPECTED: the answer's would_be is the Python value EXPECTED,
# the key comes after reasons, and it is the last key.
would_be() {
	[ -n "$have_python" ] || return 0
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
keys = list(d)
assert 'would_be' in keys and keys.index('would_be') > keys.index('reasons'), keys
want = $2
assert d['would_be'] == want, d['would_be']
" "$tmp/out" || fail "$1: $(head -c 600 "$tmp/out")"
}

# lines NAME: the 'would be' lines of the plain answer are stdin.
lines() {
	grep '^would be ' "$tmp/out" >"$tmp/got"
	cat >"$tmp/want"
	cmp -s "$tmp/want" "$tmp/got" || { fail "$1: would be lines differ"; diff -u "$tmp/want" "$tmp/got"; }
}

# ---- 1. the bundled policies ------------------------------------------------

[ -x "$POLCHECK" ] || { echo "FAIL: no $POLCHECK"; exit 1; }
ff_any='[["tact"], ["cppc"], ["high_profile"], ["no_phone"], ["prison_leaver_initial"], ["risk=very_high"], ["mappa=3"]]'

ask "$POLCHECK" --json contact NPS
would_be "contact NPS" "[{'mode': 'face_to_face', 'if': $ff_any},
  {'mode': 'discretionary', 'if': [['risk=high']]},
  {'mode': 'doorstep', 'if': [['high_priority']]}]"
ask "$POLCHECK" contact NPS
[ "$(head -1 "$tmp/out")" = remote ] || fail "contact NPS: $(head -1 "$tmp/out")"
lines "contact NPS" <<'EOF'
would be face_to_face with tact, or with cppc, or with high_profile, or with no_phone, or with prison_leaver_initial, or with risk=very_high, or with mappa=3
would be discretionary with risk=high
would be doorstep with high_priority
EOF

ask "$POLCHECK" --json contact NPS risk=high
would_be "contact NPS risk=high" "[{'mode': 'face_to_face', 'if': $ff_any}]"
ask "$POLCHECK" contact NPS risk=high --explain
lines "contact NPS risk=high --explain" <<'EOF'
would be face_to_face with tact, or with cppc, or with high_profile, or with no_phone, or with prison_leaver_initial, or with risk=very_high, or with mappa=3
EOF
# the lines come before the reasons
[ "$(sed -n 4p "$tmp/out" | cut -c1-9)" = "would be " ] && [ "$(sed -n 5p "$tmp/out")" = "because:" ] ||
	fail "contact NPS risk=high --explain: $(cat "$tmp/out")"

ask "$POLCHECK" --json contact NPS high_priority
would_be "contact NPS high_priority" "[{'mode': 'face_to_face', 'if': $ff_any},
  {'mode': 'discretionary', 'if': [['risk=high']]}]"

ask "$POLCHECK" --json contact CRC
would_be "contact CRC" "[{'mode': 'face_to_face', 'if':
  [['no_phone'], ['prison_leaver_initial'], ['child_protection'], ['domestic_abuse'], ['cusp_of_escalation']]}]"

# decided face to face: nothing is higher
for q in "CRC no_phone" "NPS tact risk=very_high" "NPS mappa=3 high_priority"; do
	# shellcheck disable=SC2086
	ask "$POLCHECK" --json contact $q
	would_be "contact $q" "[]"
	# shellcheck disable=SC2086
	ask "$POLCHECK" contact $q --explain
	[ "$(head -1 "$tmp/out")" = face_to_face ] || fail "contact $q: $(head -1 "$tmp/out")"
	lines "contact $q" </dev/null
done

# ---- 2. a policy of its own ---------------------------------------------------

cat >"$tmp/would_be.pol" <<'EOF'
# would_be.pol - attributes of odd sizes, an 'otherwise' in the middle,
# a provider without one, and modes that need several changes.
provider A "Provider A"
provider B "Provider B"
nation N

flag f1
flag f2
flag f3
flag f4
flag f5
flag f6
flag f7
level grade g0 < g1 < g2 < g3 < g4
range score 1..10

modes top > mid > low > bottom

contact for A
  top when score == 6 or (f1 and f2)
    cite "top"
  mid when score >= 3 and not f3
    cite "mid by score"
  mid when grade > g2
    cite "mid by grade"
  low when f4 or grade == g1
    cite "low"
  otherwise mid
    cite "otherwise mid"
end

contact for B
  top when f1 and f2 and f3 and f4 and f5
    cite "all five"
  mid when f1 or f2 or f3 or f4 or f5 or f6 or f7 or grade >= g2 or score >= 3
    cite "any"
  low when grade == g1 and score <= 2
    cite "low"
  bottom when grade != g1 and score != 2 and not f7
    cite "bottom"
end
EOF

(cd "$tmp" && "$POLC" compile would_be.pol -o policy.c --name would_be \
	--symbol pol_checker_policy 2>polc.err) || { cat "$tmp/polc.err"; echo "FAIL: polc compile"; exit 1; }
# shellcheck disable=SC2086
$cc -std=c11 -O2 -g $san -D_POSIX_C_SOURCE=200809L -Iinclude -Icompiler \
	-o "$tmp/polcheck" "$tmp/policy.c" runtime/polcheck/*.c compiler/suggest.c \
	compiler/writer.c "$build/libpolrt.a" || { echo "FAIL: cannot build polcheck"; exit 1; }
PC=$tmp/polcheck

# decided by 'otherwise': a set of one change comes before a set of two,
# whatever their attributes
ask "$PC" --json contact A
would_be "A" "[{'mode': 'top', 'if': [['score=6'], ['f1', 'f2']]}]"
ask "$PC" contact A
[ "$(head -1 "$tmp/out")" = mid ] || fail "A: $(head -1 "$tmp/out")"
lines "A" <<'EOF'
would be top with score=6, or with f1 and f2
EOF

# a flag set to false; the smallest value that gives the mode (score=3:
# score=4, 5 and 7..10 give mid too, 6 gives top)
ask "$PC" --json contact A f4
would_be "A f4" "[{'mode': 'top', 'if': [['score=6'], ['f1', 'f2']]},
  {'mode': 'mid', 'if': [['f4=false'], ['grade=g3'], ['score=3']]}]"
ask "$PC" contact A f4
lines "A f4" <<'EOF'
would be top with score=6, or with f1 and f2
would be mid with f4=false, or with grade=g3, or with score=3
EOF

# mid through 'otherwise' (grade=g0: no rule applies) or a rule (score=3)
ask "$PC" --json contact A grade=g1
would_be "A grade=g1" "[{'mode': 'top', 'if': [['score=6'], ['f1', 'f2']]},
  {'mode': 'mid', 'if': [['grade=g0'], ['score=3']]}]"

# one assignment per set: grade=g0 (no rule, so 'otherwise'), not g3
ask "$PC" --json contact A f3 score=4 grade=g1
would_be "A f3 score=4 grade=g1" "[{'mode': 'top', 'if': [['score=6'], ['f1', 'f2']]},
  {'mode': 'mid', 'if': [['f3=false'], ['grade=g0']]}]"

# undecided: every mode; top needs five changes and is left out; mid has
# nine ways of one change, of which the first eight are listed (not score=3)
ask "$PC" --json contact B score=2
would_be "B score=2" "[{'mode': 'mid', 'if': [['f1'], ['f2'], ['f3'], ['f4'], ['f5'], ['f6'], ['f7'], ['grade=g2']]},
  {'mode': 'low', 'if': [['grade=g1']]}, {'mode': 'bottom', 'if': [['score=1']]}]"
ask "$PC" contact B score=2
[ "$(head -1 "$tmp/out")" = "not covered" ] || fail "B score=2: $(head -1 "$tmp/out")"
lines "B score=2" <<'EOF'
would be mid with f1, or with f2, or with f3, or with f4, or with f5, or with f6, or with f7, or with grade=g2
would be low with grade=g1
would be bottom with score=1
EOF

# two changes, and a mode that more than four changes would give: none
ask "$PC" --json contact B f1 f2 f3
would_be "B f1 f2 f3" "[{'mode': 'top', 'if': [['f4', 'f5']]}]"
ask "$PC" --json contact B grade=g3
would_be "B grade=g3" "[]"
ask "$PC" contact B f1 f2 f3
lines "B f1 f2 f3" <<'EOF'
would be top with f4 and f5
EOF

# ---- 3. against the interpreter -----------------------------------------------

# shellcheck disable=SC2086
$cc -std=c11 -O2 -g $san -D_POSIX_C_SOURCE=200809L -Iinclude -Icompiler -I"$build/gen" \
	-c -o "$tmp/differential.o" tests/differential/differential.c ||
	{ echo "FAIL: cannot compile the differential"; exit 1; }
# shellcheck disable=SC2086
$cc -std=c11 -O2 -g $san -D_POSIX_C_SOURCE=200809L -Iinclude -Icompiler -I"$build/gen" \
	-c -o "$tmp/differential_would_be.o" tests/differential/would_be.c ||
	{ echo "FAIL: cannot compile the differential's would_be part"; exit 1; }
# the compiler's objects but its main, as the Makefile links the differential
objs="$build/gen/parser.o $build/gen/lexer.o"
for o in "$build"/compiler/*.o; do
	[ "${o##*/}" = main.o ] || objs="$objs $o"
done

# differential NAME POLICY STRATEGY: the differential linked with the
# tables of POLICY (lookup or cubes): every question, would_be for every
# case and mode included.
differential() {
	name=$1 pol=$2 strategy=$3
	dir=$tmp/d_${name}_$strategy
	mkdir -p "$dir"
	"$POLC" compile "$pol" -o "$dir/policy.c" --name "$name" --symbol pol_checker_policy \
		--strategy="$strategy" 2>"$dir/polc.err" || { fail "$name: polc compile"; cat "$dir/polc.err"; return; }
	# shellcheck disable=SC2086
	$cc -std=c11 -O2 -g $san -D_POSIX_C_SOURCE=200809L -Iinclude -Icompiler -I"$build/gen" \
		-o "$dir/differential" "$tmp/differential.o" "$tmp/differential_would_be.o" \
		"$dir/policy.c" $objs \
		"$build/libpolrt.a" || { fail "$name: cannot build the differential"; return; }
	"$dir/differential" "$pol" >"$dir/out" 2>&1 || { fail "$name $strategy: differential"; head -30 "$dir/out"; return; }
	# both providers, every case
	grep -q ' 0 disagreements$' "$dir/out" && [ "$(grep -c '(every case)' "$dir/out")" -eq 2 ] ||
		fail "$name $strategy: $(cat "$dir/out")"
	echo "$name $strategy: $(tail -1 "$dir/out")"
}

differential odd "$tmp/would_be.pol" lookup
differential odd "$tmp/would_be.pol" cubes
# eight attributes (six flags, a level, a range), 14 random rules
for seed in 1 2 3 4; do
	sh bench/gen_policy.sh 8 14 1 1 "$seed" >"$tmp/gen$seed.pol"
	differential "gen$seed" "$tmp/gen$seed.pol" "$([ $((seed % 2)) -eq 1 ] && echo lookup || echo cubes)"
done

if [ "$failures" -ne 0 ]; then
	echo "would_be: $failures failures"
	exit 1
fi
echo "would_be: ok"
