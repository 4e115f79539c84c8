#!/bin/sh
# file_safety.sh - what polc does to the files around it: every failed
# write says why, in one line, with exit 2; input limits hold before a
# byte too many is read.
#
# Needs $POLC and $TOP (tests/run.sh sets them).  Works as root too: no
# case relies on a read-only directory refusing a write.
set -u
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run CMD...: run it, stdout to $tmp/out, stderr to $tmp/err, status in $rc
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# refused WHAT TEXT: the last run exited 2 and said TEXT in a "polc:" line
refused() {
	[ "$rc" -eq 2 ] || fail "$1: exit $rc, want 2"
	grep '^polc: ' "$tmp/err" | grep -qF -- "$2" ||
		{ fail "$1: no 'polc: ... $2' on stderr"; grep "^polc" "$tmp/err" | head -3; }
	! grep -q '(null)' "$tmp/err" || fail "$1: '(null)' in the message"
}

cat >"$tmp/small.pol" <<'EOF'
provider P "p"
nation England
office O in England
schedule P at O
  open Mon
  cite "c"
end
EOF
# a policy whose C is far larger than any stdio buffer, so a write fails
# while the tables are being written, not only at the final flush
sh bench/gen_policy.sh --lines 3000 >"$tmp/big.pol"
printf 'provider P "p"\nprovider P\n' >"$tmp/dup.pol"
printf 'provider   P "p"\n' >"$tmp/unformatted.pol"

# ---- every failed write says why -----------------------------------------

if [ -c /dev/full ]; then
	full='No space left on device'
	for f in small big; do
		run "$POLC" compile "$tmp/$f.pol" -o /dev/full --header "$tmp/$f.h"
		refused "compile $f -o /dev/full" "cannot write '/dev/full': $full"
	done
	# one command line each; the status and the reason are asserted
	while read -r what; do
		# shellcheck disable=SC2086
		"$POLC" $what >/dev/full 2>"$tmp/err"
		rc=$?
		refused "polc $what >/dev/full" "cannot write standard output: $full"
	done <<EOF
compile $tmp/big.pol -o -
doc $tmp/big.pol -o -
doc $tmp/small.pol -o -
fmt $tmp/big.pol
fmt $tmp/small.pol
fmt --check $tmp/unformatted.pol
check --diagnostics-format=json $tmp/big.pol
check --diagnostics-format=json $tmp/small.pol
check --diagnostics-format=sarif $tmp/dup.pol
test $tmp/small.pol
test --diagnostics-format=json $tmp/small.pol
diff $tmp/small.pol -- $tmp/big.pol
diff --json $tmp/small.pol -- $tmp/big.pol
--version
--help
EOF
else
	echo "missing tool: /dev/full; failed writes not tested"
fi

# ---- input limits are checked before the input is read ------------------
# /dev/zero is read only until it passes the 512 MiB limit, never into a
# buffer that keeps doubling; a regular file is measured first, so a
# sparse 600 MB one is refused without reading.  Memory is bounded with
# ulimit -v, where an out-of-memory abort would also exit 2: the message
# is what tells the two apart.  (Not under the sanitizers, whose shadow
# memory needs more address space than any such limit.)

limited() {
	if [ -z "${POL_SANITIZED:-}" ]; then
		(ulimit -v "$1" && shift && exec "$@") >"$tmp/out" 2>"$tmp/err"
	else
		shift
		"$@" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
}
limited 800000 "$POLC" check /dev/zero
refused "check /dev/zero" "cannot read '/dev/zero': file too large (limit 512 MiB)"
grep -q 'out of memory' "$tmp/err" && fail "check /dev/zero ran out of memory"
if command -v truncate >/dev/null 2>&1; then
	truncate -s 600M "$tmp/sparse.pol"
	limited 100000 "$POLC" check "$tmp/sparse.pol"
	refused "check of a sparse 600 MB file" "file too large (limit 512 MiB)"
	limited 100000 "$POLC" compile "$tmp/sparse.pol" -o "$tmp/sparse.c"
	refused "compile of a sparse 600 MB file" "file too large (limit 512 MiB)"
	[ ! -e "$tmp/sparse.c" ] || fail "compile of a refused file wrote its output"
	rm -f "$tmp/sparse.pol"
else
	echo "missing tool: truncate; sparse input not tested"
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "file_safety: all passed"
