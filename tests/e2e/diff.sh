#!/bin/sh
# diff.sh - polc diff on edits a policy lead makes to the bundled
# policies: each kind of edit is reported exactly, and a reformat or
# reorder reports nothing.
set -eu
cd "$TOP"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# edit SED_SCRIPT FILE: a copy of the policies with one file edited
edit() {
	rm -rf "$tmp/new"
	mkdir "$tmp/new"
	cp policies/*.pol "$tmp/new/"
	sed -i "$1" "$tmp/new/$2"
}

# expect STATUS LINE...: polc diff prints exactly these lines
expect() {
	want_rc=$1
	shift
	set +e
	"$POLC" diff policies/*.pol -- "$tmp"/new/*.pol >"$tmp/out" 2>"$tmp/err"
	rc=$?
	set -e
	printf '%s\n' "$@" >"$tmp/want"
	if [ "$rc" -ne "$want_rc" ] || ! cmp -s "$tmp/out" "$tmp/want"; then
		echo "exit $rc (want $want_rc); got:"
		cat "$tmp/out" "$tmp/err"
		echo "want:"
		cat "$tmp/want"
		fail "diff after: $edit_name"
	fi
}

edit_name="an office's days"
edit '/^schedule CRC at Buxton/,/^end/s/open Wed$/open Wed, Thu 09:00-13:00/' derbyshire.pol
expect 1 "offices:" "  CRC at Buxton, Wed: open -> open 09:00-13:00" \
	"  CRC at Buxton, Thu: closed -> open 09:00-13:00" "2 changes"

# a schedule removed: the plan no longer speaks for the office, which is
# not the same as closed
edit_name="a schedule removed"
edit '/^schedule CRC at Buxton/,/^end/d' derbyshire.pol
expect 1 "offices:" "  CRC at Buxton, Mon: closed -> not covered" \
	"  CRC at Buxton, Tue: closed -> not covered" \
	"  CRC at Buxton, Wed: open -> not covered" \
	"  CRC at Buxton, Thu: closed -> not covered" \
	"  CRC at Buxton, Fri: closed -> not covered" \
	"  CRC at Buxton, Sat: closed -> not covered" \
	"  CRC at Buxton, Sun: closed -> not covered" "7 changes"

edit_name="a rule's condition"
edit 's/^  face_to_face when cusp_of_escalation$/  face_to_face when cusp_of_escalation and not high_priority/' derbyshire.pol
expect 1 "contact:" "  CRC, cases with cusp_of_escalation and high_priority: face_to_face -> remote" \
	"1 change"

edit_name="a new condition in a rule"
edit 's/^  face_to_face when cusp_of_escalation$/  face_to_face when tact or cusp_of_escalation/' derbyshire.pol
expect 1 "contact:" "  CRC, cases with tact: remote -> face_to_face" "1 change"

edit_name="a mode"
edit 's/^  discretionary when risk == high$/  doorstep when risk == high/' derbyshire.pol
expect 1 "contact:" "  NPS, cases with risk == high: discretionary -> doorstep" "1 change"

edit_name="a removed rule"
edit '/^  face_to_face when cusp_of_escalation$/,+1d' derbyshire.pol
expect 1 "contact:" "  CRC, cases with cusp_of_escalation: face_to_face -> remote" "1 change"

edit_name="a limit"
edit '0,/limit max_group 6/s/limit max_group 6/limit max_group 8/' recovery.pol
expect 1 "activities:" \
	"  upw_outdoor in England, East_of_England, East_Midlands, 2021-03-29 to 2021-05-16: max_group 6 -> max_group 8" \
	"1 change"

edit_name="a date"
edit 's/^\(step step4 .*\)2021-06-21/\12021-06-28/' recovery.pol
grep -q 2021-06-28 "$tmp/new/recovery.pol" || fail "test edit did not apply"
set +e
"$POLC" diff policies/*.pol -- "$tmp"/new/*.pol >"$tmp/out"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "a step date: exit $rc"
grep -q "^  home_visits in England, Wales, East_of_England, East_Midlands, 2021-06-21 to 2021-06-27: " \
	"$tmp/out" || { cat "$tmp/out"; fail "a step date: no home_visits range"; }

edit_name="a renamed office"
edit 's/\bIlkeston\b/Ilkeston_Town/g' derbyshire.pol
expect 1 "names:" "  renamed office Ilkeston -> Ilkeston_Town" "1 change"

edit_name="a removed office"
edit '/^office Ilkeston/d; s/, Ilkeston\b//g; s/\bIlkeston, //g; /^[a-z]* .*at Ilkeston/d' derbyshire.pol
expect 1 "names:" "  removed office Ilkeston" "1 change"

# A reformat and a reorder: other indentation, clauses joined onto one
# line, the files in another order, the blocks in another order.
rm -rf "$tmp/new"
mkdir "$tmp/new"
for f in policies/*.pol; do
	sed 's/^  */\t/' "$f" >"$tmp/new/$(basename "$f")"
done
# the text after the last block first, then the blocks last to first
awk 'BEGIN { RS = "\nend\n" } { part[NR] = $0 }
     END { print part[NR]; for (i = NR - 1; i >= 1; i--) printf "%s\nend\n", part[i] }' \
	"$tmp/new/derbyshire.pol" >"$tmp/x"
"$POLC" check "$tmp/new/recovery.pol" "$tmp/x" "$tmp/new/common.pol" ||
	fail "the reordered policy does not check"
cmp -s "$tmp/x" "$tmp/new/derbyshire.pol" && fail "the reorder changed nothing"
mv "$tmp/x" "$tmp/new/derbyshire.pol"
set +e
"$POLC" diff policies/*.pol -- "$tmp/new/recovery.pol" "$tmp/new/derbyshire.pol" \
	"$tmp/new/common.pol" >"$tmp/out"
rc=$?
set -e
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "no decision changes" ] ||
	{ cat "$tmp/out"; fail "reformat reported changes (exit $rc)"; }

# JSON for tools, and exit 2 on a broken side.
edit '/^schedule CRC at Buxton/,/^end/s/open Wed$/open Thu/' derbyshire.pol
set +e
"$POLC" diff --json policies/*.pol -- "$tmp"/new/*.pol >"$tmp/out"
set -e
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["count"]==2, d; assert d["changes"][0]["kind"]=="office", d' "$tmp/out" ||
		fail "diff --json"
else
	echo "missing tool: python3; --json not read back"
fi
printf 'provider X\nprovider X\n' >"$tmp/bad.pol"
set +e
"$POLC" diff policies/*.pol -- "$tmp/bad.pol" >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "a broken side: exit $rc, want 2"
# dates: a plan starting later, a bank holiday moved, a version starting
# sooner - each said with the dates it holds on
mkdir -p "$tmp/d0" "$tmp/d1"
cp tests/differential/dated.pol tests/differential/dated_more.pol "$tmp/d0/"
cp tests/differential/dated_more.pol "$tmp/d1/"
sed -e 's/^plan "A dated plan" from 2021-01-04/plan "A dated plan" from 2021-02-01/' \
    -e 's/closed on 2021-05-03/closed on 2021-05-04/' \
    -e 's/schedule NPS at Buxton from 2021-11-15/schedule NPS at Buxton from 2021-11-01/' \
    tests/differential/dated.pol >"$tmp/d1/dated.pol"
set +e
"$POLC" diff "$tmp"/d0/*.pol -- "$tmp"/d1/*.pol >"$tmp/dates" 2>/dev/null
set -e
for want in \
	'  NPS at Buxton, on 2021-05-03: closed -> open 09:00-12:30 and 13:30-17:00' \
	'  NPS at Buxton, on 2021-05-04: open 09:00-12:30 and 13:30-17:00 -> closed' \
	'  NPS at Buxton, Tue from 2021-11-01 until 2021-11-14: not covered -> open 10:00-16:00' \
	'  NPS at Derby, Mon from 2021-01-04 until 2021-01-31: open -> not covered' \
	'  groups in Wales, 2021-01-04 to 2021-01-31: permitted; status "running"; no limits; no conditions; no step -> not covered'; do
	grep -qxF -e "$want" "$tmp/dates" || fail "diff of dates lacks: $want"
done
grep -q "Buxton, Tue from 2021-11-15" "$tmp/dates" && fail "diff of dates: a stretch that did not change"
# contact rules that start sooner
sed 's/^contact for NPS from 2021-09-01$/contact for NPS from 2021-08-16/' tests/differential/dated.pol \
	>"$tmp/d1/dated.pol"
set +e
"$POLC" diff "$tmp"/d0/*.pol -- "$tmp"/d1/*.pol >"$tmp/rules" 2>/dev/null
set -e
grep -qxF '  NPS, cases with no_phone, from 2021-08-16 until 2021-08-31: no decision -> face_to_face' "$tmp/rules" ||
	fail "diff of dated contact rules: $(cat "$tmp/rules")"
[ "$(tail -n 1 "$tmp/rules")" = "3 changes" ] || fail "diff of dated contact rules: $(tail -n 1 "$tmp/rules")"
echo "diff: ok"
