#!/bin/sh
# dated_offices.sh - offices through time, as an officer asks them: a
# checker built from tests/differential/dated.pol answers a date from the
# schedule version in force then (split hours, a late Thursday, a bank
# holiday, a Saturday opened once), a weekday as of --date, --today or
# SOURCE_DATE_EPOCH, 'not covered' between versions with the dates that
# are covered, and `changes` lists the office's changes.  Then polc's
# review warning, which appears only when today is given.
set -u
cd "$TOP" || exit 1
. tests/e2e/lib/checker.sh

case $BUILD in
/*) lib="$BUILD/libpolrt.a" ;;
*) lib="$TOP/$BUILD/libpolrt.a" ;;
esac
san=
[ -n "${POL_SANITIZED:-}" ] && san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cp tests/differential/dated.pol tests/differential/dated_more.pol "$tmp/"
(cd "$tmp" && "$POLC" compile dated.pol dated_more.pol -o policy.c --name dated \
	--symbol pol_checker_policy 2>polc.err) || { cat "$tmp/polc.err"; echo "FAIL: polc compile"; exit 1; }
# shellcheck disable=SC2086
${CC:-cc} -std=c11 -O2 -g $san -D_POSIX_C_SOURCE=200809L -Iinclude -Icompiler \
	-o "$tmp/polcheck" "$tmp/policy.c" runtime/polcheck/*.c compiler/suggest.c \
	compiler/writer.c "$lib" || { echo "FAIL: cannot build polcheck"; exit 1; }
PC="$tmp/polcheck"

# same NAME ARGS...: the checker's stdout must be stdin (exit 0)
same() {
	name=$1
	shift
	cat >"$tmp/want"
	(cd "$tmp" && "$PC" "$@") >"$tmp/out" 2>"$tmp/err" || fail "$name: exit $?: $(cat "$tmp/err")"
	cmp -s "$tmp/want" "$tmp/out" || { fail "$name: output differs"; diff -u "$tmp/want" "$tmp/out"; }
}
# js NAME PYTHON ARGS...: --json ARGS, then the asserts on d
js() {
	name=$1 check=$2
	shift 2
	(cd "$tmp" && "$PC" --json "$@") >"$tmp/out" 2>"$tmp/err" || { fail "$name: exit $?"; return; }
	python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
$check" "$tmp/out" || fail "$name: $(cat "$tmp/out")"
}

same "a late Thursday, --explain" office NPS Buxton 2021-04-15 --explain <<'OUT'
open
provider: NPS (National Probation Service)
office: Buxton
day: Thu
date: 2021-04-15
hours: 09:00-19:00
in force: from 2021-04-12 until 2021-09-30
service: telephone lines: Mon..Fri 09:00-17:00
service: duty desk: Sat 10:00-12:00
because:
  "Buxton reopens on 12 April"
    dated.pol:39
  "telephone lines"
    dated.pol:67
  "duty desk"
    dated.pol:72
OUT

same "a bank holiday" office NPS Buxton 2021-05-03 <<'OUT'
closed
provider: NPS (National Probation Service)
office: Buxton
day: Mon
date: 2021-05-03
in force: from 2021-04-12 until 2021-09-30
date line: closed on 2021-05-03
service: telephone lines: Mon..Fri 09:00-17:00
service: duty desk: Sat 10:00-12:00
OUT

same "between versions" office NPS Buxton 2021-10-10 <<'OUT'
not covered
provider: NPS (National Probation Service)
office: Buxton
day: Sun
date: 2021-10-10
covered: from 2021-01-04 until 2021-04-11; from 2021-04-12 until 2021-09-30; from 2021-11-15 until 2021-12-31
service: duty desk: Sat 10:00-12:00
OUT

js "closed for lunch" '
assert d["open"] and d["hours"] == "09:00-12:30 and 13:30-17:00", d
assert d["in_force"] == {"from": "2021-04-12", "until": "2021-09-30"}, d
assert "date_rule" not in d and "as_of" not in d, d' office NPS Buxton 2021-04-12
js "except Wed" 'assert d["covered"] and not d["open"] and "hours" not in d, d' \
	office NPS Buxton 2021-04-14
js "a Saturday opened once" '
assert d["open"] and d["hours"] == "10:00-12:00", d
assert d["date_rule"] == {"from": "2021-04-17", "until": "2021-04-17", "open": True}, d' \
	office NPS Buxton 2021-04-17
js "a summer closure" '
assert d["covered"] and not d["open"], d
assert d["date_rule"] == {"from": "2021-08-02", "until": "2021-08-13", "open": False}, d' \
	office NPS Buxton 2021-08-10
js "other hours on two days" 'assert d["hours"] == "10:00-11:00 and 14:00-15:00", d' \
	office NPS Buxton 2021-07-25
js "before the reopening" '
assert d["covered"] and not d["open"] and d["in_force"]["until"] == "2021-04-11", d' \
	office NPS Buxton 2021-04-09
js "before the plan" '
assert d["covered"] is False and d["open"] is False and len(d["covered_dates"]) == 3, d
assert d["covered_dates"][0] == {"from": "2021-01-04", "until": "2021-04-11"}, d' \
	office NPS Buxton 2021-01-03
js "after the plan" 'assert d["covered"] is False, d' office NPS Buxton 2022-01-01
js "a service in force" '
assert d["notes"] == ["telephone lines: Mon..Fri 09:00-17:00", "duty desk: Sat 10:00-12:00"], d' \
	office NPS Buxton 2021-06-30
js "a service ended" 'assert d["notes"] == ["duty desk: Sat 10:00-12:00"], d' \
	office NPS Buxton 2021-07-01

# a weekday: the week of the version in force as of --date, --today or
# SOURCE_DATE_EPOCH (2021-05-03 is 1620000000 seconds after 1970)
js "Mon as of --date" '
assert d["as_of"] == "2021-05-03" and d["open"] and d["hours"] == "09:00-12:30 and 13:30-17:00", d' \
	office NPS Buxton Mon --date 2021-05-03
js "Mon as of --today" 'assert d["as_of"] == "2021-03-01" and not d["open"], d' \
	office NPS Buxton Mon --today 2021-03-01
js "Tue as of a gap" 'assert d["as_of"] == "2021-10-10" and d["covered"] is False, d' \
	office NPS Buxton Tue --date 2021-10-10
out=$(cd "$tmp" && SOURCE_DATE_EPOCH=1620000000 "$PC" --json office NPS Buxton Thu)
python3 -c 'import json,sys; d = json.loads(sys.argv[1]); assert d["as_of"] == "2021-05-03" and d["hours"] == "09:00-19:00", d' "$out" ||
	fail "SOURCE_DATE_EPOCH: $out"
(cd "$tmp" && SOURCE_DATE_EPOCH=soon "$PC" office NPS Buxton Thu) >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] &&
	[ "$(cat "$tmp/err")" = "polcheck: SOURCE_DATE_EPOCH is not a number of seconds since 1970-01-01" ] ||
	fail "bad SOURCE_DATE_EPOCH: $(cat "$tmp/err")"
refused "date twice" "office: the date is given twice, as '2021-05-03' and with --date; give one" \
	office NPS Buxton 2021-05-03 --date 2021-05-04
# an undated schedule says nothing of as of when
js "undated" 'assert "as_of" not in d and d["in_force"] == {"from": None, "until": None}, d' \
	office CRC Swansea Tue --date 2021-05-03
js "undated, except Tue" 'assert d["hours"] == "09:00-12:00", d' office CRC Swansea 2021-05-04

# changes: the office's versions and date lines, in date order
same "office and contact changes" changes 2021-04-01 2021-05-10 --provider NPS <<'OUT'
4 changes from 2021-04-01 to 2021-05-10
2021-04-12 office NPS Buxton: closed -> Mon, Tue, Fri 09:00-12:30 and 13:30-17:00, Thu 09:00-19:00
  "Buxton reopens on 12 April"
    dated.pol:39
2021-04-12 contact NPS: rules from 2021-01-04 until 2021-04-11 -> rules from 2021-04-12 until 2021-07-31
  [face_to_face] "no phone, or very high risk"
    dated.pol:130
  [doorstep] "doorstep for high risk"
    dated.pol:132
  [remote] "otherwise remote"
    dated.pol:134
2021-04-17 office NPS Buxton: closed -> open 10:00-12:00 (this date only)
  "Buxton reopens on 12 April"
    dated.pol:39
2021-05-03 office NPS Buxton: open -> closed (this date only)
  "Buxton reopens on 12 April"
    dated.pol:39
OUT
js "changes --json" '
ch = [c for c in d["changes"] if c["kind"] == "office"]
ends = [c for c in ch if c["date"] == "2021-10-01"]
assert len(ends) == 1 and ends[0]["after"] == {"covered": False, "week": "not covered"}, ch
assert ends[0]["reasons"] == [], ends
starts = [c for c in ch if c["date"] == "2021-11-15"]
assert starts[0]["before"]["covered"] is False and starts[0]["after"]["week"] == "Tue, Thu 10:00-16:00", starts
acts = [c for c in d["changes"] if c["kind"] == "activity" and c["date"] == "2022-01-01"]
assert acts and all(c["after"]["covered"] is False for c in acts), acts
rules = [c for c in d["changes"] if c["kind"] == "contact"]
assert [(c["date"], c["before"]["covered"], c["after"]["covered"]) for c in rules] == [
  ("2021-01-04", False, True), ("2021-01-04", False, True), ("2021-04-12", True, True),
  ("2021-08-01", True, False), ("2021-09-01", False, True), ("2022-01-01", True, False),
  ("2022-01-01", True, False)], rules
assert rules[4]["after"] == {"covered": True, "from": "2021-09-01", "until": "2021-12-31"}, rules
dates = [c["date"] for c in d["changes"]]
assert dates == sorted(dates)' changes 2021-01-01 2022-01-31

# contact rules by date: the version in force as of --date or today; none
# in force is not covered, with the dates that are
js "contact as of --date" '
assert d["mode"] == "doorstep" and d["as_of"] == "2021-05-01", d
assert d["in_force"] == {"from": "2021-04-12", "until": "2021-07-31"}, d
assert d["applies"][0]["when"] == ["risk >= high"], d' contact NPS risk=high --date 2021-05-01
js "contact before step 2" 'assert d["mode"] == "remote" and d["in_force"]["until"] == "2021-04-11", d' \
	contact NPS risk=high --today 2021-03-01
js "contact in a gap" '
assert d["covered"] is False and d["mode"] is None and d["in_force"] is None, d
assert d["reasons"] == [] and d["would_be"] == [], d' contact NPS no_phone --date 2021-08-10
same "contact in a gap, plain" contact NPS risk=high --date 2021-08-10 <<'OUT'
not covered
provider: NPS
as of: 2021-08-10
covered: from 2021-01-04 until 2021-04-11; from 2021-04-12 until 2021-07-31; from 2021-09-01 until 2021-12-31
OUT
out=$(cd "$tmp" && SOURCE_DATE_EPOCH=1633046400 "$PC" --json contact NPS risk=high)
python3 -c 'import json,sys; d = json.loads(sys.argv[1]); assert d["as_of"] == "2021-10-01" and d["mode"] == "face_to_face", d' "$out" ||
	fail "contact SOURCE_DATE_EPOCH: $out"
printf 'id,no_phone,risk\n1,yes,low\n2,no,high\n' >"$tmp/case.csv"
same "batch as of --date" batch NPS case.csv --date 2021-05-01 <<'OUT'
id,no_phone,risk,mode
1,yes,low,face_to_face
2,no,high,doorstep
OUT
same "batch in a gap" batch NPS case.csv --date 2021-08-10 <<'OUT'
id,no_phone,risk,mode
1,yes,low,
2,no,high,
OUT
# the policy's own tests ask about contact on dates
"$POLC" test tests/differential/dated.pol tests/differential/dated_more.pol >"$tmp/test.out" 2>&1 ||
	fail "polc test on the dated policy: $(tail -3 "$tmp/test.out")"

# polc: the review date draws a warning only when today is known
printf 'plan "p" review by 2021-06-30\n' >"$tmp/review.pol"
"$POLC" check "$tmp/review.pol" 2>"$tmp/err" || fail "review: exit $?"
[ ! -s "$tmp/err" ] || fail "review without today: $(cat "$tmp/err")"
"$POLC" check --today 2021-07-01 "$tmp/review.pol" 2>"$tmp/err" || fail "review --today: exit $?"
grep -q "warning: the plan was due for review on 2021-06-30; today is 2021-07-01 \[-Wreview-overdue\]" "$tmp/err" ||
	fail "review --today: $(cat "$tmp/err")"
SOURCE_DATE_EPOCH=1625097600 "$POLC" check -Werror "$tmp/review.pol" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "today is 2021-07-01" "$tmp/err" || fail "review SOURCE_DATE_EPOCH: $(cat "$tmp/err")"
SOURCE_DATE_EPOCH=1625011200 "$POLC" check -Werror "$tmp/review.pol" 2>"$tmp/err" ||
	fail "review on its date: $(cat "$tmp/err")"
"$POLC" check --today 2021-13-01 "$tmp/review.pol" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "polc: --today '2021-13-01' is not a date (YYYY-MM-DD)" "$tmp/err" ||
	fail "bad --today: $(cat "$tmp/err")"
SOURCE_DATE_EPOCH=-5 "$POLC" check "$tmp/review.pol" 2>"$tmp/err"
[ $? -eq 2 ] || fail "bad SOURCE_DATE_EPOCH for polc: $(cat "$tmp/err")"

finish dated_offices
