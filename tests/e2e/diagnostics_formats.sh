#!/bin/sh
# diagnostics_formats.sh - polc check and polc test with
# --diagnostics-format=json and =sarif: valid JSON on standard output, the
# right lines and columns, SARIF 2.1.0's required structure.
set -eu
cd "$TOP"
command -v python3 >/dev/null 2>&1 || { echo "missing tool: python3; skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cat >"$tmp/bad.pol" <<'POL'
provider NPS "National Probation Service"
provider NPS "again"
nation England
office Derby in Englnd
flag unused_flag "never used"
POL
set +e
"$POLC" check --diagnostics-format=json "$tmp/bad.pol" >"$tmp/out.json" 2>"$tmp/err"
rc=$?
"$POLC" check --diagnostics-format=sarif "$tmp/bad.pol" >"$tmp/out.sarif" 2>>"$tmp/err"
rc2=$?
set -e
[ "$rc" -eq 1 ] && [ "$rc2" -eq 1 ] || fail "exit $rc/$rc2, want 1"
[ ! -s "$tmp/err" ] || fail "stderr not empty: $(cat "$tmp/err")"
python3 - "$tmp/out.json" "$tmp/out.sarif" <<'PY' || fail "structured diagnostics"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["errors"] == 2, d
ids = [x["id"] for x in d["diagnostics"]]
assert ids == ["duplicate-name", "unknown-name"], ids
dup = d["diagnostics"][0]
assert (dup["line"], dup["column"], dup["end_column"]) == (2, 10, 13), dup
assert dup["notes"][0]["line"] == 1 and dup["notes"][0]["message"] == "first declared here"
unk = d["diagnostics"][1]
assert unk["message"] == "unknown nation or region 'Englnd'; did you mean 'England'?", unk
s = json.load(open(sys.argv[2]))
assert s["version"] == "2.1.0" and s["$schema"].endswith("sarif-2.1.0.json")
run = s["runs"][0]
assert run["tool"]["driver"]["name"] == "polc"
assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"duplicate-name", "unknown-name"}
r = run["results"][1]
assert r["ruleId"] == "unknown-name" and r["level"] == "error"
reg = r["locations"][0]["physicalLocation"]["region"]
assert (reg["startLine"], reg["startColumn"], reg["endColumn"]) == (4, 17, 23), reg
assert run["results"][0]["relatedLocations"][0]["message"]["text"] == "first declared here"
PY
# Warnings are warnings, or errors under -Werror.
printf 'provider NPS "N"\nflag unused_flag\n' >"$tmp/warn.pol"
"$POLC" check --diagnostics-format=json "$tmp/warn.pol" >"$tmp/w.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["warnings"]==2 and d["diagnostics"][0]["severity"]=="warning", d' "$tmp/w.json" ||
	fail "warnings in JSON"
set +e
"$POLC" check -Werror --diagnostics-format=sarif "$tmp/warn.pol" >"$tmp/w.sarif"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "-Werror: exit $rc"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["runs"][0]["results"][0]["level"]=="error", d' "$tmp/w.sarif" ||
	fail "-Werror in SARIF"
# Failing tests as diagnostics.
printf 'provider NPS "N"\nnation England\noffice Derby in England\nschedule NPS at Derby\n  open Mon\n  cite "x"\nend\nexpect NPS at Derby on Tue is open\n' >"$tmp/t.pol"
set +e
"$POLC" test --diagnostics-format=sarif "$tmp/t.pol" >"$tmp/t.sarif" 2>"$tmp/t.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "polc test: exit $rc"
grep -q "0 passed, 1 failed" "$tmp/t.err" || fail "polc test summary: $(cat "$tmp/t.err")"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"][0]; assert r["ruleId"]=="test-failed" and r["locations"][0]["physicalLocation"]["region"]["startLine"]==8, r' "$tmp/t.sarif" ||
	fail "test failure as SARIF"
# A clean policy set: an empty list.
"$POLC" check --diagnostics-format=json policies/*.pol >"$tmp/clean.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d=={"diagnostics":[],"errors":0,"warnings":0,"truncated":False}, d' "$tmp/clean.json" ||
	fail "clean policies"
echo "diagnostics_formats: ok"
