#!/bin/sh
# bench/long_fields.sh - polcheck batch, built with AddressSanitizer and
# UndefinedBehaviorSanitizer, over generated caseloads full of long
# fields: is memory constant from 100 MB to 1 GB, and does every row come
# through?  Run by bench/run.sh (make bench), or alone:
#
#   sh bench/long_fields.sh          # BUILD=build, sizes 100 MB and 1 GB
#
# Writes docs/batch-long-fields.md.  Not a test: it takes minutes.
#
# Each block of the caseload holds 400 short rows, 4 rows with a 5,000-byte
# quoted note (line breaks and doubled quotes inside), and one row with a
# 300,000-byte plain field; blocks repeat until the size is reached.  The
# caseload is piped into the checker, never written to disk.
set -eu
export LC_ALL=C
BUILD=${BUILD:-build}
SAN_BUILD=$BUILD/sanitize
B=$BUILD/bench
DOC=${BENCH_LONG_DOC:-docs/batch-long-fields.md}
SIZES=${BENCH_LONG_SIZES:-100 1000}	# MB
CC_SAN=$(command -v clang >/dev/null 2>&1 && echo clang || echo cc)
mkdir -p "$B"

make -s BUILD="$SAN_BUILD" CC="$CC_SAN" OPT="-O1 -g -fno-omit-frame-pointer" \
	SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" "$SAN_BUILD/polcheck"
cc -std=c11 -O2 -o "$B/peakrss" bench/peakrss.c

# gen MB: the caseload on stdout; its row count on fd 3 at the end.
gen() {
	python3 - "$1" <<'EOF'
import sys
mb = int(sys.argv[1])
short = b"".join(b"S%d,%s,%d,%d,ok\n" % (i, (b"low", b"high", b"medium")[i % 3], i % 4, i % 2)
                 for i in range(400))
note = b'"' + (b'a line of a case note, with ""quoted"" words and a comma, in it\n' * 80)[:5000] + b'"'
notes = b"".join(b"N%d,very_high,3,0,%s\n" % (i, note) for i in range(4))
wide = b"W,low,0,1," + b"w" * 300000 + b"\n"
block = short + notes + wide
rows_per_block = 405
out = sys.stdout.buffer
out.write(b"ref,risk,mappa,no_phone,notes\n")
total, rows = 0, 0
while total < mb * 1000 * 1000:
    out.write(block)
    total += len(block)
    rows += rows_per_block
out.flush()
with open("/dev/fd/3", "w") as f:
    f.write("%d %d\n" % (rows, total))
EOF
}

: >"$B/long_fields.tsv"
for mb in $SIZES; do
	echo "bench: long fields: $mb MB through the sanitized checker" >&2
	rm -f "$B/long_rss.txt"
	gen "$mb" 3>"$B/long_rows.txt" |
		"$B/peakrss" "$B/long_rss.txt" "$SAN_BUILD/polcheck" batch NPS - |
		grep -c -E ',(face_to_face|discretionary|doorstep|remote)$' >"$B/long_decided.txt" || true
	read -r rows bytes <"$B/long_rows.txt"
	read -r wall rss status user sys <"$B/long_rss.txt"
	decided=$(cat "$B/long_decided.txt")
	[ "$status" -eq 0 ] || { echo "bench: polcheck exited $status at $mb MB" >&2; exit 1; }
	[ "$decided" -eq "$rows" ] ||
		{ echo "bench: $decided of $rows rows decided at $mb MB" >&2; exit 1; }
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mb" "$bytes" "$rows" "$wall" "$rss" "$user" >>"$B/long_fields.tsv"
done

{
	echo "# polcheck batch over long fields, sanitized"
	echo
	echo "Written by \`sh bench/long_fields.sh\` (also run by \`make bench\`) on"
	echo "$(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
	echo "Machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)."
	echo "Checker: \`$SAN_BUILD/polcheck\` built by $CC_SAN with"
	echo "\`-O1 -fsanitize=address,undefined -fno-sanitize-recover=all\`."
	echo
	echo "Each caseload is generated and piped in (\`gen MB | polcheck batch NPS -\`):"
	echo "blocks of 400 short rows, 4 rows with a 5,000-byte quoted note holding"
	echo "line breaks and doubled quotes, and one row with a 300,000-byte plain"
	echo "field.  Every row must be decided and the exit status must be 0."
	echo
	echo "| input | bytes | rows | rows decided | wall (s) | peak RSS (MiB) | MB/s |"
	echo "|---|---|---|---|---|---|---|"
	while IFS="$(printf '\t')" read -r mb bytes rows wall rss user; do
		awk -v mb="$mb" -v b="$bytes" -v r="$rows" -v w="$wall" -v k="$rss" 'BEGIN {
			printf "| %d MB | %d | %d | %d | %.1f | %.1f | %.0f |\n", mb, b, r, r, w, k / 1024, b / w / 1e6 }'
	done <"$B/long_fields.tsv"
	echo
	awk -F'\t' 'NR == 1 { b0 = $2; r0 = $5 } { b = $2; r = $5 } END {
		printf "Peak RSS at %.0f times the input is %.2f times that of the smallest\n", b / b0, r / r0
		print "input: the reader keeps one record (at most 1 MiB of fields) and the"
		print "output holds at most 1 MiB before it streams." }' "$B/long_fields.tsv"
} >"$DOC"
cat "$DOC"
