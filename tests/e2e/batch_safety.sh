#!/bin/sh
# batch_safety.sh - polcheck batch on the caseloads that used to be read
# from freed memory or silently misread: fields and headers past the
# reader's buffers (4 KiB, 256 KiB) and at its record limit (1 MiB), a
# stray quote in a long file, and the same under valgrind.  Each row must
# come out with its own reference and the policy's decision.
set -u
cd "$TOP" || exit 1
PC=$POLCHECK
. tests/e2e/lib/checker.sh

# The issue's two reproductions: a 5,000-byte quoted reference, and a
# 500,000-byte plain one.
python3 -c "import sys;sys.stdout.buffer.write(b'ref,risk\n\"'+b'x'*5000+b'\",high\nA2,low\n')" >"$tmp/big.csv"
python3 -c "import sys;sys.stdout.buffer.write(b'ref,risk\n'+b'x'*500000+b',high\nA2,low\n')" >"$tmp/huge.csv"
python3 -c "import sys;sys.stdout.buffer.write(b'ref,risk,mode\n'+b'x'*5000+b',high,discretionary\nA2,low,remote\n')" >"$tmp/big.want"
python3 -c "import sys;sys.stdout.buffer.write(b'ref,risk,mode\n'+b'x'*500000+b',high,discretionary\nA2,low,remote\n')" >"$tmp/huge.want"
for n in big huge; do
	"$PC" batch NPS "$tmp/$n.csv" >"$tmp/$n.out" 2>"$tmp/$n.err"
	rc=$?
	[ "$rc" -eq 0 ] || fail "$n.csv: exit $rc: $(head -c 300 "$tmp/$n.err")"
	[ ! -s "$tmp/$n.err" ] || fail "$n.csv: stderr: $(head -c 300 "$tmp/$n.err")"
	cmp -s "$tmp/$n.want" "$tmp/$n.out" || fail "$n.csv: output is not the input with its decisions"
done

# A quoted header cell over 4 KiB: the attribute columns after it still
# count (once every one was dropped and very_high was decided remote).
python3 - "$tmp/header.csv" <<'EOF'
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'"' + b'h' * 4200 + b'",risk,mappa,no_phone\nA1,very_high,3,1\n')
EOF
"$PC" batch NPS "$tmp/header.csv" >"$tmp/out" 2>"$tmp/err"
[ "$?" -eq 0 ] || fail "long header cell: exit status"
[ "$(tail -n 1 "$tmp/out")" = "A1,very_high,3,1,face_to_face" ] ||
	fail "long header cell: $(tail -n 1 "$tmp/out" | head -c 200)"

# A file with two byte order marks: the second is the first header cell's,
# and the output quotes it so that it is not read as the output's own.
printf '\357\273\277\357\273\277ref,risk\nA1,high\n' >"$tmp/bom.csv"
"$PC" batch NPS "$tmp/bom.csv" >"$tmp/out" 2>"$tmp/err" || fail "two marks: exit status"
printf '"\357\273\277ref",risk,mode\nA1,high,discretionary\n' | cmp -s - "$tmp/out" ||
	fail "two marks: $(od -c "$tmp/out" | head -3)"

# Fields of every size around the buffers and the limit, quoted and
# plain, each followed by a short row: the decision and the reference
# of every row must come through.
python3 - "$tmp" <<'EOF'
import sys
d = sys.argv[1]
sizes = [4095, 4096, 4097, 262143, 262144, 262145]
limit = 1 << 20
rows, want = [b"ref,risk,notes"], [b"ref,risk,notes,mode"]
for i, n in enumerate(sizes):
    for quoted in (False, True):
        body = bytes(b"abcdefghijklmnopqrstuvwxyz"[k % 26] for k in range(n))
        cell = b'"' + body + b'"' if quoted else body
        ref = b"R%d%s" % (i, b"q" if quoted else b"p")
        rows.append(ref + b",high," + cell)
        want.append(ref + b",high," + body + b",discretionary")
        rows.append(b"S,low,x")
        want.append(b"S,low,x,remote")
# the limit counts the bytes of all fields: "L" + "high" + notes
for n in (limit - 6, limit - 5, limit - 4):
    rows.append(b"L,high," + b"n" * n)
    if 1 + 4 + n <= limit:
        want.append(b"L,high," + b"n" * n + b",discretionary")
    else:
        want.append(b"L,high,,")
open(d + "/sizes.csv", "wb").write(b"\r\n".join(rows) + b"\r\n")
open(d + "/sizes.want", "wb").write(b"\n".join(want) + b"\n")
EOF
"$PC" batch NPS "$tmp/sizes.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "field sizes: exit $rc, want 1 (one row over the limit)"
cmp -s "$tmp/sizes.want" "$tmp/out" || fail "field sizes: output differs"
[ "$(cat "$tmp/err")" = "polcheck: row 28: field 3 is longer than the 1048576 bytes a record may hold" ] ||
	fail "field sizes: stderr: $(head -c 300 "$tmp/err")"

# One stray quote in 200,000 rows costs that row and no other.
awk 'BEGIN { print "ref,risk"; for (i = 2; i <= 200001; i++)
	if (i == 7) print "C7,\"high"; else printf "C%d,%s\n", i, i % 2 ? "high" : "low" }' >"$tmp/long.csv"
"$PC" batch NPS "$tmp/long.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "stray quote: exit $rc, want 1"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^polcheck: row 7: a quoted field is not closed on this row" "$tmp/err" ||
	fail "stray quote: stderr: $(head -c 300 "$tmp/err")"
[ "$(grep -c ',discretionary$\|,remote$' "$tmp/out")" -eq 199999 ] ||
	fail "stray quote: $(grep -c ',discretionary$\|,remote$' "$tmp/out") rows decided, want 199999"
[ "$(sed -n 8p "$tmp/out")" = "C8,low,remote" ] || fail "stray quote: the row after it"

# valgrind over the same fields: 5 KB, 300 KB and at the limit.
. tests/e2e/lib/memcheck.sh
if [ "${POL_SANITIZED:-}" = 1 ]; then
	echo "valgrind part: skipped (sanitized build)"
elif ! command -v valgrind >/dev/null 2>&1; then
	echo "missing tool: valgrind; skipped"
else
	python3 - "$tmp/vg.csv" <<'EOF'
import sys
limit = 1 << 20
with open(sys.argv[1], "wb") as f:
    f.write(b"ref,risk\n")
    f.write(b'"' + b"x" * 5000 + b'",high\n')
    f.write(b"y" * 300000 + b",low\n")
    f.write(b"z" * (limit - 4) + b",high\n")      # exactly the limit
    f.write(b'"' + b"w" * limit + b'",high\n')     # one field over it
    f.write(b'A5,"stray\nA6,low\n')
EOF
	for opt in "" --json; do
		# shellcheck disable=SC2086
		$MEMCHECK --log-file="$tmp/vg.log" "$PC" batch NPS "$tmp/vg.csv" $opt >/dev/null 2>&1
		rc=$?
		[ "$rc" -eq 1 ] || { fail "valgrind batch $opt: exit $rc"; grep -E "Invalid|definitely|indirectly" "$tmp/vg.log" | head -5; }
	done
fi

finish batch_safety
