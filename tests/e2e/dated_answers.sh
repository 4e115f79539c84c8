#!/bin/sh
# dated_answers.sh - the bundled recovery plan through time, as an officer
# asks it: 'no change' entries keep the date of the decision they continue,
# `next` skips entries that change nothing, an activity not permitted says
# from when it is, and where the plan says nothing the answer is 'not
# covered'.
set -u
cd "$TOP" || exit 1
. tests/e2e/lib/checker.sh

# q NAME PYTHON-ASSERTS ARGS...: polcheck --json ARGS, then the asserts on d
q() {
	name=$1 check=$2
	shift 2
	"$POLCHECK" --json "$@" >"$tmp/out" 2>"$tmp/err" || { fail "$name: exit $?: $(cat "$tmp/err")"; return; }
	python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
$check" "$tmp/out" || fail "$name: $(cat "$tmp/out")"
}

# the issue's example: step 3 says 'no change', so the decision is 22 March's
q "no change keeps since" '
assert d["covered"] is True and d["permitted"] is True
assert d["since"] == "2021-03-22" and d["step"] == "step1", d
assert d["next"] == "2021-06-21", d
assert [r["source"] for r in d["reasons"]][0].startswith("policies/recovery.pol:")
assert d["reasons"][0]["cite"] == "Approved premises (No change at this stage)"' \
	activity drug_testing_premises England 2021-05-17

# before step 3 the next change is step 4, not step 3's 'no change'
q "next skips no change" 'assert d["next"] == "2021-06-21" and d["since"] == "2021-03-22", d' \
	activity drug_testing_premises England 2021-04-01

# not permitted: from when it is, and with which step
q "permitted_from" '
assert d["permitted"] is False and d["permitted_from"] == "2021-05-17", d
assert d["permitted_from_step"] == "step3", d' activity home_visits England 2021-03-01
q "permitted: no permitted_from" 'assert d["permitted_from"] is None, d' \
	activity home_visits England 2021-06-01

# the recovery plan gives no date of its own: it speaks from its first
# step, so a date before it, or years before, is not covered
for day in 2019-06-01 2021-03-07; do
	q "before the plan $day" '
assert d["covered"] is False and d["permitted"] is False and d["since"] is None, d
assert d["next"] == "2021-03-08" and d["reasons"] == [], d' activity upw_outdoor England "$day"
done
q "the plan's first day" '
assert d["covered"] is True and d["permitted"] is False, d
assert d["since"] == "2021-03-08" and d["step"] is None, d' activity upw_indoor England 2021-03-08

# the plan never speaks of approved-premises drug testing in Wales
q "not covered" '
assert d["covered"] is False and d["permitted"] is False, d
assert d["permitted_from"] is None and d["since"] is None and d["reasons"] == [], d' \
	activity drug_testing_premises Wales 2021-05-17
"$POLCHECK" activity drug_testing_premises Wales 2021-05-17 >"$tmp/out"
[ "$(head -n 1 "$tmp/out")" = "not covered" ] || fail "plain not covered: $(head -n 1 "$tmp/out")"

# multiple room occupancy is only ever reviewed: never permitted
for day in 2021-03-08 2021-04-12 2021-06-21 2022-06-01; do
	q "shared rooms $day" 'assert d["covered"] and d["permitted"] is False and d["permitted_from"] is None, d' \
		activity premises_shared_rooms England "$day"
done

# between 8 and 21 March England's answer names the East of England sites
q "England community testing, 8-21 March" '
assert d["permitted"] is False and "5 sites in the East of England" in d["status"], d
assert d["permitted_from"] == "2021-03-22", d' activity drug_testing_community England 2021-03-10

# prison and court work: no local probation decision
q "custody: the prison decides" '
assert d["conditions"] == ["dependent on the individual prison regime stage"], d' \
	activity custody_offender_management England 2021-04-01

# Wales does not take England's roadmap group limits
q "Wales outdoor unpaid work: no limit" 'assert d["limits"] == {}, d' activity upw_outdoor Wales 2021-04-01
q "England outdoor unpaid work: 6" 'assert d["limits"] == {"max_group": 6}, d' activity upw_outdoor England 2021-04-01

"$POLCHECK" activity home_visits England 2021-03-01 >"$tmp/out"
sed -n 2p "$tmp/out" | grep -qx "permitted from 2021-05-17 (step3)" ||
	fail "plain permitted from: $(sed -n 2p "$tmp/out")"

# --date and --today are checked dates; contact rules carry no dates and
# the Derbyshire schedules are undated, so a good --date gives the answer
# of any date, and the answer does not say as of when
a=$("$POLCHECK" contact NPS risk=high --json)
b=$("$POLCHECK" contact --date 2021-05-01 NPS risk=high --json)
[ "$a" = "$b" ] || fail "contact --date: $b"
b=$("$POLCHECK" office NPS Derby Mon --date 2021-05-01 --today 2021-06-01 --json)
[ "$b" = "$("$POLCHECK" office NPS Derby Mon --json)" ] || fail "office --date: $b"
q "undated schedule" '
assert "as_of" not in d and d["in_force"] == {"from": None, "until": None}, d' \
	office NPS Derby Mon --date 2021-05-01
refused "bad --date" "--date: '2021-02-30' is not a date (YYYY-MM-DD)" contact --date 2021-02-30 NPS
refused "bad --today" "--today: '21/3/2021' is not a date (YYYY-MM-DD)" office NPS Derby Mon --today 21/3/2021
refused "--date on activity" "--date is for office, contact and batch; activity takes its dates as operands" \
	activity upw_outdoor England 2021-04-01 --date 2021-01-01
refused "--date without a value" "--date needs a value: a date, YYYY-MM-DD" contact NPS --date

finish dated_answers
