#!/bin/sh
# doc.sh - polc doc: the Markdown page of tests/doc/english.pol against
# its golden copy (the English of every shape of condition, escaping of
# markup in every kind of text); the HTML page self-contained and escaped;
# the bundled policies' pages; the same bytes twice; errors and usage.
# UPDATE_GOLDEN=1 rewrites tests/doc/*.expected.
set -u
cd "${TOP:-.}" || exit 1
POLC=${POLC:-build/polc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
has() {	# FILE TEXT: the file holds the text
	grep -F -q -e "$2" "$1" || fail "$(basename "$1") lacks: $2"
}
lacks() {	# FILE TEXT
	grep -F -q -i -e "$2" "$1" && fail "$(basename "$1") holds: $2"
}

# Golden Markdown.
for f in tests/doc/*.pol; do
	exp="${f%.pol}.md.expected"
	"$POLC" doc "$f" -o "$tmp/page.md" 2>/dev/null || fail "polc doc $f -o page.md"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$tmp/page.md" "$exp"
	elif ! cmp -s "$tmp/page.md" "$exp"; then
		fail "Markdown of $f differs from $exp"
		diff -u "$exp" "$tmp/page.md" | head -30
	fi
done

# HTML: one file, nothing fetched, nothing run, every text escaped.
"$POLC" doc tests/doc/english.pol -o "$tmp/english.html" 2>/dev/null || fail "polc doc english.pol"
h="$tmp/english.html"
for bad in '<script' '<link' 'src=' 'http:' 'https:' '@import' 'url('; do lacks "$h" "$bad"; done
has "$h" '<!DOCTYPE html>'
has "$h" '</html>'
has "$h" '<svg class="timeline"'
has "$h" '&lt;b&gt;Community&lt;/b&gt; &amp; &quot;Rehabilitation&quot; | Company'
has "$h" 'open on Mondays and &lt;Wednesday&gt; to Friday'
has "$h" 'resumed &lt;in part&gt;'
lacks "$h" '<b>Community'
lacks "$h" '<Wednesday>'
has "$h" '<strong>Seen face to face</strong> when the service user is a TACT service user, or MAPPA level is 3.'
has "$h" 'No rule covers the other cases'
# the calendar: drawn and listed, every change with its before and after
has "$h" '<section id="calendar"><h2>Calendar</h2>'
has "$h" '<svg class="calendar"'
has "$h" '<td>22 March 2021</td><td>Home visits in East Midlands</td><td>permitted, max group 6: resumed &lt;in part&gt;</td><td>not permitted: paused again in the Midlands</td>'
n=$(grep -c '<circle cx="[0-9.]*" cy="[0-9.]*" r="5"' "$h"); [ "$n" -eq 4 ] || fail "calendar: $n marks, want 4"
# a dated plan's offices are in it too
"$POLC" doc tests/differential/dated.pol tests/differential/dated_more.pol -o "$tmp/dated.md" 2>/dev/null ||
	fail "polc doc dated.pol"
has "$tmp/dated.md" '- **12 April 2021**, National Probation Service at Buxton: closed → open Mon–Fri, 09:00–12:30 and 13:30–17:00, except Thu, 09:00–19:00, except Wed (closed)'
has "$tmp/dated.md" '- **3 May 2021**, National Probation Service at Buxton: as the week → closed'
has "$tmp/dated.md" '- **1 October 2021**, National Probation Service at Buxton: open Mon–Fri'
has "$tmp/dated.md" '→ not covered'
[ "$(grep -c '<svg' "$h")" -eq "$(grep -c '</svg>' "$h")" ] || fail "unbalanced <svg>"
[ "$(grep -c '<table' "$h")" -eq "$(grep -c '</table>' "$h")" ] || fail "unbalanced <table>"

# The bundled policies, both kinds of page, the same bytes twice.
"$POLC" doc policies/*.pol -o "$tmp/p.html" || fail "polc doc policies/*.pol -o p.html"
"$POLC" doc policies/*.pol -o "$tmp/again.html" || fail "polc doc again"
cmp -s "$tmp/p.html" "$tmp/again.html" || fail "two pages of the same policy differ"
"$POLC" doc policies/*.pol -o "$tmp/p.md" || fail "polc doc policies/*.pol -o p.md"
for f in "$tmp/p.html" "$tmp/p.md"; do
	has "$f" "when the service user is a TACT (terrorism) service user."
	has "$f" "National Probation Service"
	has "$f" " 0 fail"
	has "$f" "policies/recovery.pol"
done
has "$tmp/p.html" '<td class="open">Open</td>'
has "$tmp/p.html" 'Unpaid work: outdoor placements'
"$POLC" doc policies/*.pol -o - >"$tmp/stdout.html" || fail "polc doc -o -"
cmp -s "$tmp/stdout.html" "$tmp/p.html" || fail "doc -o - differs from the file"

# A policy with errors: exit 1, the output left alone.
printf 'provider P\nschedule P at Nowhere\n  closed\n  cite "x"\nend\n' >"$tmp/bad.pol"
echo "keep me" >"$tmp/out.html"
"$POLC" doc "$tmp/bad.pol" -o "$tmp/out.html" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "doc of a policy with errors: exit $rc, expected 1"
has "$tmp/err" "error:"
[ "$(cat "$tmp/out.html")" = "keep me" ] || fail "doc touched the output of a failed run"
ls "$tmp" | grep -q '\.tmp\.' && fail "doc left a temporary file"

# Usage.
"$POLC" doc policies/*.pol >/dev/null 2>&1; [ $? -eq 2 ] || fail "doc without -o: not exit 2"
"$POLC" doc policies/*.pol -o "$tmp/page.pdf" >/dev/null 2>&1; [ $? -eq 2 ] || fail "doc -o page.pdf: not exit 2"
"$POLC" doc -o "$tmp/x.html" >/dev/null 2>&1; [ $? -eq 2 ] || fail "doc without files: not exit 2"
"$POLC" doc "$tmp/missing.pol" -o "$tmp/x.html" >/dev/null 2>&1; [ $? -eq 2 ] || fail "doc of a missing file: not exit 2"

[ "$failures" -eq 0 ] && echo "doc: all checks passed"
[ "$failures" -eq 0 ]
