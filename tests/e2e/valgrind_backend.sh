#!/bin/sh
# valgrind_backend.sh - memcheck over everything past the front end: polc
# compile, test, diff, fmt and doc on the bundled policies and the golden
# inputs, and polcheck on every command, option, error path and a batch
# of awkward CSV.  Any memory error, definite or indirect leak, or crash
# fails.  Skipped under the sanitizers and without valgrind.
set -u
cd "$TOP" || exit 1
. tests/e2e/lib/memcheck.sh
memcheck_or_skip valgrind_backend
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=0
failures=0

# vg NAME PROGRAM ARG...: one run under memcheck, stdin from /dev/null
# unless $input names a file
vg() {
	name=$1
	shift
	# shellcheck disable=SC2086
	$MEMCHECK --log-file="$tmp/$name.vg" "$@" <"${input:-/dev/null}" >/dev/null 2>&1
	rc=$?
	runs=$((runs + 1))
	case "$rc" in
	0|1|2) ;;
	*)	echo "FAIL: $name: exit $rc"
		grep -E "Invalid|uninitialised|definitely|indirectly|Process terminating" "$tmp/$name.vg" | head -5
		failures=$((failures + 1)) ;;
	esac
}

P=$(ls policies/*.pol)
# shellcheck disable=SC2086
vg compile "$POLC" compile $P -o "$tmp/p.c"
# shellcheck disable=SC2086
vg compile_cubes "$POLC" compile $P -o "$tmp/q.c" --strategy=cubes
# shellcheck disable=SC2086
vg test "$POLC" test --coverage $P
# shellcheck disable=SC2086
vg test_sarif "$POLC" test --diagnostics-format=sarif $P
# shellcheck disable=SC2086
vg diff_same "$POLC" diff $P -- $P
mkdir "$tmp/new"
cp policies/*.pol "$tmp/new/"
sed -i 's/^  face_to_face when cusp_of_escalation$/  face_to_face when tact or cusp_of_escalation/; s/\bIlkeston\b/Ilkeston_Town/g' "$tmp/new/derbyshire.pol"
sed -i '0,/limit max_group 6/s/limit max_group 6/limit max_group 8/' "$tmp/new/recovery.pol"
# shellcheck disable=SC2086
vg diff_changed "$POLC" diff --json $P -- "$tmp"/new/*.pol
# shellcheck disable=SC2086
vg fmt "$POLC" fmt $P
# shellcheck disable=SC2086
vg doc_html "$POLC" doc $P -o "$tmp/page.html"
# shellcheck disable=SC2086
vg doc_md "$POLC" doc $P -o "$tmp/page.md"
for f in tests/golden/*.pol tests/fmt/*.pol; do
	n=$(basename "$f" .pol)
	vg "compile_$n" "$POLC" compile "$f" -o "$tmp/$n.c"
	vg "test_$n" "$POLC" test "$f"
	vg "fmt_$n" "$POLC" fmt "$f"
done
vg compile_devfull "$POLC" compile tests/golden/small.pol -o /dev/full

if [ -x "$POLCHECK" ]; then
	C=$POLCHECK
	vg pc_office "$C" --explain --json office NPS Derby 2021-03-10
	vg pc_office_plain "$C" --explain office CRC Buxton Wed
	vg pc_contact "$C" --explain contact NPS risk=high mappa=3 tact
	vg pc_contact_json "$C" --json contact CRC no_phone child_protection
	vg pc_activity "$C" --explain activity upw_outdoor East_of_England 2021-04-01
	vg pc_activity_json "$C" --json activity home_visits Wales 2020-01-01
	for k in providers offices attributes modes activities steps; do
		vg "pc_list_$k" "$C" --json list "$k"
	done
	vg pc_help "$C" --help
	vg pc_version "$C" --version
	vg pc_bad_office "$C" office NPS Dreby Mon
	vg pc_bad_date "$C" activity home_visits England 2021-02-30
	vg pc_bad_value "$C" contact NPS risk=extreme
	vg pc_bad_usage "$C" contact
	vg pc_bad_command "$C" frobnicate
	printf 'ref,tact,risk,mappa,no_phone,notes\n1,yes,high,3,,"a, quoted ""field""\nover two lines"\n2,,extreme,1,,bad row\n3,1,low,9,,bad mappa\n\n4,no,medium,0,true,"ok"\n5\n' >"$tmp/cases.csv"
	vg pc_batch "$C" batch NPS "$tmp/cases.csv"
	vg pc_batch_json "$C" --json batch CRC "$tmp/cases.csv"
	input="$tmp/cases.csv" vg pc_batch_stdin "$C" batch NPS -
	vg pc_batch_missing "$C" batch NPS "$tmp/absent.csv"
fi
[ "$failures" -eq 0 ] || { echo "valgrind_backend: $failures of $runs runs failed"; exit 1; }
echo "valgrind_backend: $runs runs clean"
