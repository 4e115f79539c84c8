#!/bin/sh
# polcheck_contract.sh - the checker's command-line contract
# (/work/shared/spec/product.md, docs/polcheck.md), tested on a small
# policy of its own so the expected answers stay put whatever
# policies/*.pol say: every command in plain text, --json and --explain,
# every error path (one line on stderr, nothing on stdout, exit 2), batch
# CSV edge cases, a million-row caseload in small memory, and output that
# cannot be written.  Then a few smoke checks of the bundled $POLCHECK.
#
# Needs $POLC, $BUILD and $TOP (tests/run.sh sets them).  The checker is
# compiled here from runtime/polcheck/*.c and the tables of the policy
# below; under POL_SANITIZED=1 with the sanitizers.
set -u
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

case $BUILD in
/*) lib="$BUILD/libpolrt.a" ;;
*) lib="$TOP/$BUILD/libpolrt.a" ;;
esac
san=
[ -n "${POL_SANITIZED:-}" ] && san="-fsanitize=address,undefined -fno-sanitize-recover=all"
have_python=
command -v python3 >/dev/null 2>&1 && have_python=1
[ -n "$have_python" ] || echo "missing tool: python3; JSON output not parsed"

# ---- the policy ----------------------------------------------------------

cat >"$tmp/contract.pol" <<'EOF'
# contract.pol - a small, stable policy for polcheck's contract test.
provider NPS "National Probation Service"
provider CRC
nation England
nation Wales
region East_of_England "East of England" in England
office Derby "Derby office" in England
office Buxton in East_of_England

flag no_phone "Service user without a phone"
flag tact
level risk low < medium < high < very_high "Risk of harm"
range mappa 0..3 "MAPPA level"

modes face_to_face "Seen face to face" > discretionary > doorstep
    > remote "Phone or video"

condition local_decision "subject to a local decision by the Regional Probation Director or CRC chief executive"
condition union_agreement "subject to confirmation with the trade unions"

step step1 "Step 1" not before 2021-03-08 and 2021-03-29
  cite "STEP 1 – not before 8 March / 29 March"
step step2 not before 2021-04-12
  cite "STEP 2"

activity upw_outdoor "Unpaid work: outdoor placements"
activity home_visits

schedule NPS at Derby
  open Mon, Wed..Fri 09:00-17:00
  note "planned appointments only"
  cite "open on Mondays to Friday"
end

schedule NPS at Buxton
  closed
  cite "Buxton is \"closed\" – for now"
end

service "telephone lines" for NPS
  open Mon..Fri 09:00-17:00
  cite "telephone lines"
end

service "duty inbox" for NPS at Derby
  note "answered within a day"
  cite "duty inbox"
end

schedule CRC at Derby
  open Tue, Thu 10:00-12:30
  open Sat
  cite "CRC Derby"
end

service "duty phone" for CRC
  open Mon..Wed 09:00-17:00
  open Fri 09:00-12:00
  open Sat
  note "urgent matters only"
  cite "CRC duty phone"
end

contact for NPS
  face_to_face when no_phone or mappa == 3
    cite "Service users without a phone"
  face_to_face when tact
    cite "TACT"
  discretionary when risk == high
    cite "some High risk"
  doorstep when risk >= high
    cite "Door step"
  otherwise remote
    cite "remotely"
end

contact for CRC
  face_to_face when no_phone
    cite "CRC no phone"
end

timeline upw_outdoor in England
  initially
    not permitted
    status "paused"
    cite "national pause"
  not before step1
    permitted
    status "resumed"
    subject to local_decision
    cite "Expand the scope (not before 8/3)."
  not before 2021-03-29 in step1
    permitted
    status "groups of 6"
    limit max_group 6
    limit facilitators 2
    subject to local_decision, union_agreement
    cite "Resume all outdoor UPW, groups of 6 (not before 29/3)."
  not before step2
    no change
    cite "No change at this stage"
end

timeline upw_outdoor in Wales
  initially
    permitted
    status "running"
    cite "delivery in Wales"
end

timeline home_visits in East_of_England
  not before 2021-04-01
    permitted
    status "home visits resumed"
    limit sites 5
    cite "Re-introduce home visits in 5 sites"
end
EOF

# Compiled in the temporary directory so sources read "contract.pol:LINE".
(cd "$tmp" && "$POLC" compile contract.pol -o policy.c --name contract \
	--symbol pol_checker_policy 2>polc.err) || { cat "$tmp/polc.err"; echo "FAIL: polc compile"; exit 1; }
# shellcheck disable=SC2086
${CC:-cc} -std=c11 -O2 -g $san -D_POSIX_C_SOURCE=200809L -Iinclude -Icompiler \
	-o "$tmp/polcheck" "$tmp/policy.c" runtime/polcheck/*.c compiler/suggest.c \
	compiler/writer.c "$lib" || { echo "FAIL: cannot build polcheck"; exit 1; }
PC="$tmp/polcheck"

# ---- helpers ---------------------------------------------------------------

# run ARGS...: run the checker; stdout in $tmp/out, stderr in $tmp/err, $rc.
run() {
	"$PC" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# answered NAME: exit 0, nothing on stderr.
answered() {
	[ "$rc" -eq 0 ] || fail "$1: exit $rc, want 0 ($(head -1 "$tmp/err"))"
	[ ! -s "$tmp/err" ] || fail "$1: stderr: $(head -3 "$tmp/err")"
}

# same NAME: stdout equals stdin.
same() {
	cat >"$tmp/want"
	if ! cmp -s "$tmp/want" "$tmp/out"; then
		fail "$1: output differs"
		diff -u "$tmp/want" "$tmp/out" | head -30
	fi
}

# refused NAME MESSAGE ARGS...: exit 2, nothing on stdout, and exactly the
# one line "polcheck: MESSAGE" on stderr; the same with --json.
refused() {
	name=$1 msg=$2
	shift 2
	for opt in "" --json; do
		# shellcheck disable=SC2086
		run "$@" $opt
		[ "$rc" -eq 2 ] || fail "$name $opt: exit $rc, want 2"
		[ ! -s "$tmp/out" ] || fail "$name $opt: stdout not empty: $(head -c 200 "$tmp/out")"
		[ "$(wc -l <"$tmp/err")" -eq 1 ] ||
			fail "$name $opt: want one line on stderr, got: $(cat "$tmp/err")"
		[ "$(cat "$tmp/err")" = "polcheck: $msg" ] ||
			fail "$name $opt: stderr '$(cat "$tmp/err")', want 'polcheck: $msg'"
	done
}

# json NAME [PYTHON]: stdout is one valid JSON value, newline-terminated;
# PYTHON (statements on d, the value) may assert more.
json() {
	[ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ] ||
		fail "$1: JSON output not newline-terminated"
	[ -n "$have_python" ] || return 0
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
${2:-pass}
" "$tmp/out" || fail "$1: JSON: $(head -c 300 "$tmp/out")"
}

# ---- version and help --------------------------------------------------------

run --version
answered version
same version <<'EOF'
polcheck 0.1.0 (policy 'contract')
EOF
for args in "--help" "office --help" "--bogus --help" "-h"; do
	# shellcheck disable=SC2086
	run $args
	answered "help ($args)"
	for word in "office" "contact" "activity" "batch" "list" "--json" "--explain"; do
		grep -q -e "$word" "$tmp/out" || fail "help ($args) does not mention $word"
	done
done

# ---- office --------------------------------------------------------------------

run office NPS Derby Mon
answered "office NPS Derby Mon"
same "office NPS Derby Mon" <<'EOF'
open
provider: NPS (National Probation Service)
office: Derby
day: Mon
hours: 09:00-17:00
in force: on every date (the plan gives no dates)
note: planned appointments only
service: telephone lines: Mon..Fri 09:00-17:00
service: duty inbox: answered within a day
EOF

run office NPS Derby 2021-03-09 --explain
answered "office on a Tuesday date"
same "office on a Tuesday date, --explain" <<'EOF'
closed
provider: NPS (National Probation Service)
office: Derby
day: Tue
date: 2021-03-09
in force: on every date (the plan gives no dates)
note: planned appointments only
service: telephone lines: Mon..Fri 09:00-17:00
service: duty inbox: answered within a day
because:
  "open on Mondays to Friday"
    contract.pol:32
  "telephone lines"
    contract.pol:42
  "duty inbox"
    contract.pol:47
EOF

run --explain office NPS Buxton Wed
same "office closed by a schedule" <<'EOF'
closed
provider: NPS (National Probation Service)
office: Buxton
day: Wed
in force: on every date (the plan gives no dates)
service: telephone lines: Mon..Fri 09:00-17:00
because:
  "Buxton is "closed" – for now"
    contract.pol:37
  "telephone lines"
    contract.pol:42
EOF

run office CRC Derby Sat
same "office open without hours; a provider without title" <<'EOF'
open
provider: CRC
office: Derby
day: Sat
in force: on every date (the plan gives no dates)
service: duty phone: Mon..Wed 09:00-17:00, Fri 09:00-12:00, Sat; urgent matters only
EOF

run office CRC Derby 2024-02-29 --json
answered "office on a leap day"
same "office --json" <<'EOF'
{"provider":"CRC","office":"Derby","day":"Thu","date":"2024-02-29","covered":true,"open":true,"hours":"10:00-12:30","in_force":{"from":null,"until":null},"notes":["duty phone: Mon..Wed 09:00-17:00, Fri 09:00-12:00, Sat; urgent matters only"],"reasons":[{"cite":"CRC Derby","source":"contract.pol:53"},{"cite":"CRC duty phone","source":"contract.pol:61"}]}
EOF
json "office --json" '
assert d["open"] is True and d["hours"] == "10:00-12:30" and d["day"] == "Thu"'

run office NPS Buxton Sun --json
json "office closed --json" '
assert d == {"provider": "NPS", "office": "Buxton", "day": "Sun", "covered": True, "open": False,
  "in_force": {"from": None, "until": None},
  "notes": ["telephone lines: Mon..Fri 09:00-17:00"],
  "reasons": [{"cite": "Buxton is \"closed\" \u2013 for now", "source": "contract.pol:37"},
              {"cite": "telephone lines", "source": "contract.pol:42"}]}, d'

# no schedule of CRC names Buxton (its duty phone is a service): the plan
# says nothing, which is not 'closed'
run office CRC Buxton Mon
[ "$rc" -eq 0 ] && [ "$(head -n 1 "$tmp/out")" = "not covered" ] ||
	fail "office not covered: exit $rc, $(head -n 1 "$tmp/out")"
run office CRC Buxton Mon --json
json "office not covered --json" '
assert d["covered"] is False and d["open"] is False and "hours" not in d, d'

refused "unknown provider" "unknown provider 'NSP'; did you mean 'NPS'?" office NSP Derby Mon
refused "unknown office" "unknown office 'Dreby'; did you mean 'Derby'?" office NPS Dreby Mon
refused "office far from any" "unknown office 'London' (see 'polcheck list offices')" office NPS London Mon
refused "office case matters" "unknown office 'derby'; did you mean 'Derby'?" office NPS derby Mon
refused "impossible date" "'2021-02-30' is not a date (YYYY-MM-DD)" office NPS Derby 2021-02-30
refused "not a leap year" "'2021-02-29' is not a date (YYYY-MM-DD)" office NPS Derby 2021-02-29
refused "century not leap" "'1900-02-29' is not a date (YYYY-MM-DD)" office NPS Derby 1900-02-29
refused "day/month" "'8/3' is not a date (YYYY-MM-DD)" office NPS Derby 8/3
refused "short date" "'2021-3-8' is not a date (YYYY-MM-DD)" office NPS Derby 2021-3-8
refused "year zero" "'0000-01-01' is not a date (YYYY-MM-DD)" office NPS Derby 0000-01-01
refused "long day name" "unknown day 'Monday'; did you mean 'Mon'?" office NPS Derby Monday
refused "day in lower case" "unknown day 'mon'; did you mean 'Mon'?" office NPS Derby mon
refused "not a day" "'yesterday' is neither a day (Mon..Sun) nor a date (YYYY-MM-DD)" \
	office NPS Derby yesterday
refused "office missing day" "office: missing DAY|DATE; usage: polcheck office PROVIDER OFFICE DAY|DATE" \
	office NPS Derby
refused "office missing all" "office: missing PROVIDER; usage: polcheck office PROVIDER OFFICE DAY|DATE" \
	office
refused "office extra" "office: unexpected argument 'Tue'; usage: polcheck office PROVIDER OFFICE DAY|DATE" \
	office NPS Derby Mon Tue

# ---- contact ---------------------------------------------------------------------

run contact NPS
answered "contact, nothing set"
same "contact, nothing set" <<'EOF'
remote
provider: NPS
would be face_to_face with no_phone, or with tact, or with mappa=3
would be discretionary with risk=high
would be doorstep with risk=very_high
EOF

run contact NPS risk=high --explain
same "contact risk=high --explain" <<'EOF'
discretionary
provider: NPS
also: doorstep
would be face_to_face with no_phone, or with tact, or with mappa=3
because:
  [discretionary] "some High risk"
    contract.pol:70
  [doorstep] "Door step"
    contract.pol:72
  [discretionary] applies as: risk == high
  [doorstep] applies as: risk >= high
EOF

run contact NPS tact risk=very_high mappa=3 no_phone=yes
same "contact, several rules" <<'EOF'
face_to_face
provider: NPS
also: doorstep
EOF

run contact NPS --explain
same "contact otherwise --explain" <<'EOF'
remote
provider: NPS
would be face_to_face with no_phone, or with tact, or with mappa=3
would be discretionary with risk=high
would be doorstep with risk=very_high
because:
  [remote] "remotely"
    contract.pol:74
EOF

run contact CRC
answered "contact without decision"
same "contact without decision" <<'EOF'
not covered
provider: CRC
would be face_to_face with no_phone
EOF

run contact CRC --json
same "contact without decision --json" <<'EOF'
{"provider":"CRC","covered":false,"mode":null,"also":[],"reasons":[],"applies":[],"would_be":[{"mode":"face_to_face","if":[["no_phone"]]}]}
EOF
json "contact without decision --json" 'assert d["mode"] is None and d["covered"] is False'

run contact NPS no_phone risk=high --json
same "contact --json" <<'EOF'
{"provider":"NPS","covered":true,"mode":"face_to_face","also":["discretionary","doorstep"],"reasons":[{"mode":"face_to_face","cite":"Service users without a phone","source":"contract.pol:66"},{"mode":"discretionary","cite":"some High risk","source":"contract.pol:70"},{"mode":"doorstep","cite":"Door step","source":"contract.pol:72"}],"applies":[{"mode":"face_to_face","condition":"no_phone or mappa == 3","when":["no_phone"],"source":"contract.pol:65"},{"mode":"discretionary","condition":"risk == high","when":["risk == high"],"source":"contract.pol:69"},{"mode":"doorstep","condition":"risk >= high","when":["risk >= high"],"source":"contract.pol:71"}],"would_be":[]}
EOF
json "contact --json" 'assert d["also"] == ["discretionary", "doorstep"]'

run contact NPS --json
json "contact otherwise --json" '
assert d == {"provider": "NPS", "covered": True, "mode": "remote", "also": [],
  "reasons": [{"mode": "remote", "cite": "remotely", "source": "contract.pol:74"}],
  "applies": [],
  "would_be": [{"mode": "face_to_face", "if": [["no_phone"], ["tact"], ["mappa=3"]]},
               {"mode": "discretionary", "if": [["risk=high"]]},
               {"mode": "doorstep", "if": [["risk=very_high"]]}]}, d'
run contact NPS mappa=3 --json
json "contact: the clause that applies" '
assert d["applies"] == [{"mode": "face_to_face", "condition": "no_phone or mappa == 3",
  "when": ["mappa == 3"], "source": "contract.pol:65"}], d["applies"]'
run contact NPS mappa=3 --explain
grep -qx "  \[face_to_face\] applies as: mappa == 3 (of: no_phone or mappa == 3)" "$tmp/out" ||
	fail "contact: the clause, plain: $(cat "$tmp/out")"

# flag values
for v in true yes 1; do
	run contact NPS no_phone="$v"
	[ "$(head -1 "$tmp/out")" = face_to_face ] || fail "contact no_phone=$v: $(head -1 "$tmp/out")"
done
# values are exact, like names: a spreadsheet's TRUE is refused, not guessed
for v in TRUE Yes; do
	refused "flag value case $v" "'$v' is not a value of no_phone (true, false, yes, no, 1, 0)" \
		contact NPS no_phone="$v"
done
for v in false no 0; do
	run contact NPS no_phone="$v"
	[ "$(head -1 "$tmp/out")" = remote ] || fail "contact no_phone=$v: $(head -1 "$tmp/out")"
done
run contact NPS mappa=0 risk=low tact=no
[ "$(head -1 "$tmp/out")" = remote ] || fail "contact with lowest values"

refused "bad level value" "'extreme' is not a value of risk (low, medium, high, very_high)" \
	contact NPS risk=extreme
refused "level value case" "'High' is not a value of risk (low, medium, high, very_high)" \
	contact NPS risk=High
refused "range out of bounds" "'4' is not a value of mappa (0..3)" contact NPS mappa=4
refused "range not a number" "'-1' is not a value of mappa (0..3)" contact NPS mappa=-1
refused "bad flag value" "'maybe' is not a value of tact (true, false, yes, no, 1, 0)" \
	contact NPS tact=maybe
refused "empty flag value" "'' is not a value of tact (true, false, yes, no, 1, 0)" \
	contact NPS tact=
refused "empty level value" "'' is not a value of risk (low, medium, high, very_high)" \
	contact NPS risk=
refused "level without value" \
	"risk is a level: give it a value, risk=VALUE (low, medium, high, very_high)" contact NPS risk
refused "range without value" "mappa is a range: give it a value, mappa=VALUE (0..3)" \
	contact NPS mappa
refused "unknown attribute" "unknown attribute 'rsk'; did you mean 'risk'?" contact NPS rsk=high
refused "unknown flag" "unknown attribute 'no_phon'; did you mean 'no_phone'?" contact NPS no_phon
refused "attribute twice" "risk is given twice" contact NPS risk=high risk=low
refused "flag twice" "tact is given twice" contact NPS tact tact=no
refused "empty attribute" "unknown attribute '' (see 'polcheck list attributes')" contact NPS =high
refused "contact unknown provider" "unknown provider 'nps'; did you mean 'NPS'?" contact nps
refused "contact missing provider" \
	"contact: missing PROVIDER; usage: polcheck contact PROVIDER [ATTR | ATTR=VALUE]..." contact

# ---- activity ------------------------------------------------------------------------

run activity upw_outdoor England 2021-04-01 --explain
answered "activity permitted"
same "activity permitted --explain" <<'EOF'
permitted
activity: upw_outdoor
area: England
date: 2021-04-01
status: groups of 6
since: 2021-03-29
step: step1
limits: max_group 6, facilitators 2
condition: subject to a local decision by the Regional Probation Director or CRC chief executive
condition: subject to confirmation with the trade unions
because:
  "Resume all outdoor UPW, groups of 6 (not before 29/3)."
    contract.pol:98
EOF
# the 'no change' of 2021-04-12 changes nothing an officer sees: no next

# the plan gives no date of its own: it speaks from the first it names,
# step 1's 8 March, so the day before is not covered
run activity upw_outdoor England 2021-03-07
same "activity before the plan" <<'EOF'
not covered
permitted from 2021-03-08 (step1)
activity: upw_outdoor
area: England
date: 2021-03-07
status: the plan has no entry for this activity in this area on this date
next: 2021-03-08
EOF

run activity upw_outdoor England 2021-03-08
same "activity on the step's date" <<'EOF'
permitted
activity: upw_outdoor
area: England
date: 2021-03-08
status: resumed
since: 2021-03-08
step: step1
next: 2021-03-29
condition: subject to a local decision by the Regional Probation Director or CRC chief executive
EOF

run activity upw_outdoor East_of_England 2022-01-01 --explain
same "activity 'no change', in a region" <<'EOF'
permitted
activity: upw_outdoor
area: East_of_England
date: 2022-01-01
status: groups of 6
since: 2021-03-29
step: step1
limits: max_group 6, facilitators 2
condition: subject to a local decision by the Regional Probation Director or CRC chief executive
condition: subject to confirmation with the trade unions
because:
  "No change at this stage"
    contract.pol:101
  "Resume all outdoor UPW, groups of 6 (not before 29/3)."
    contract.pol:98
EOF

run activity upw_outdoor East_of_England 2022-01-01 --json
same "activity --json" <<'EOF'
{"activity":"upw_outdoor","area":"East_of_England","date":"2022-01-01","covered":true,"permitted":true,"permitted_from":null,"permitted_from_step":null,"status":"groups of 6","since":"2021-03-29","next":null,"step":"step1","limits":{"max_group":6,"facilitators":2},"conditions":["subject to a local decision by the Regional Probation Director or CRC chief executive","subject to confirmation with the trade unions"],"reasons":[{"cite":"No change at this stage","source":"contract.pol:101"},{"cite":"Resume all outdoor UPW, groups of 6 (not before 29/3).","source":"contract.pol:98"}]}
EOF
json "activity --json" '
assert d["limits"] == {"max_group": 6, "facilitators": 2}
assert [r["source"] for r in d["reasons"]] == ["contract.pol:101", "contract.pol:98"]'

run activity home_visits East_of_England 2021-03-31
same "activity before its first entry" <<'EOF'
not covered
permitted from 2021-04-01
activity: home_visits
area: East_of_England
date: 2021-03-31
status: the plan has no entry for this activity in this area on this date
next: 2021-04-01
EOF

run activity home_visits East_of_England 2021-03-31 --json
json "activity no entry --json" '
assert d == {"activity": "home_visits", "area": "East_of_England", "date": "2021-03-31",
  "covered": False, "permitted": False, "permitted_from": "2021-04-01",
  "permitted_from_step": None,
  "status": "the plan has no entry for this activity in this area on this date",
  "since": None, "next": "2021-04-01",
  "step": None, "limits": {}, "conditions": [], "reasons": []}, d'

run activity home_visits Wales 2021-06-01 --json
json "activity without timeline --json" '
assert d["covered"] is False and d["permitted"] is False and d["next"] is None
assert d["since"] is None and d["permitted_from"] is None'

run activity upw_outdoor Wales 2021-03-08 --json
json "activity initially --json" '
assert d["covered"] is True and d["permitted"] is True and d["step"] is None
assert d["since"] == "2021-03-08", d
assert d["reasons"] == [{"cite": "delivery in Wales", "source": "contract.pol:108"}], d'
run activity upw_outdoor Wales 2021-03-08
grep -qx "since: 2021-03-08 (the start of the plan)" "$tmp/out" ||
	fail "activity initially: $(grep since "$tmp/out")"
run activity upw_outdoor Wales 2021-01-01 --json
json "activity initially, before the plan --json" '
assert d["covered"] is False and d["permitted"] is False and d["since"] is None
assert d["next"] == "2021-03-08" and d["permitted_from"] == "2021-03-08", d'

run activity home_visits East_of_England 2021-04-01 --json
json "activity limits --json" 'assert d["limits"] == {"sites": 5} and d["since"] == "2021-04-01"'

refused "unknown activity" "unknown activity 'upw_outdor'; did you mean 'upw_outdoor'?" \
	activity upw_outdor England 2021-04-01
refused "unknown area" "unknown nation or region 'Englnd'; did you mean 'England'?" \
	activity upw_outdoor Englnd 2021-04-01
refused "area far from any" \
	"unknown nation or region 'Mars' (England, Wales, East_of_England)" \
	activity upw_outdoor Mars 2021-04-01
refused "office as area" "unknown nation or region 'Derby' (England, Wales, East_of_England)" \
	activity upw_outdoor Derby 2021-04-01
refused "activity bad date" "'2021-02-30' is not a date (YYYY-MM-DD)" \
	activity upw_outdoor England 2021-02-30
refused "activity day/month" "'8/3' is not a date (YYYY-MM-DD)" activity upw_outdoor England 8/3
refused "activity weekday" "'Mon' is not a date (YYYY-MM-DD)" activity upw_outdoor England Mon
refused "activity missing date" \
	"activity: missing DATE; usage: polcheck activity ACTIVITY NATION|REGION DATE" \
	activity upw_outdoor England

# ---- list -------------------------------------------------------------------------------

run list providers
answered "list providers"
printf 'NPS\tNational Probation Service\nCRC\n' | same "list providers"
run list offices
printf 'Derby\tDerby office\nBuxton\n' | same "list offices"
run list attributes
printf 'no_phone\tflag\ntact\tflag\nrisk\tlevel: low < medium < high < very_high\nmappa\trange 0..3\n' |
	same "list attributes"
run list modes
printf 'face_to_face\tSeen face to face\ndiscretionary\ndoorstep\nremote\tPhone or video\n' |
	same "list modes"
run list activities
printf 'upw_outdoor\tUnpaid work: outdoor placements\nhome_visits\n' | same "list activities"
run list steps
printf 'step1\t2021-03-08, 2021-03-29\nstep2\t2021-04-12\n' | same "list steps"

run list attributes --json
same "list attributes --json" <<'EOF'
{"attributes":[{"name":"no_phone","title":"Service user without a phone","kind":"flag"},{"name":"tact","title":null,"kind":"flag"},{"name":"risk","title":"Risk of harm","kind":"level","values":["low","medium","high","very_high"]},{"name":"mappa","title":"MAPPA level","kind":"range","min":0,"max":3}]}
EOF
for k in providers offices attributes modes activities steps; do
	run list $k --json
	answered "list $k --json"
	json "list $k --json" "assert list(d) == ['$k'] and all('name' in x and 'title' in x for x in d['$k'])"
done
run list steps --json
json "list steps --json" 'assert d["steps"][0] == {"name": "step1", "title": "Step 1", "dates": ["2021-03-08", "2021-03-29"]}'

refused "list unknown kind" "list: unknown kind 'office'; did you mean 'offices'?" list office
refused "list far kind" \
	"list: unknown kind 'areas' (providers, offices, attributes, modes, activities, steps)" list areas
refused "list missing kind" \
	"list: missing what to list (providers, offices, attributes, modes, activities, steps)" list
refused "list extra" "list: unexpected argument 'x'; usage: polcheck list KIND" list modes x

# ---- the command line ------------------------------------------------------------------

refused "no command" "missing command (office, contact, activity, changes, batch, list); try 'polcheck --help'"
refused "unknown command" "unknown command 'ofice'; did you mean 'office'?" ofice NPS Derby Mon
refused "far command" "unknown command 'hello' (commands: office, contact, activity, changes, batch, list)" hello
refused "unknown option" "unknown option '--jsn'; did you mean '--json'?" office NPS Derby Mon --jsn
refused "far option" "unknown option '-x' (options: --json, --explain, --help, --version)" -x list modes
refused "'--' ends options" \
	"office: unexpected argument '--json'; usage: polcheck office PROVIDER OFFICE DAY|DATE" \
	office NPS Derby Mon -- --json
run --json office --explain NPS Derby Mon
answered "options anywhere"
json "options anywhere" 'assert d["open"] is True'

# odd bytes and long arguments: one line, exit 2, no crash
long=$(awk 'BEGIN { while (i++ < 20000) printf "x" }')
refused "control bytes" "unknown provider 'N\\x01\\xffPS\\x5c' (see 'polcheck list providers')" \
	office "$(printf 'N\001\377PS\\')" Derby Mon
for args in "office $long Derby Mon" "office NPS $long Mon" "office NPS Derby $long" \
	"contact NPS $long" "contact NPS risk=$long" "contact NPS $long=1" \
	"activity $long England 2021-01-01" "list $long" "$long" "--$long" \
	"batch $long" "batch NPS $tmp/no/$long"; do
	# shellcheck disable=SC2086
	run $args
	[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
		fail "long argument ($(echo "$args" | cut -c1-30)...): exit $rc, stderr $(wc -l <"$tmp/err") lines"
	[ "$(wc -c <"$tmp/err")" -lt 400 ] || fail "long argument: message of $(wc -c <"$tmp/err") bytes"
done

# output that cannot be written
if [ -w /dev/full ]; then
	for args in "office NPS Derby Mon" "contact NPS --json" "list modes" "--version" "--help"; do
		# shellcheck disable=SC2086
		"$PC" $args >/dev/full 2>"$tmp/err"
		rc=$?
		[ "$rc" -eq 2 ] || fail "$args >/dev/full: exit $rc, want 2"
		grep -q "^polcheck: cannot write the output: " "$tmp/err" ||
			fail "$args >/dev/full: $(cat "$tmp/err")"
	done
else
	echo "skip: no /dev/full"
fi

# ---- batch -------------------------------------------------------------------------------

# bcheck NAME RC [ARGS...]: batch NPS over $tmp/in.csv (stdin when no ARGS).
bcheck() {
	name=$1 want=$2
	shift 2
	if [ $# -eq 0 ]; then
		"$PC" batch NPS <"$tmp/in.csv" >"$tmp/out" 2>"$tmp/err"
	else
		"$PC" batch "$@" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
	[ "$rc" -eq "$want" ] || fail "batch $name: exit $rc, want $want ($(head -3 "$tmp/err"))"
}

# Quoted fields with commas, doubled quotes and line breaks; unknown
# columns passed through; attribute columns in any order; empty cells;
# an empty line; a last line without a newline.
printf '%s\n' 'ref,risk,name,no_phone,mappa' \
	'A1,high,"Smith, John",,' \
	'A2,low,"say ""hi""",yes,0' \
	'' \
	'A3,medium,"two' 'lines",no,3' \
	'A4,,plain,,' >"$tmp/in.csv"
printf 'A5,very_high,"",false,1' >>"$tmp/in.csv"
bcheck "quoting" 0
same "batch quoting" <<'EOF'
ref,risk,name,no_phone,mappa,mode
A1,high,"Smith, John",,,discretionary
A2,low,"say ""hi""",yes,0,face_to_face
A3,medium,"two
lines",no,3,face_to_face
A4,,plain,,,remote
A5,very_high,,false,1,doorstep
EOF
[ ! -s "$tmp/err" ] || fail "batch quoting: stderr $(cat "$tmp/err")"
if [ -n "$have_python" ]; then
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][-1] == "mode" and len(rows) == 6, rows
assert rows[2][2] == "say \"hi\"" and rows[3][2] == "two\nlines", rows
' "$tmp/out" || fail "batch output is not the CSV Python reads"
fi

bcheck "named file" 0 NPS "$tmp/in.csv"
bcheck "stdin as -" 0 NPS - <"$tmp/in.csv"
"$PC" batch NPS - <"$tmp/in.csv" >"$tmp/out2" 2>/dev/null
"$PC" batch NPS "$tmp/in.csv" >"$tmp/out" 2>/dev/null
cmp -s "$tmp/out" "$tmp/out2" || fail "batch: stdin and file differ"

# --json: one array, columns by header, row numbers count from the header
"$PC" batch NPS "$tmp/in.csv" --json >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "batch --json: exit $rc"
json "batch --json" '
assert [r["row"] for r in d] == [2, 3, 5, 6, 7], d
assert d[0] == {"row": 2, "mode": "discretionary", "columns": {"ref": "A1", "risk": "high",
  "name": "Smith, John", "no_phone": "", "mappa": ""}}, d[0]
assert d[2]["columns"]["name"] == "two\nlines"'

# CRLF line ends and a byte order mark
printf '\357\273\277ref,risk\r\nB1,high\r\n\r\nB2,low\r\n' >"$tmp/in.csv"
bcheck "CRLF" 0
same "batch CRLF" <<'EOF'
ref,risk,mode
B1,high,discretionary
B2,low,remote
EOF

# Bad rows in the middle: reported with their row number, written with an
# empty mode, the others still decided; exit 1.
printf '%s\n' 'ref,risk,mappa,tact' 'C1,high,0,' 'C2,extreme,0,' 'C3,low' \
	'C4,low,1,yes,extra' 'C5,low,9,' 'C6,low,0,maybe' '' 'C7,"low"x,0,' \
	'C8,very_high,3,1' >"$tmp/in.csv"
bcheck "bad rows" 1
same "batch bad rows" <<'EOF'
ref,risk,mappa,tact,mode
C1,high,0,,discretionary
C2,extreme,0,,
C3,low,,,
C4,low,1,yes,
C5,low,9,,
C6,low,0,maybe,
C7,lowx,0,,
C8,very_high,3,1,face_to_face
EOF
cat >"$tmp/want" <<'EOF'
polcheck: row 3: 'extreme' is not a value of risk (low, medium, high, very_high)
polcheck: row 4: 2 fields, but the header has 4
polcheck: row 5: 5 fields, but the header has 4
polcheck: row 6: '9' is not a value of mappa (0..3)
polcheck: row 7: 'maybe' is not a value of tact (true, false, yes, no, 1, 0)
polcheck: row 9: text after the closing quote of a field
EOF
cmp -s "$tmp/want" "$tmp/err" || { fail "batch bad rows: stderr"; diff -u "$tmp/want" "$tmp/err"; }

"$PC" batch NPS "$tmp/in.csv" --json >"$tmp/out" 2>/dev/null
rc=$?
[ "$rc" -eq 1 ] || fail "batch bad rows --json: exit $rc, want 1"
json "batch bad rows --json" '
assert len(d) == 8
bad = [r for r in d if r["mode"] is None]
assert [r["row"] for r in bad] == [3, 4, 5, 6, 7, 9], bad
assert all("error" in r for r in bad) and not any("error" in r for r in d if r["mode"])
assert d[2]["columns"] == {"ref": "C3", "risk": "low"}, d[2]'

# A quoted field that never closes costs its own row, and only that.
printf 'ref,risk\nD1,high\nD2,"low\nD3,low\n' >"$tmp/in.csv"
bcheck "unclosed quote" 1
[ "$(cat "$tmp/err")" = "polcheck: row 3: a quoted field is not closed on this row; the row is written as it stands, and the lines after it are read as rows of their own" ] ||
	fail "batch unclosed quote: $(cat "$tmp/err")"
printf 'ref,risk,mode\nD1,high,discretionary\nD2,"""low",\nD3,low,remote\n' | same "batch unclosed quote"

# Header only; no header at all
printf 'ref,risk\n' >"$tmp/in.csv"
bcheck "header only" 0
printf 'ref,risk,mode\n' | same "batch header only"
"$PC" batch NPS "$tmp/in.csv" --json >"$tmp/out" 2>"$tmp/err"
json "batch header only --json" 'assert d == []'
: >"$tmp/in.csv"
bcheck "empty file" 2
[ ! -s "$tmp/out" ] || fail "batch empty file: stdout not empty"
[ "$(cat "$tmp/err")" = "polcheck: the input has no header row" ] ||
	fail "batch empty file: $(cat "$tmp/err")"
printf '\n\r\n\n' >"$tmp/in.csv"
bcheck "blank lines only" 2
refused "batch missing file" "cannot read '$tmp/absent.csv': No such file or directory" \
	batch NPS "$tmp/absent.csv"
refused "batch directory" "cannot read '$tmp': Is a directory" batch NPS "$tmp"
refused "batch unknown provider" "unknown provider 'NP'; did you mean 'NPS'?" batch NP "$tmp/in.csv"
refused "batch missing provider" "batch: missing PROVIDER; usage: polcheck batch PROVIDER [FILE|-]" batch
refused "batch extra" \
	"batch: unexpected argument 'x'; usage: polcheck batch PROVIDER [FILE|-]" batch NPS a.csv x
printf 'risk,ref,risk\nhigh,1,low\n' >"$tmp/in.csv"
refused "batch attribute twice" \
	"'$tmp/in.csv': the header names attribute 'risk' twice (columns 1 and 3)" batch NPS "$tmp/in.csv"

# A column that looks like an attribute is passed through, with a warning.
printf 'Risk,tact\nhigh,1\n' >"$tmp/in.csv"
bcheck "near attribute" 0
[ "$(cat "$tmp/err")" = "polcheck: warning: column 'Risk' is not an attribute and is passed through; did you mean 'risk'?" ] ||
	fail "batch near attribute: $(cat "$tmp/err")"
# A header that names no attribute decides nothing: refused, not defaulted.
printf 'Risk\nhigh\n' >"$tmp/in.csv"
refused "batch no attribute, near one" \
	"'$tmp/in.csv': no column of the header is an attribute, so no row could be decided; did you mean 'risk' for column 'Risk'? (attributes: no_phone, tact, risk, mappa)" \
	batch NPS "$tmp/in.csv"
printf 'ref,RISK_LEVEL\nA1,very_high\n' >"$tmp/in.csv"
refused "batch no attribute" \
	"'$tmp/in.csv': no column of the header is an attribute, so no row could be decided (attributes: no_phone, tact, risk, mappa; delimiter ',', see --delimiter)" \
	batch NPS "$tmp/in.csv"
# ';' and tab exports: the delimiter that names attributes is taken, and
# kept in the output; --delimiter names it.
printf 'ref;risk;mappa\nA1;very_high;3\nA2;low;"0"\n' >"$tmp/in.csv"
bcheck "semicolon" 0
printf 'ref;risk;mappa;mode\nA1;very_high;3;face_to_face\nA2;low;0;remote\n' | same "batch semicolon"
printf 'ref\trisk\nA1\thigh\n' >"$tmp/in.csv"
bcheck "tab" 0
printf 'ref\trisk\tmode\nA1\thigh\tdiscretionary\n' | same "batch tab"
"$PC" batch NPS "$tmp/in.csv" --delimiter tab >"$tmp/out" 2>"$tmp/err" || fail "batch --delimiter tab"
printf 'ref\trisk\tmode\nA1\thigh\tdiscretionary\n' | same "batch --delimiter tab"
refused "batch --delimiter ','" \
	"'$tmp/in.csv': no column of the header is an attribute, so no row could be decided (attributes: no_phone, tact, risk, mappa; delimiter ',', see --delimiter)" \
	batch NPS "$tmp/in.csv" --delimiter ,
refused "batch bad --delimiter" "batch: --delimiter 'x' is not one of ',', ';', '|' or tab" \
	batch NPS "$tmp/in.csv" --delimiter x
run batch NPS "$tmp/in.csv" --delimiter
[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] &&
	[ "$(cat "$tmp/err")" = "polcheck: --delimiter needs a value: ',', ';', '|' or tab" ] ||
	fail "batch --delimiter with no value: exit $rc, $(cat "$tmp/err")"
# A column named like the one batch adds would give two 'mode' columns.
printf 'ref,mode,risk\nA1,x,high\n' >"$tmp/in.csv"
refused "batch mode column" \
	"'$tmp/in.csv': column 2 of the header is named 'mode', the column batch adds; rename it" \
	batch NPS "$tmp/in.csv"

# A record over the limit is one bad row; the next rows are still read.
awk 'BEGIN { print "ref,risk"; printf "E1,"; while (i++ < 1100000) printf "x"; print "";
	print "E2,high" }' >"$tmp/in.csv"
bcheck "huge record" 1
[ "$(sed -n 2p "$tmp/out")" = "E1,," ] || fail "batch huge record: its reference"
[ "$(sed -n 3p "$tmp/out")" = "E2,high,discretionary" ] || fail "batch huge record: row after it"
[ "$(cat "$tmp/err")" = "polcheck: row 2: field 2 is longer than the 1048576 bytes a record may hold" ] ||
	fail "batch huge record: $(cat "$tmp/err")"

# Odd bytes in cells: passed through as they are, JSON still valid.
printf 'ref,risk\n"\001\377\\\t",high\n' >"$tmp/in.csv"
"$PC" batch NPS "$tmp/in.csv" --json >"$tmp/out" 2>"$tmp/err"
json "batch odd bytes --json" 'assert d[0]["columns"]["ref"] == "\x01\ufffd\\\t", d'

# Every case of the policy: batch decides as contact does.
awk 'BEGIN { print "no_phone,tact,risk,mappa"; split("low medium high very_high", r, " ");
	for (a = 0; a < 2; a++) for (b = 0; b < 2; b++) for (c = 1; c <= 4; c++)
	for (m = 0; m < 4; m++) print a "," b "," r[c] "," m }' >"$tmp/cases.csv"
for prov in NPS CRC; do
	"$PC" batch "$prov" "$tmp/cases.csv" >"$tmp/out" || fail "batch every case $prov"
	tail -n +2 "$tmp/out" | while IFS=, read -r a b c m mode; do
		want=$("$PC" contact "$prov" no_phone="$a" tact="$b" risk="$c" mappa="$m" | head -1)
		[ "$want" = "not covered" ] && want=
		[ "$mode" = "$want" ] || echo "batch $prov $a,$b,$c,$m: '$mode', contact says '$want'"
	done >"$tmp/diffs"
	[ ! -s "$tmp/diffs" ] || fail "$(head -3 "$tmp/diffs")"
done

# A million rows: streamed, all decided, in small memory.
rows=1000000
[ -n "$san" ] && rows=100000
awk -v n=$rows 'BEGIN { print "ref,risk,mappa,no_phone,tact,name"
	split("low medium high very_high", r, " ")
	for (i = 0; i < n; i++)
		printf "R%07d,%s,%d,%s,%s,\"Doe, J\"\n", i, r[i % 4 + 1], i % 4,
			i % 7 == 0 ? "yes" : "", i % 11 == 0 ? "1" : "0" }' >"$tmp/big.csv"
if [ -z "$san" ] && [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
	/usr/bin/time -o "$tmp/rss" -f %M "$PC" batch NPS "$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	rss=$(tail -1 "$tmp/rss")
	[ "$rss" -lt 20000 ] || fail "batch of $rows rows: peak RSS ${rss} KB"
	echo "batch: $rows rows, peak RSS ${rss} KB"
else
	"$PC" batch NPS "$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	echo "skip: peak RSS not measured"
fi
[ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] || fail "batch of $rows rows: exit $rc, $(head -2 "$tmp/err")"
[ "$(wc -l <"$tmp/out")" -eq $((rows + 1)) ] || fail "batch of $rows rows: $(wc -l <"$tmp/out") lines out"
[ "$(grep -c ',remote$' "$tmp/out")" -gt 0 ] && [ "$(grep -c ',face_to_face$' "$tmp/out")" -gt 0 ] ||
	fail "batch of $rows rows: decisions missing"
# (JSON of the first 100,000 rows: Python takes its time to read it)
head -n 100001 "$tmp/big.csv" | "$PC" batch NPS --json >"$tmp/out" 2>"$tmp/err" ||
	fail "batch --json of 100000 rows"
json "batch --json of 100000 rows" "assert len(d) == 100000 and d[-1]['row'] == 100001"

if [ -w /dev/full ]; then
	"$PC" batch NPS "$tmp/big.csv" >/dev/full 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
		fail "batch >/dev/full: exit $rc, $(cat "$tmp/err")"
fi

# ---- the bundled checker: smoke ---------------------------------------------------------

if [ -x "${POLCHECK:-}" ]; then
	run_bundled() { "$POLCHECK" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
	run_bundled --version
	grep -q "^polcheck 0.1.0 (policy '.*')$" "$tmp/out" || fail "bundled --version: $(cat "$tmp/out")"
	for k in providers offices attributes modes activities steps; do
		run_bundled list $k --json
		[ "$rc" -eq 0 ] || fail "bundled list $k: exit $rc"
		json "bundled list $k --json"
	done
	providers=$("$POLCHECK" list providers | cut -f1)
	offices=$("$POLCHECK" list offices | cut -f1)
	for p in $providers; do
		for o in $offices; do
			run_bundled office "$p" "$o" 2021-03-10 --json
			[ "$rc" -eq 0 ] || fail "bundled office $p $o: exit $rc"
			json "bundled office $p $o"
		done
		run_bundled contact "$p" --json --explain
		[ "$rc" -eq 0 ] || fail "bundled contact $p: exit $rc"
		json "bundled contact $p"
		# every flag alone, in batch and one by one, decides alike
		flags=$("$POLCHECK" list attributes | awk -F'\t' '$2 == "flag" { print $1 }')
		{ echo "ref,$(echo $flags | tr ' ' ',')"
		  for f in $flags; do
			printf '%s' "$f"
			for g in $flags; do [ "$f" = "$g" ] && printf ',yes' || printf ','; done
			echo
		  done; } >"$tmp/flags.csv"
		"$POLCHECK" batch "$p" "$tmp/flags.csv" >"$tmp/out" 2>"$tmp/err" ||
			fail "bundled batch $p: $(head -2 "$tmp/err")"
		for f in $flags; do
			want=$("$POLCHECK" contact "$p" "$f" | head -1)
			[ "$want" = "not covered" ] && want=
			got=$(grep "^$f," "$tmp/out" | awk -F, '{ print $NF }')
			[ "$got" = "$want" ] || fail "bundled batch $p $f: '$got', contact says '$want'"
		done
	done
	for a in $("$POLCHECK" list activities | cut -f1); do
		run_bundled activity "$a" England 2021-04-12 --json
		[ "$rc" -eq 0 ] || { [ "$rc" -eq 2 ] && grep -q "unknown nation" "$tmp/err"; } ||
			fail "bundled activity $a: exit $rc"
		[ "$rc" -eq 0 ] && json "bundled activity $a"
	done
	run_bundled office NPS Dreby Mon
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ] ||
		fail "bundled unknown office: exit $rc"
else
	echo "skip: no bundled $POLCHECK"
fi

if [ "$failures" -ne 0 ]; then
	echo "polcheck_contract: $failures failures"
	exit 1
fi
echo "polcheck_contract: ok"
