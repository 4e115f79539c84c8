#!/bin/sh
# frontend_robustness.sh - polc check on inputs that are odd rather than
# wrong: each must give a clean error or a clean pass, never a crash.
# Deep nesting, empty and comment-only files, files cut off mid-statement
# and mid-text, NUL bytes, bad UTF-8, a byte-order mark, CR LF line ends,
# files past 64 KiB, long lines and names, many errors, many files, stdin.
# The large inputs are generated here, not kept in the tree.
set -u
cd "${TOP:-.}" || exit 1
POLC=${POLC:-build/polc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run FILE... : polc check, stderr in $tmp/err, status in $rc.  A status
# of 128 or more is a signal (a crash); a sanitizer report is one too.
run() {
	"$POLC" check "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ge 128 ] || grep -q -e 'AddressSanitizer' -e 'runtime error:' \
		-e 'LeakSanitizer' "$tmp/err"; then
		fail "polc crashed (status $rc) on $*"
		head -20 "$tmp/err" | cut -c1-300
	fi
	[ -s "$tmp/out" ] && fail "polc check wrote to standard output for $*"
}
expect_rc() {	# WHAT STATUS
	[ "$rc" -eq "$2" ] || { fail "$1: exit status $rc, expected $2"; head -20 "$tmp/err" | cut -c1-300; }
}
expect_text() {	# WHAT TEXT
	grep -F -q -e "$2" "$tmp/err" || { fail "$1: no '$2' in"; head -20 "$tmp/err" | cut -c1-300; }
}
expect_quiet() {	# WHAT
	[ -s "$tmp/err" ] && { fail "$1: expected no diagnostics, got"; head -20 "$tmp/err" | cut -c1-300; }
}
count_errors() {	# number of "error:" lines
	grep -c ': error: ' "$tmp/err"
}
repeat() {	# STRING COUNT
	awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# A small valid policy, the base of several cases.
cat >"$tmp/good.pol" <<'EOF'
# A policy that uses every construct once.
provider NPS "National Probation Service"
nation England
region East_Midlands "East Midlands" in England
office Derby "Derby probation office" in East_Midlands
flag tact "TACT service user"
level risk low < medium < high "Risk of harm"
range mappa 0..3 "MAPPA level"
modes face_to_face "Seen face to face" > remote "Phone"
condition local_decision "subject to a local decision"
activity upw "Unpaid work"
step step1 "Step 1" not before 2021-03-08 and 2021-03-29
  cite "STEP 1 - not before 8 March / 29 March"
schedule NPS at Derby
  open Mon, Wed..Fri 09:00-17:00
  cite "The Derby office is open on Mondays, Wednesdays,
        Thursdays and Fridays."
end
service "telephone lines" for NPS
  open Mon..Fri 09:00-17:00
  cite "Our telephone lines remain open Monday - Friday 9am - 5pm."
end
contact for NPS
  face_to_face when tact or (risk == high and mappa >= 2)
    cite "TACT and high risk cases"
  otherwise remote
    cite "Staff maintain contact remotely."
end
timeline upw in England
  initially
    not permitted
    status "paused nationally"
    cite "paused"
  not before step1
    permitted
    status "resumed in groups of 6"
    limit max_group 6
    subject to local_decision
    cite "Resume outdoor UPW in groups of 6."
end
expect NPS at Derby on Mon is open
expect contact NPS with tact is face_to_face
assert upw in England on every date from step1 is permitted
EOF
run "$tmp/good.pol"
expect_rc "the base policy" 0
expect_quiet "the base policy"

# ---- nesting ---------------------------------------------------------
cond() {	# a contact block whose one rule has condition "$1"
	printf 'provider P\nflag f\nmodes m > n\ncontact for P\n  m when %s\n    cite "x"\nend\n' "$1"
}
cond "$(repeat '(' 10000)f$(repeat ')' 10000)" >"$tmp/parens.pol"
run "$tmp/parens.pol"
expect_rc "10000 nested parentheses" 1
expect_text "10000 nested parentheses" "parens.pol:5:74: error: conditions nested too deeply (limit 64)"
[ "$(count_errors)" -eq 1 ] || fail "10000 nested parentheses: $(count_errors) errors, expected 1"

cond "$(repeat '(' 64)f$(repeat ')' 64)" >"$tmp/parens64.pol"
run "$tmp/parens64.pol"
expect_rc "64 nested parentheses (the limit)" 0

cond "$(repeat '(' 10000)f" >"$tmp/open_parens.pol"
run "$tmp/open_parens.pol"
expect_rc "10000 unclosed parentheses" 1
expect_text "10000 unclosed parentheses" "conditions nested too deeply"

cond "$(repeat 'not ' 10000)f" >"$tmp/nots.pol"
run "$tmp/nots.pol"
expect_rc "10000 nested 'not'" 1
expect_text "10000 nested 'not'" "policy nested too deeply"

cond "f$(repeat ' and f' 10000)" >"$tmp/ands.pol"
run "$tmp/ands.pol"
expect_rc "an 'and' chain of 10001 flags" 0

cond "f$(repeat ' or (f' 60)$(repeat ')' 60)" >"$tmp/ors.pol"
run "$tmp/ors.pol"
expect_rc "'or' nested 60 deep" 0

# ---- empty, comments, truncation ---------------------------------------
: >"$tmp/empty.pol"
run "$tmp/empty.pol"
expect_rc "an empty file" 0
expect_quiet "an empty file"

printf '# only a comment\n\n   # and another, with "text" and 2021-13-45\n#' >"$tmp/comments.pol"
run "$tmp/comments.pol"
expect_rc "a file of comments" 0
expect_quiet "a file of comments"

printf 'provider NPS\nschedule NPS at Derby\n  open Mo' >"$tmp/cut_statement.pol"
run "$tmp/cut_statement.pol"
expect_rc "a file cut mid-statement" 1
expect_text "a file cut mid-statement" "cut_statement.pol:3:10: error: unexpected end of file; expected"
expect_text "a file cut mid-statement" "cut_statement.pol:2:1: note: to close 'schedule' opened here"

printf 'provider NPS "National Prob' >"$tmp/cut_text.pol"
run "$tmp/cut_text.pol"
expect_rc "a file cut mid-text" 1
expect_text "a file cut mid-text" "cut_text.pol:1:14: error: text has no closing quote"
[ "$(count_errors)" -eq 1 ] || fail "a file cut mid-text: $(count_errors) errors, expected 1"

# The base policy cut at every 7th byte: an error or a pass, no crash.
size=$(wc -c <"$tmp/good.pol")
n=1
cuts=0
while [ "$n" -lt "$size" ]; do
	head -c "$n" "$tmp/good.pol" >"$tmp/cut.pol"
	run "$tmp/cut.pol"
	[ "$rc" -le 1 ] || fail "good.pol cut after $n bytes: status $rc"
	n=$((n + 7))
	cuts=$((cuts + 1))
done
[ "$cuts" -gt 100 ] || fail "only $cuts cuts tried"

# ---- bytes -------------------------------------------------------------
printf 'provider NPS\000\nnation England\n' >"$tmp/nul.pol"
run "$tmp/nul.pol"
expect_rc "a NUL byte" 1
expect_text "a NUL byte" "nul.pol:1:13: error: unexpected NUL byte"
expect_text "a NUL byte" "    1 | provider NPS?"

printf 'provider NPS "a\000b"\n' >"$tmp/nul_text.pol"
run "$tmp/nul_text.pol"
expect_rc "a NUL byte in text" 1
expect_text "a NUL byte in text" "nul_text.pol:1:16: error: NUL byte in text"

printf 'provider Caf\351 "Caf\351"\nnation \377\376\n' >"$tmp/latin1.pol"
run "$tmp/latin1.pol"
expect_rc "invalid UTF-8" 1
expect_text "invalid UTF-8" "latin1.pol:1:13: error: invalid UTF-8 byte 0xE9; save the file as UTF-8"
expect_text "invalid UTF-8" "latin1.pol:1:19: error: invalid UTF-8 byte 0xE9 in text"
expect_text "invalid UTF-8" "latin1.pol:2:8: error: invalid UTF-8 byte 0xFF"
expect_text "invalid UTF-8" "    1 | provider Caf? \"Caf?\""

# every byte value once, in and out of text: errors, no crash
awk 'BEGIN { for (i = 1; i < 256; i++) printf "%c", i; printf "\"";
	     for (i = 1; i < 256; i++) if (i != 34 && i != 92) printf "%c", i; printf "\"\n" }' \
	>"$tmp/bytes.pol"
run "$tmp/bytes.pol"
expect_rc "every byte value" 1

{ printf '\357\273\277'; cat "$tmp/good.pol"; } >"$tmp/bom.pol"
run "$tmp/bom.pol"
expect_rc "a byte-order mark" 0
expect_quiet "a byte-order mark"

printf '\357\273\277provider @ X\n' >"$tmp/bom_error.pol"
run "$tmp/bom_error.pol"
expect_rc "an error after a byte-order mark" 1
expect_text "an error after a byte-order mark" "bom_error.pol:1:10: error: unexpected character '@'"

printf 'provider A\n\357\273\277nation B\n' >"$tmp/bom_middle.pol"
run "$tmp/bom_middle.pol"
expect_rc "a byte-order mark mid-file" 1
expect_text "a byte-order mark mid-file" "bom_middle.pol:2:1: error: byte-order mark in the middle of the file"

sed 's/$/\r/' "$tmp/good.pol" >"$tmp/crlf.pol"
run "$tmp/crlf.pol"
expect_rc "CR LF line ends" 0
expect_quiet "CR LF line ends"
grep -q "$(printf '\r')" "$tmp/crlf.pol" || fail "crlf.pol has no CR"

printf 'provider NPS\r\nnation England\r\noffice Derby in Englnd\r\n' >"$tmp/crlf_error.pol"
run "$tmp/crlf_error.pol"
expect_rc "an error in a CR LF file" 1
expect_text "an error in a CR LF file" "crlf_error.pol:3:17: error: unknown nation or region 'Englnd'; did you mean 'England'?"
grep -q "$(printf '\r')" "$tmp/err" && fail "a CR LF file: a CR was printed"

# ---- size --------------------------------------------------------------
# Past 64 KiB (polc once stopped reading there): a duplicate at the end.
awk 'BEGIN { for (i = 0; i < 8000; i++) printf "provider P%d \"Provider number %d\"\n", i, i;
	     print "provider P5" }' >"$tmp/big.pol"
