#!/bin/sh
# statements.sh - every statement of the two source documents, asked of
# polcheck as an officer would: the answer and the quotation behind it.
#
# The questions come from the bundled policies' own `expect` lines, each
# of which cites the statement it tests: office, contact (`is MODE`) and
# activity questions are turned into polcheck commands, run with
# --explain, and the first line must be the expected answer and every
# cite of the expect must be among the reasons printed.  Then every
# statement the policies cite outside their tests must have been shown
# by some answer.
set -eu
cd "$TOP"
[ -x "$POLCHECK" ] || { echo "FAIL: no $POLCHECK"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# step dates, for "on step2"
"$POLCHECK" list steps | awk -F'\t' '{ split($2, d, ", "); print $1, d[1] }' >"$tmp/steps"

# One line per question: kind|arguments|expected|cite|cite...
awk -v steps="$tmp/steps" '
function text(line,   s) {	# the string after cite, unescaped
	s = substr(line, index(line, "cite \"") + 6)
	sub(/"[ \t]*$/, "", s)
	gsub(/\\"/, "\"", s)
	gsub(/\\\\/, "\\", s)
	return s
}
function when(x) { return (x in step) ? step[x] : x }
function flush() {
	if (q != "")
		print q cites
	q = ""; cites = ""
}
BEGIN { while ((getline l < steps) > 0) { split(l, f, " "); step[f[1]] = f[2] } }
/^[^ \t#]/ { flush() }
/^expect / {
	n = split($0, w, " ")
	if (w[2] == "contact") {
		# expect contact P [with a, b = v] is M
		if (w[n - 1] != "is")
			next	# is not / at least / at most: polc test checks those
		args = w[3]
		if (w[4] == "with") {
			spec = $0
			sub(/^expect contact [^ ]+ with /, "", spec)
			sub(/ is [^ ]+$/, "", spec)
			gsub(/ = /, "=", spec)
			gsub(/, /, " ", spec)
			args = args " " spec
		}
		q = "contact|" args "|" w[n]
	} else if (w[3] == "at") {
		q = "office|" w[2] " " w[4] " " when(w[6]) "|" w[8]
	} else if (w[3] == "in") {
		q = "activity|" w[2] " " w[4] " " when(w[6]) "|" (w[8] != "not" ? "permitted" : w[9] == "covered" ? "not covered" : "not permitted")
	}
	next
}
/^[ \t]+cite "/ { if (q != "") cites = cites "|" text($0) }
END { flush() }
' policies/*.pol >"$tmp/questions"

asked=0
: >"$tmp/shown"
while IFS='|' read -r kind args expected rest; do
	# shellcheck disable=SC2086
	"$POLCHECK" --explain "$kind" $args >"$tmp/answer" 2>"$tmp/err" ||
		fail "polcheck $kind $args: $(cat "$tmp/err")"
	got=$(head -n 1 "$tmp/answer")
	[ "$got" = "$expected" ] || fail "polcheck $kind $args: '$got', want '$expected'"
	cat "$tmp/answer" >>"$tmp/shown"
	while [ -n "$rest" ]; do
		cite=${rest%%|*}
		case "$rest" in *"|"*) rest=${rest#*|} ;; *) rest="" ;; esac
		# the statement, or the part of it the test names, within a quote
		grep '^  .*"' "$tmp/answer" | grep -qF "$cite" ||
			fail "polcheck --explain $kind $args does not quote: $cite"
	done
	asked=$((asked + 1))
done <"$tmp/questions"
[ "$asked" -ge 100 ] || fail "only $asked questions derived from the policies"

# Every statement a rule cites (in a schedule, service, contact block or
# timeline, before the tests) was shown by some answer.  Declarations'
# cites (an activity's heading, a step's dates) support rules and are not
# answers of their own.
missing=0
for f in policies/*.pol; do
	awk '/^# ---- tests/ { exit }
	     /^[a-z]/ { rule = $1 ~ /^(schedule|service|contact|timeline)$/ }
	     rule && /cite "/ {
		s = substr($0, index($0, "cite \"") + 6); sub(/"[ \t]*$/, "", s)
		gsub(/\\"/, "\"", s); gsub(/\\\\/, "\\", s); print s }' "$f"
done | sort -u >"$tmp/statements"
while IFS= read -r s; do
	grep -qF "\"$s\"" "$tmp/shown" && continue
	echo "never shown: $s"
	missing=$((missing + 1))
done <"$tmp/statements"
[ "$missing" -eq 0 ] || fail "$missing cited statements never shown by polcheck"
echo "statements: $asked questions, every answer right and quoted; $(wc -l <"$tmp/statements") statements shown"
