#!/bin/sh
# ci_example.sh - docs/examples/policy-ci.sh on a throwaway policy
# repository: a clean change passes and the diff shows the edit; a broken
# policy fails the check.
set -eu
cd "$TOP"
command -v git >/dev/null 2>&1 || { echo "missing tool: git; skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$tmp/repo"
cp -r policies "$tmp/repo/"
cd "$tmp/repo"
git init -q
git -c user.name=ci -c user.email=ci@example.invalid add policies
git -c user.name=ci -c user.email=ci@example.invalid commit -qm "policies"
sed -i '/^schedule CRC at Buxton/,/^end/s/open Wed$/open Thu/' policies/derbyshire.pol
# the tests of Buxton's Wednesday now fail: keep this change to the diff
sed -i 's/^expect CRC at Buxton on Wed is open/expect CRC at Buxton on Thu is open/' policies/derbyshire.pol
sed -i 's/^expect CRC at Buxton on Thu is closed/expect CRC at Buxton on Wed is closed/' policies/derbyshire.pol
POLC="$POLC" sh "$TOP/docs/examples/policy-ci.sh" HEAD >"$tmp/out" 2>&1 || {
	cat "$tmp/out"
	fail "policy-ci.sh failed on a sound change"
}
grep -q "CRC at Buxton, Thu: closed -> open" "$tmp/out" || { cat "$tmp/out"; fail "no diff shown"; }
grep -q "passed, 0 failed" "$tmp/out" || fail "no test summary"
[ -s polc-report/check.sarif ] && [ -s polc-report/diff.json ] || fail "reports missing"
echo 'office Nowhere in Atlantis' >>policies/common.pol
if POLC="$POLC" sh "$TOP/docs/examples/policy-ci.sh" HEAD >"$tmp/out" 2>&1; then
	fail "policy-ci.sh passed a broken policy"
fi
grep -q "unknown nation or region 'Atlantis'" "$tmp/out" || { cat "$tmp/out"; fail "no diagnostic"; }
echo "ci_example: ok"
