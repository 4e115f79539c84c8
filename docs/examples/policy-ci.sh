#!/bin/sh
# policy-ci.sh - what a policy repository's CI runs on every change.
#
#   policy-ci.sh [BASE]     BASE: the git revision to compare with
#                           (default: the merge base with origin/main)
#
# 1. polc check   every problem, warnings as errors, SARIF for annotations
# 2. polc test    the policy's own expect/assert, with coverage
# 3. polc diff    what the change does to decisions, for the reviewer
#
# Exit status: 0 when the policy is sound (a change in decisions is not a
# failure: it is printed for review), 1 when it is not, 2 on a usage error.
set -eu
POLC=${POLC:-polc}
POLICY_DIR=${POLICY_DIR:-policies}
REPORT=${REPORT:-polc-report}
mkdir -p "$REPORT"

base=${1:-$(git merge-base HEAD origin/main 2>/dev/null || echo HEAD~1)}

echo "== polc check"
"$POLC" check -Werror --diagnostics-format=sarif "$POLICY_DIR"/*.pol >"$REPORT/check.sarif" || {
	"$POLC" check -Werror "$POLICY_DIR"/*.pol	# the same problems, for people
	exit 1
}

echo "== polc test"
"$POLC" test --coverage "$POLICY_DIR"/*.pol | tee "$REPORT/test.txt"

echo "== polc diff $base"
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
if git archive "$base" "$POLICY_DIR" 2>/dev/null | tar -x -C "$old"; then
	set +e
	"$POLC" diff "$old/$POLICY_DIR"/*.pol -- "$POLICY_DIR"/*.pol | tee "$REPORT/diff.txt"
	"$POLC" diff --json "$old/$POLICY_DIR"/*.pol -- "$POLICY_DIR"/*.pol >"$REPORT/diff.json"
	rc=$?
	set -e
	[ "$rc" -le 1 ] || exit 1	# 0: no change, 1: changes to review
else
	echo "no policies at $base: nothing to compare"
fi
