#!/bin/sh
# hostile_inputs.sh - inputs from many hands: huge, long, deep, out of
# range, unreadable.  Each must give a clean answer or a clear error with
# exit 1 or 2, never a crash, a hang or a partial output.  The largest
# run only in the plain pass (POL_SANITIZED unset): the sanitizers make
# them slow, and they test size, which the plain build shows as well.
set -eu
cd "$TOP"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# check WHAT STATUS TEXT FILE...: polc check exits STATUS and says TEXT
check() {
	what=$1 want=$2 text=$3
	shift 3
	set +e
	"$POLC" check "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	set -e
	[ "$rc" -eq "$want" ] || { head -c 2000 "$tmp/err"; fail "$what: exit $rc, want $want"; }
	[ -z "$text" ] || grep -qF -- "$text" "$tmp/err" ||
		{ head -c 2000 "$tmp/err"; fail "$what: no '$text'"; }
}

base='provider P "p"
nation England
office O in England
schedule P at O
  open Mon
  cite "c"
end'

if [ -z "${POL_SANITIZED:-}" ]; then
	# A 100 MB policy: 300,000 offices, each with a schedule and a long cite.
	awk 'BEGIN {
		print "provider P \"p\""; print "nation England"
		pad = sprintf("%250s", ""); gsub(/ /, "x", pad)
		for (i = 0; i < 300000; i++) {
			printf "office O%d in England\n", i
			printf "schedule P at O%d\n  open Mon..Fri\n  cite \"%d %s\"\nend\n", i, i, pad
		}
	}' >"$tmp/big.pol"
	size=$(wc -c <"$tmp/big.pol")
	[ "$size" -gt 100000000 ] || fail "the big policy is only $size bytes"
	check "a 100 MB policy" 0 "" "$tmp/big.pol"
	# A 1,000,000-line policy.
	{ echo "$base"; awk 'BEGIN { for (i = 0; i < 999993; i++) print "# " i }'; } >"$tmp/lines.pol"
	[ "$(wc -l <"$tmp/lines.pol")" -ge 1000000 ] || fail "not a million lines"
	check "a 1,000,000-line policy" 0 "" "$tmp/lines.pol"
fi

# A 1 MB line: a quotation of a million bytes, compiled and read back.
{
	echo 'provider P "p"'
	echo 'nation England'
	echo 'office O in England'
	printf 'schedule P at O open Mon cite "'
	awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "%c", 97 + i % 26 }'
	echo '" end'
} >"$tmp/longline.pol"
check "a 1 MB line" 0 "" "$tmp/longline.pol"
"$POLC" compile "$tmp/longline.pol" -o "$tmp/longline.c" --symbol long_policy 2>/dev/null
cc -std=c11 -Wall -Wextra -Werror -pedantic -Iinclude -c "$tmp/longline.c" -o "$tmp/longline.o" ||
	fail "the 1 MB quotation does not compile as C"
cat >"$tmp/readback.c" <<'C'
#include <stdio.h>
#include <string.h>
#include "pol/runtime.h"
extern const struct pol_policy long_policy;
int main(void)
{
	const char *t = long_policy.cites[0].text;
	size_t n = strlen(t);
	for (size_t i = 0; i < n; i++)
		if (t[i] != (char)(97 + i % 26))
			return 1;
	return n == 1048576 ? 0 : 1;
}
C
cc -std=c11 -Iinclude "$tmp/readback.c" "$tmp/longline.o" "$BUILD/libpolrt.a" -o "$tmp/readback"
"$tmp/readback" || fail "the 1 MB quotation did not come back byte for byte"

# A 65,536-character name.
name=$(awk 'BEGIN { for (i = 0; i < 65536; i++) printf "n" }')
printf 'provider %s "p"\n' "$name" >"$tmp/name.pol"
check "a 65,536-character name" 1 "name is 65536 characters long; the limit is 128" "$tmp/name.pol"

# 100,000 nested parentheses.
{
	echo 'flag a'
	echo 'modes m'
	echo 'provider P "p"'
	printf 'contact for P m when '
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "("; printf "a"; for (i = 0; i < 100000; i++) printf ")"; print "" }'
	echo 'cite "c" end'
} >"$tmp/deep.pol"
check "100,000 nested parentheses" 1 "conditions nested too deeply (limit 64)" "$tmp/deep.pol"

# Dates out of range: year 0, year 99999, negative.
dated() { printf 'step s not before %s\n  cite "c"\n' "$1" >"$tmp/date.pol"; }
dated 0000-01-01
check "year 0" 1 "year 0000 is out of range (1 to 9999)" "$tmp/date.pol"
dated 99999-01-01
check "year 99999" 1 "malformed date '99999-01-01'; write dates as YYYY-MM-DD" "$tmp/date.pol"
dated -2021-01-01
check "a negative year" 1 "error: unexpected '-'" "$tmp/date.pol"
dated 2021-02-29
check "29 February 2021" 1 "2021-02-29 is not a date: February 2021 has 28 days" "$tmp/date.pol"

# Limits past 2^31, and past 2^63.
timeline() {
	printf 'nation England\nactivity a\ntimeline a in England\n  initially permitted status "s" limit max_group %s cite "c"\nend\n' "$1" >"$tmp/limit.pol"
}
timeline 2147483648
check "a limit of 2^31" 1 "limit 2147483648 is out of range (1 to 1000000)" "$tmp/limit.pol"
timeline 99999999999999999999999
check "a limit past 2^63" 1 "number '99999999999999999999999' is too large" "$tmp/limit.pol"

# Unreadable inputs: a directory, a missing file.
check "a directory as input" 2 "cannot read '$tmp': Is a directory" "$tmp"
check "a missing file" 2 "cannot read '$tmp/absent.pol': No such file or directory" "$tmp/absent.pol"

# polcheck batch over 10 million rows, streamed: memory stays flat.
if [ -z "${POL_SANITIZED:-}" ] && [ -x "$POLCHECK" ]; then
	cat >"$tmp/peak.c" <<'C'
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
/* peak ARGV...: run ARGV, then print its peak resident memory in KiB */
int main(int argc, char **argv)
{
	(void)argc;
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return 2;
	fprintf(stderr, "%ld\n", ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
C
	cc -std=c11 -D_DEFAULT_SOURCE "$tmp/peak.c" -o "$tmp/peak"
	rows() {
		awk -v n="$1" 'BEGIN { print "ref,no_phone,risk,mappa,tact"
			for (i = 0; i < n; i++) printf "c%d,%d,%s,%d,%d\n", i, i % 3 == 0,
				(i % 4 == 0 ? "high" : "low"), i % 4, i % 7 == 0 }'
	}
	rows 100000 >"$tmp/small.csv"
	"$tmp/peak" "$POLCHECK" batch NPS "$tmp/small.csv" >"$tmp/small.out" 2>"$tmp/small.rss"
	rows 10000000 | "$tmp/peak" "$POLCHECK" batch NPS - 2>"$tmp/big.rss" | wc -l >"$tmp/count"
	[ "$(cat "$tmp/count")" -eq 10000001 ] || fail "10 million rows: $(cat "$tmp/count") lines out"
	small=$(tail -n 1 "$tmp/small.rss") big=$(tail -n 1 "$tmp/big.rss")
	[ "$big" -le $((small + 1024)) ] ||
		fail "memory grows with rows: ${small} KiB for 10^5 rows, ${big} KiB for 10^7"
	echo "batch: 10,000,000 rows in ${big} KiB peak (10^5 rows: ${small} KiB)"
fi
echo "hostile_inputs: ok"
