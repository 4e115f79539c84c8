#!/bin/sh
# fmt.sh - polc fmt: golden output for untidy inputs (tests/fmt/*.pol
# against *.expected), idempotence on every policy file that parses, the
# meaning kept (the same tables, line numbers aside, the same test results
# and diagnostics), --check and -w.  UPDATE_GOLDEN=1 rewrites the
# expected files.
set -u
cd "${TOP:-.}" || exit 1
POLC=${POLC:-build/polc}
case "$POLC" in /*) ;; *) POLC=$(pwd)/$POLC ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Source positions out of the compiled tables ("file.pol", LINE }) and
# of messages (file:LINE:COL:), which formatting may move.
mask_tables() { sed -E 's/(file[0-9]+, )[0-9]+/\1LINE/g' "$1"; }
mask_messages() { sed -E 's/^([^ :]*\.pol):[0-9]+:[0-9]+:/\1:LINE:COL:/' "$1"; }

# Golden output.
for f in tests/fmt/*.pol; do
	exp="${f%.pol}.expected"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		"$POLC" fmt "$f" >"$exp" || fail "polc fmt $f"
		continue
	fi
	"$POLC" fmt "$f" >"$tmp/out" 2>"$tmp/err" || { fail "polc fmt $f"; cat "$tmp/err"; }
	cmp -s "$tmp/out" "$exp" || { fail "fmt $f differs from $exp"; diff -u "$exp" "$tmp/out" | head -30; }
done

# Idempotence: every file that parses formats to a fixed point.
parsed=0
for f in policies/*.pol tests/golden/*.pol tests/diag/*.pol tests/fmt/*.pol; do
	[ -e "$f" ] || continue
	"$POLC" fmt "$f" >"$tmp/once" 2>/dev/null || continue
	parsed=$((parsed + 1))
	if ! "$POLC" fmt "$tmp/once" >"$tmp/twice" 2>"$tmp/err"; then
		fail "the formatted $f does not parse"
		head -5 "$tmp/err"
	elif ! cmp -s "$tmp/once" "$tmp/twice"; then
		fail "formatting $f twice changes it"
		diff -u "$tmp/once" "$tmp/twice" | head -20
	fi
done
[ "$parsed" -gt 40 ] || fail "only $parsed files parsed"

# Meaning kept.  A policy set (files in DIR, relative names) formatted into
# $tmp/new: it checks the same, compiles to the same tables and its tests
# give the same results.  keep NAME DIR FILE...
keep() {
	name=$1 dir=$2
	shift 2
	rm -rf "$tmp/old" "$tmp/new"
	mkdir -p "$tmp/old" "$tmp/new"
	for f in "$@"; do
		"$POLC" fmt "$dir/$f" >"$tmp/new/$f" || { fail "$name: polc fmt $f"; return; }
		cp "$dir/$f" "$tmp/old/$f"
	done
	for side in old new; do
		(cd "$tmp/$side" && "$POLC" check "$@" >check.out 2>&1;
		 echo "[exit $?]" >>check.out
		 "$POLC" compile "$@" -o policy.c --name "$name" >compile.out 2>&1 ||
			echo "compile failed" >>compile.out
		 "$POLC" test "$@" >test.out 2>&1; echo "[exit $?]" >>test.out)
	done
	for out in check.out compile.out test.out; do
		mask_messages "$tmp/old/$out" >"$tmp/old.m"
		mask_messages "$tmp/new/$out" >"$tmp/new.m"
		cmp -s "$tmp/old.m" "$tmp/new.m" || { fail "$name: $out differs after fmt"; diff -u "$tmp/old.m" "$tmp/new.m" | head -20; }
	done
	for ext in c h; do
		[ -f "$tmp/old/policy.$ext" ] || { fail "$name: no policy.$ext"; continue; }
		mask_tables "$tmp/old/policy.$ext" >"$tmp/old.m"
		mask_tables "$tmp/new/policy.$ext" >"$tmp/new.m"
		cmp -s "$tmp/old.m" "$tmp/new.m" || { fail "$name: tables differ after fmt"; diff -u "$tmp/old.m" "$tmp/new.m" | head -20; }
	done
}
set -- $(cd policies && ls ./*.pol | sed 's#^\./##')
keep policies policies "$@"
grep -q "^\[exit 0\]" "$tmp/new/check.out" || { fail "formatted bundled policies do not check clean"; cat "$tmp/new/check.out"; }
grep -q " 0 failed" "$tmp/new/test.out" || fail "tests of the formatted bundled policies fail"
for f in tests/fmt/*.pol tests/golden/small.pol tests/golden/strings.pol; do
	keep "$(basename "$f" .pol)" "$(dirname "$f")" "$(basename "$f")"
done

# The bundled policies are formatted.
"$POLC" fmt --check policies/*.pol >"$tmp/out" 2>&1 || { fail "polc fmt --check policies/*.pol"; cat "$tmp/out"; }
[ -s "$tmp/out" ] && fail "fmt --check printed something for formatted files"

# --check names the files that would change and exits 1.
cp tests/fmt/messy.pol "$tmp/messy.pol"
cp tests/fmt/messy.expected "$tmp/tidy.pol"
"$POLC" fmt --check "$tmp/tidy.pol" "$tmp/messy.pol" >"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "fmt --check on an untidy file: exit $rc, expected 1"
[ "$(cat "$tmp/out")" = "$tmp/messy.pol" ] || { fail "fmt --check output"; cat "$tmp/out"; }

# -w rewrites in place, keeping the file's mode, and leaves nothing behind.
chmod 640 "$tmp/messy.pol"
mkdir "$tmp/w" && cp "$tmp/messy.pol" "$tmp/w/messy.pol" && chmod 640 "$tmp/w/messy.pol"
"$POLC" fmt -w "$tmp/w/messy.pol" >"$tmp/out" 2>&1 || { fail "fmt -w"; cat "$tmp/out"; }
[ -s "$tmp/out" ] && fail "fmt -w printed something"
cmp -s "$tmp/w/messy.pol" tests/fmt/messy.expected || fail "fmt -w did not write the formatted text"
[ "$(ls "$tmp/w")" = "messy.pol" ] || fail "fmt -w left files behind: $(ls "$tmp/w")"
case "$(ls -l "$tmp/w/messy.pol")" in -rw-r-----*) ;; *) fail "fmt -w changed the mode: $(ls -l "$tmp/w/messy.pol")" ;; esac
"$POLC" fmt --check "$tmp/w/messy.pol" >/dev/null 2>&1 || fail "fmt --check after fmt -w"

# A file that does not parse is reported, not formatted, not rewritten.
printf 'provider NPS "x"\nschedule NPS at\n' >"$tmp/w/bad.pol"
cp "$tmp/w/bad.pol" "$tmp/bad.copy"
"$POLC" fmt -w "$tmp/w/bad.pol" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "fmt -w on a syntax error: exit $rc, expected 1"
grep -q "error:" "$tmp/err" || fail "fmt on a syntax error reports nothing"
cmp -s "$tmp/w/bad.pol" "$tmp/bad.copy" || fail "fmt -w touched a file with a syntax error"
"$POLC" fmt "$tmp/w/bad.pol" >"$tmp/out" 2>/dev/null
[ -s "$tmp/out" ] && fail "fmt printed a file with a syntax error"

# Usage.
"$POLC" fmt >/dev/null 2>&1; [ $? -eq 2 ] || fail "fmt without files: not exit 2"
"$POLC" fmt --bogus policies/common.pol >/dev/null 2>&1; [ $? -eq 2 ] || fail "fmt --bogus: not exit 2"
"$POLC" fmt --check -w policies/common.pol >/dev/null 2>&1; [ $? -eq 2 ] || fail "fmt --check -w: not exit 2"
"$POLC" fmt "$tmp/missing.pol" >/dev/null 2>&1; [ $? -eq 2 ] || fail "fmt of a missing file: not exit 2"
"$POLC" fmt - <tests/fmt/messy.pol | cmp -s - tests/fmt/messy.expected || fail "fmt - (standard input)"

[ "$failures" -eq 0 ] && echo "fmt: all checks passed ($parsed files parsed)"
[ "$failures" -eq 0 ]