[ "$(wc -c <"$tmp/big.pol")" -gt 200000 ] || fail "big.pol is too small"
run "$tmp/big.pol"
expect_rc "a 200 KB file" 1
expect_text "a 200 KB file" "big.pol:8001:10: error: 'P5' is already declared, as a provider"
expect_text "a 200 KB file" "big.pol:6:10: note: first declared here"

awk 'BEGIN { printf "provider P \""; for (i = 0; i < 100000; i++) printf "long text "; print "\"" }' \
	>"$tmp/long_line.pol"
run "$tmp/long_line.pol"
expect_rc "a 1 MB line" 0

printf 'flag %s\n' "$(repeat n 10000)" >"$tmp/long_name.pol"
run "$tmp/long_name.pol"
expect_rc "a 10000-character name" 1
expect_text "a 10000-character name" "long_name.pol:1:6: error: name is 10000 characters long; the limit is 128"

printf 'range r 0..%s\n' "$(repeat 9 5000)" >"$tmp/long_number.pol"
run "$tmp/long_number.pol"
expect_rc "a 5000-digit number" 1
expect_text "a 5000-digit number" "error: number '9999999999999999999999999999999999999999' is too large"

# ---- many --------------------------------------------------------------
awk 'BEGIN { for (i = 0; i < 300; i++) printf "office O%d in Nowhere%d\n", i, i }' >"$tmp/errors.pol"
run "$tmp/errors.pol"
expect_rc "300 errors" 1
expect_text "300 errors" "polc: too many errors, stopped after 100"
[ "$(count_errors)" -eq 100 ] || fail "300 errors: $(count_errors) printed, expected 100"

