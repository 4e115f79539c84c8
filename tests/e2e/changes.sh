#!/bin/sh
# changes.sh - polcheck changes FROM TO on the bundled recovery plan: every
# change listed is one: the answer the day before is its 'before' and the
# answer on the day its 'after', with the entry's quote; the list is in
# date order, the window's ends count, --area narrows it, and bad
# questions are refused.  (That no change is missing follows from the
# differential test, which checks 'next' on every date.)
set -u
cd "$TOP" || exit 1
. tests/e2e/lib/checker.sh

"$POLCHECK" changes 2021-03-01 2021-07-01 --json >"$tmp/changes.json" ||
	fail "changes --json: exit $?"
# every change against the activity command, both sides
python3 - "$POLCHECK" "$tmp/changes.json" <<'EOF' || fail "changes against activity answers"
import datetime, json, subprocess, sys
pc, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
assert d["from"] == "2021-03-01" and d["to"] == "2021-07-01", d
ch = d["changes"]
assert len(ch) > 40, len(ch)
dates = [c["date"] for c in ch]
assert dates == sorted(dates), "not in date order"
def ask(act, area, day):
    out = subprocess.run([pc, "--json", "activity", act, area, day], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)
def terms(a):
    return {k: a[k] for k in ("covered", "permitted", "limits", "conditions")}
seen = set()
for c in ch:
    assert c["kind"] == "activity", c
    act, area = c["subject"]["activity"], c["subject"]["area"]
    day = datetime.date.fromisoformat(c["date"])
    before = ask(act, area, str(day - datetime.timedelta(days=1)))
    after = ask(act, area, c["date"])
    assert terms(before) == terms(c["before"]), (c, before)
    assert terms(after) == terms(c["after"]), (c, after)
    if after["covered"]:
        assert after["status"] == c["after"]["status"] and after["since"] == c["date"], (c, after)
    assert (before["status"], terms(before)) != (after["status"], terms(after)), ("no change", c)
    assert c["reasons"] and all(r["source"].startswith("policies/recovery.pol:") for r in c["reasons"]), c
    assert (act, area, c["date"]) not in seen, ("listed twice", c)
    seen.add((act, area, c["date"]))
# the issue's example: step 3's 'no change' of approved premises is no change
assert ("drug_testing_premises", "England", "2021-05-17") not in seen
assert ("drug_testing_premises", "England", "2021-03-22") in seen
assert ("home_visits", "England", "2021-05-17") in seen
print("changes:", len(ch), "checked")
EOF

# plain: the count first, then each change with its quote
"$POLCHECK" changes 2021-03-01 2021-07-01 >"$tmp/plain" || fail "changes plain: exit $?"
n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['changes']))" "$tmp/changes.json")
[ "$(head -n 1 "$tmp/plain")" = "$n changes from 2021-03-01 to 2021-07-01" ] ||
	fail "changes plain: first line $(head -n 1 "$tmp/plain")"
grep -q '^2021-05-17 activity home_visits England: not permitted -> permitted$' "$tmp/plain" ||
	fail "changes plain: home visits at step 3"
grep -q '^  "Lift national pause on all home visits (tbc with unions), inclusive of home visits with victims and SUs."$' "$tmp/plain" ||
	fail "changes plain: the quote"

# the window's ends count; a window without entries has none
"$POLCHECK" changes 2021-03-22 2021-03-22 --json >"$tmp/one.json"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert d['changes'] and all(c['date'] == '2021-03-22' for c in d['changes']), d" "$tmp/one.json" ||
	fail "changes on one day"
[ "$("$POLCHECK" changes 2019-01-01 2019-12-31)" = "0 changes from 2019-01-01 to 2019-12-31" ] ||
	fail "changes in 2019"

# --area: what that area sees, its nation's changes included
"$POLCHECK" changes 2021-03-01 2021-07-01 --area East_of_England --json >"$tmp/eoe.json"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
areas = {c['subject']['area'] for c in d['changes']}
assert areas == {'East_of_England'}, areas
acts = {(c['subject']['activity'], c['date']) for c in d['changes']}
assert ('drug_testing_community', '2021-03-08') in acts and ('upw_outdoor', '2021-03-08') in acts, acts" \
	"$tmp/eoe.json" || fail "changes --area East_of_England"

refused "missing TO" "changes: missing TO; usage: polcheck changes FROM TO [--area AREA] [--provider PROVIDER]" \
	changes 2021-03-01
refused "backwards" "changes: TO (2021-03-01) is before FROM (2021-07-01)" changes 2021-07-01 2021-03-01
refused "bad date" "'2021-02-30' is not a date (YYYY-MM-DD)" changes 2021-02-30 2021-03-01
refused "unknown area" "unknown nation or region 'Englnd'; did you mean 'England'?" \
	changes 2021-03-01 2021-07-01 --area Englnd
refused "unknown provider" "unknown provider 'NP'; did you mean 'NPS'?" \
	changes 2021-03-01 2021-07-01 --provider NP
refused "--area without a value" "--area needs a value: a nation or region" changes 2021-03-01 2021-07-01 --area

finish changes
