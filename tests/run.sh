#!/bin/sh
# tests/run.sh - the whole suite against the build in $BUILD:
#   unit tests (cmocka binaries given as arguments),
#   golden diagnostics (tests/diag/*.pol against *.err),
#   end-to-end scripts (tests/e2e/*.sh).
# UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
set -u
BUILD=${BUILD:-build}
export LC_ALL=C
top=$(pwd)
case "$BUILD" in
/*) build_dir=$BUILD ;;
*) build_dir=$top/$BUILD ;;
esac
export POLC="$build_dir/polc" POLCHECK="$build_dir/polcheck" BUILD TOP="$top"
pass=0
fail=0
failed=""

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); failed="$failed $1"; echo "FAIL: $1"; }

for t in "$@"; do
	if "$t" >"$t.log" 2>&1; then ok; else bad "$t"; cat "$t.log"; fi
done

# The compiled bundled policies against the reference interpreter.
# Once for each contact strategy (lookup table, cubes).
for d in "$BUILD/tests/differential" "$BUILD/tests/differential_cubes"; do
	[ -n "${POLICIES:-}" ] || continue
	[ -x "$d" ] || { bad "$d (not built)"; continue; }
	# shellcheck disable=SC2086
	if "$d" $POLICIES; then ok; else bad "$d"; fi
done

# The same on a policy in time (built by 'make test').
d="$BUILD/tests/differential_dated"
if [ -x "$d" ]; then
	if "$d" tests/differential/dated.pol tests/differential/dated_more.pol; then ok; else bad "$d"; fi
else
	bad "$d (not built)"
fi

# Fuzz targets over their seed corpus and every past crash.  A target
# whose replay was not built, or whose corpus is empty, fails: a skipped
# replay would pass unseen.
for name in ${FUZZ_TARGETS:-polc roundtrip date csv args batch}; do
	r="$BUILD/tests/replay_$name"
	[ -x "$r" ] || { bad "$r (not built)"; continue; }
	files=$(find "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name" -type f 2>/dev/null | sort)
	[ -n "$files" ] || { bad "$r (no corpus)"; continue; }
	# shellcheck disable=SC2086
	if "$r" $files >"$r.log" 2>&1; then ok; else bad "$r"; tail -20 "$r.log"; fi
done

# Golden diagnostics: stderr of 'polc check' and the exit status.
for f in tests/diag/*.pol; do
	[ -e "$f" ] || continue
	exp="${f%.pol}.err"
	out=$(cd tests/diag && "$POLC" check "$(basename "$f")" 2>&1 >/dev/null; echo "[exit $?]")
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		printf '%s\n' "$out" >"$exp"
		ok
	elif [ -f "$exp" ] && [ "$out" = "$(cat "$exp")" ]; then
		ok
	else
		bad "$f"
		printf '%s\n' "$out" | diff -u "$exp" - | head -40
	fi
done

for s in tests/e2e/*.sh; do
	[ -e "$s" ] || continue
	log="$BUILD/$(basename "$s").log"
	if ! sh "$s" >"$log" 2>&1; then
		bad "$s"
		tail -40 "$log"
	elif [ "${POL_REQUIRE_TOOLS:-}" = 1 ] && grep -q '^missing tool:' "$log"; then
		# CI installs every tool: a part skipped there would pass unseen
		bad "$s"
		grep '^missing tool:' "$log"
	else
		ok
	fi
done

echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