i=0
set --
while [ "$i" -lt 200 ]; do
	printf 'provider P%d\n' "$i" >"$tmp/many$i.pol"
	set -- "$@" "$tmp/many$i.pol"
	i=$((i + 1))
done
printf 'provider P7\n' >"$tmp/many_dup.pol"
run "$@" "$tmp/many_dup.pol"
expect_rc "201 files" 1
expect_text "201 files" "many_dup.pol:1:10: error: 'P7' is already declared, as a provider"
expect_text "201 files" "many7.pol:1:10: note: first declared here"

# ---- how files are given -------------------------------------------------
"$POLC" check - <"$tmp/good.pol" >/dev/null 2>"$tmp/err"
rc=$?
expect_rc "standard input" 0
printf 'nation\n' | "$POLC" check - >/dev/null 2>"$tmp/err"
rc=$?
expect_rc "an error on standard input" 1
expect_text "an error on standard input" "-:2:1: error: unexpected end of file; expected name"

run "$tmp/does_not_exist.pol"
expect_rc "a missing file" 2
expect_text "a missing file" "polc: cannot read '$tmp/does_not_exist.pol': No such file or directory"

run "$tmp"
expect_rc "a directory" 2
expect_text "a directory" "polc: cannot read '$tmp': Is a directory"

if [ "$failures" -ne 0 ]; then
	echo "frontend_robustness: $failures failures"
	exit 1
fi
echo "frontend_robustness: all passed"
