#!/bin/sh
# tests/fuzz/run.sh TARGET... - link each fuzz target with libFuzzer and run
# it for FUZZ_SECONDS (or FUZZ_RUNS executions, whichever ends first) over
# a working corpus seeded from tests/fuzz/corpus,
# with the language's dictionary.  A crash stops the run and is kept in
# $FUZZ_BUILD/crashes/TARGET for a regression test.
set -eu
: "${FUZZ_BUILD:?}" "${FUZZ_SECONDS:=180}"
objs=$(ls "$FUZZ_BUILD"/compiler/*.o | grep -v '/main\.o$')
# the checker's driver without its main, and the bundled tables
checker=$(ls "$FUZZ_BUILD"/runtime/polcheck/*.o | grep -v '/main\.o$')
status=0
for t in "$@"; do
	bin="$FUZZ_BUILD/fuzz_$t"
	extra=""
	case "$t" in
	csv) extra="$checker" ;;
	args) extra="$checker $FUZZ_BUILD/policy/policy.o" ;;
	esac
	# shellcheck disable=SC2086
	clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Iinclude -Icompiler -Iruntime/polcheck -I"$FUZZ_BUILD/gen" \
		-D_POSIX_C_SOURCE=200809L tests/fuzz/fuzz_"$t".c $objs $extra \
		"$FUZZ_BUILD"/gen/parser.o "$FUZZ_BUILD"/gen/lexer.o \
		"$FUZZ_BUILD"/libpolrt.a -o "$bin"
	work="$FUZZ_BUILD/corpus/$t"
	mkdir -p "$work" "$FUZZ_BUILD/crashes/$t"
	cp tests/fuzz/corpus/"$t"/* "$work"/ 2>/dev/null || true
	dict=""
	[ "$t" = polc ] && dict="-dict=tests/fuzz/pol.dict"
	# the checker's one-line errors would drown libFuzzer's report
	[ "$t" = args ] && dict="-close_fd_mask=2"
	echo "== fuzz_$t for ${FUZZ_SECONDS}s${FUZZ_RUNS:+ or $FUZZ_RUNS runs}"
	log="$FUZZ_BUILD/fuzz_$t.log"
	rc=0
	# shellcheck disable=SC2086
	"$bin" $dict -max_total_time="$FUZZ_SECONDS" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} \
		-timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_BUILD/crashes/$t/" "$work" >"$log" 2>&1 || rc=$?
	# the end of the report, without libFuzzer's suggested dictionary
	grep -v -e '^"' -e '^######' "$log" | tail -16
	if [ "$rc" -ne 0 ]; then
		echo "fuzz_$t failed (exit $rc); the input is in $FUZZ_BUILD/crashes/$t/, the log in $log"
		status=1
	fi
done
exit "$status"
