# tests/e2e/lib/memcheck.sh - sourced by the valgrind tests (not a test:
# tests/run.sh runs only tests/e2e/*.sh).
#
# memcheck_or_skip NAME ends the script, saying why, where memcheck cannot
# run: under the sanitizers, or without valgrind.  MEMCHECK is the command
# every run uses: any memory error or definite or indirect leak gives
# status 99.
memcheck_or_skip() {
	if [ "${POL_SANITIZED:-}" = 1 ]; then
		echo "$1: skipped (sanitized build)"
		exit 0
	fi
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "missing tool: valgrind; skipped"
		exit 0
	fi
}
MEMCHECK="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
