# tests/e2e/lib/checker.sh - sourced by the end-to-end scripts that ask
# polcheck questions (not a test: tests/run.sh runs only tests/e2e/*.sh).
#
# Sets tmp (a scratch directory removed on exit) and failures, and gives
#   fail MESSAGE...            count a failure and say it
#   refused NAME MESSAGE ARGS  polcheck ARGS must exit 2, write nothing on
#                              stdout and exactly "polcheck: MESSAGE" on stderr
#   finish NAME                the script's last line and exit status
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
refused() {
	name=$1 want=$2
	shift 2
	"$POLCHECK" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "polcheck: $want" ] ||
		fail "$name: exit $rc, stderr $(cat "$tmp/err")"
}
finish() {
	[ "$failures" -eq 0 ] || { echo "$1: $failures failures"; exit 1; }
	echo "$1: ok"
}
