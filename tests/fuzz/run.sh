#!/bin/sh
# tests/fuzz/run.sh TARGET... - link each fuzz target with libFuzzer and run
# it for FUZZ_SECONDS (or FUZZ_RUNS executions, whichever ends first) over
# a working corpus seeded from tests/fuzz/corpus, with a dictionary and
# a -max_len of its own per target.  A crash stops the run and is kept in
# $FUZZ_BUILD/crashes/TARGET for a regression test.
#
# -max_len is set above every size threshold of the code a target drives
# that an input can reach, so that no buffer boundary or limit is out of
# the fuzzer's sight (the CSV reader's use-after-free past 4 KiB hid
# behind a max_len the thresholds were never compared with).  Each value
# says which thresholds it is above; those no input can reach are in
# docs/robustness.md with the tests that cover them instead.
set -eu
: "${FUZZ_BUILD:?}" "${FUZZ_SECONDS:=180}"
objs=$(ls "$FUZZ_BUILD"/compiler/*.o | grep -v '/main\.o$')
# the checker's driver without its main, and the bundled tables
checker=$(ls "$FUZZ_BUILD"/runtime/polcheck/*.o | grep -v '/main\.o$')
status=0
for t in "$@"; do
	bin="$FUZZ_BUILD/fuzz_$t"
	extra=""
	flags=""
	case "$t" in
	polc)
		# The scanner reads the text in place (yy_scan_buffer), so flex's
		# 16 KiB YY_BUF_SIZE is never met.  Above: PARSE_MAX_NESTING 64 and
		# PARSE_MAX_NAME 128 (parse.h), 100 errors (diag.c), bison's
		# YYINITDEPTH 200 and YYMAXDEPTH 10000 (some 40 KB of 'not '),
		# LONG_STRING 4000 (emit_c.c: a text becomes a char array), the
		# emitter's OUT_BUFSIZE 64 KiB of C (written to /dev/null, not a
		# sink, so that the buffer is used), 4096 change points
		# (testrun.c), 2^16 lookup entries.  Not reachable: SOURCE_MAX_BYTES
		# 512 MiB (tests/e2e/file_safety.sh).
		max_len=65536 flags="-dict=tests/fuzz/pol.dict" ;;
	roundtrip)
		# The target takes texts up to 3000 bytes, below LONG_STRING 4000
		# of emit_c.c: past that a text is a char array, which this
		# target's decoder does not read (tests/e2e/compile_c.sh does).
		max_len=3000 ;;
	date)
		# A date is 10 bytes (POL_DATE_BUFSIZE 11); the day number and
		# the year, month and day read from the first 12.
		max_len=64 ;;
	args)
		# The target takes up to 4096 bytes as 64 arguments; above
		# MSG_MAX 640 and the 100 bytes of a quoted argument (polcheck.h).
		max_len=4096 extra="$checker $FUZZ_BUILD/policy/policy.o"
		# the checker's one-line errors would drown libFuzzer's report
		flags="-close_fd_mask=2" ;;
	csv)
		# The first 6 bytes choose the reader's sizes: a read block of
		# 4..64 bytes, a first record buffer of 1..16, a record limit of
		# 16..4096 bytes (and so at most 2 * 4096 + 64 = 8256 raw bytes
		# kept for a resync), 0..8 line breaks in a quoted field; with
		# ENDS_START 64 fields and RAW_START 4096, a few KB cross every
		# one, and 8448 is above the largest.  The reading at the real
		# sizes (256 KiB block, 1 MiB record) is checked against the
		# small one; those sizes are crossed by tests/checker/test_csv.c
		# and by fuzz_batch, which also reaches CSV_FIELDS_MAX (65536
		# fields), out of reach here at tolerable speed.
		max_len=8448 extra="$checker" flags="-dict=tests/fuzz/csv.dict" ;;
	batch)
		# batch_stream reads at the real sizes (csv.h: 4 KiB record
		# buffer, 256 KiB block, 1 MiB record, 1000 quoted lines, 65536
		# fields, 2 MiB + 64 kept for a resync; BATCH_HOLD_MAX 1 MiB).
		# The body's runs (0xFE k: the byte before 2^k times, see
		# fuzz_batch.c) make caseloads of up to 2 MiB + 128 KiB from a
		# few bytes, so every one is in reach; 4096 is above the longest
		# literal any needs: 1001 line breaks, a 130-byte header cell,
		# MSG_MAX 640, the output buffer 16..2048 and hold 64..1984
		# bytes the target chooses.
		max_len=4096 extra="$checker $FUZZ_BUILD/policy/policy.o"
		flags="-dict=tests/fuzz/csv.dict -close_fd_mask=2" ;;
	*)
		echo "run.sh: no max_len for target '$t'" >&2
		exit 2 ;;
	esac
	# The target's own checks are the oracle, not the code under test: its
	# comparisons are not traced (-fno-sanitize-coverage=trace-cmp), which
	# on the checker's targets is half the time of a run.  The objects it
	# links keep theirs.
	# shellcheck disable=SC2086
	clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-fno-sanitize-coverage=trace-cmp \
		-Iinclude -Icompiler -Iruntime/polcheck -I"$FUZZ_BUILD/gen" \
		-D_POSIX_C_SOURCE=200809L tests/fuzz/fuzz_"$t".c $objs $extra \
		"$FUZZ_BUILD"/gen/parser.o "$FUZZ_BUILD"/gen/lexer.o \
		"$FUZZ_BUILD"/libpolrt.a -o "$bin"
	work="$FUZZ_BUILD/corpus/$t"
	mkdir -p "$work" "$FUZZ_BUILD/crashes/$t"
	# Seeds named large_* (records past 256 KiB or 1 MiB) are replayed by
	# every test run but not fuzzed from: each mutation of one would cost
	# a tenth of a second, and the fuzzer would spend its time on them.
	find tests/fuzz/corpus/"$t" -type f ! -name 'large_*' -exec cp {} "$work"/ \;
	echo "== fuzz_$t for ${FUZZ_SECONDS}s${FUZZ_RUNS:+ or $FUZZ_RUNS runs}, max_len $max_len"
	log="$FUZZ_BUILD/fuzz_$t.log"
	rc=0
	# shellcheck disable=SC2086
	"$bin" $flags -max_total_time="$FUZZ_SECONDS" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} \
		-timeout=10 -rss_limit_mb=2048 \
		-max_len="$max_len" -print_final_stats=1 \
		-artifact_prefix="$FUZZ_BUILD/crashes/$t/" "$work" >"$log" 2>&1 || rc=$?
	# the end of the report, without libFuzzer's suggested dictionary
	grep -v -e '^"' -e '^######' "$log" | tail -16
	if [ "$rc" -ne 0 ]; then
		echo "fuzz_$t failed (exit $rc); the input is in $FUZZ_BUILD/crashes/$t/, the log in $log"
		status=1
	fi
done
exit "$status"
