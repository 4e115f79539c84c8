#!/bin/sh
# valgrind_frontend.sh - polc check under valgrind on every golden
# diagnostics input (tests/diag/*.pol, one run each: most stop in a
# different error path) and on the bundled policies, each alone and all
# together as a set.  Any memory error or definite or indirect leak fails.
# Skipped under the sanitizers (POL_SANITIZED=1), which valgrind cannot
# run, and when valgrind is not installed.
set -u
cd "${TOP:-.}" || exit 1
POLC=${POLC:-build/polc}
. tests/e2e/lib/memcheck.sh
memcheck_or_skip valgrind_frontend
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=2

# check NAME DIR FILE... : valgrind polc check FILE... in DIR, in the
# background; the status goes to $tmp/NAME.rc, valgrind's report to
# $tmp/NAME.vg.
check() {
	name=$1 dir=$2
	shift 2
	(
		cd "$dir" || exit 1
		# shellcheck disable=SC2086
		$MEMCHECK --log-file="$tmp/$name.vg" "$POLC" check "$@" >/dev/null 2>&1
		echo $? >"$tmp/$name.rc"
	) &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
}

running=0
runs=0
for f in tests/diag/*.pol; do
	[ -e "$f" ] || continue
	check "diag_$(basename "$f" .pol)" tests/diag "$(basename "$f")"
	runs=$((runs + 1))
done
set --
for f in policies/*.pol; do
	[ -e "$f" ] || continue
	check "policy_$(basename "$f" .pol)" . "$f"
	set -- "$@" "$f"
	runs=$((runs + 1))
done
if [ "$#" -gt 0 ]; then
	check policies_together . "$@"
	runs=$((runs + 1))
fi
wait

failures=0
checked=0
for rcfile in "$tmp"/*.rc; do
	[ -e "$rcfile" ] || continue
	name=$(basename "$rcfile" .rc)
	rc=$(cat "$rcfile")
	checked=$((checked + 1))
	# polc itself exits 0, 1 or 2; 99 is valgrind's, anything else a crash
	case "$rc" in
	0|1|2) ;;
	*)
		echo "FAIL: $name: status $rc under valgrind"
		[ "$failures" -lt 3 ] && grep -E '==[0-9]+== +(Invalid|Conditional|Use of|Syscall|Mismatched|.*definitely|.*indirectly|at 0x|by 0x)' \
			"$tmp/$name.vg" | head -30
		failures=$((failures + 1))
		;;
	esac
done
if [ "$checked" -ne "$runs" ]; then
	echo "FAIL: $checked of $runs valgrind runs reported a status"
	failures=$((failures + 1))
fi
if [ "$runs" -lt 10 ]; then
	echo "FAIL: only $runs inputs found"
	failures=$((failures + 1))
fi
if [ "$failures" -ne 0 ]; then
	echo "valgrind_frontend: $failures of $runs runs failed"
	exit 1
fi
echo "valgrind_frontend: $runs runs clean"
