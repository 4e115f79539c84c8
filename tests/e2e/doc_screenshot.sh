#!/bin/sh
# doc_screenshot.sh - the page 'polc doc' writes for the bundled policies
# (policies/*.pol together), rendered by headless Chromium: the render
# must succeed and give a screenshot that is not blank.  Skips (exit 0)
# when Chromium is not installed (apt-get install -y chromium).
# SCREENSHOT_DIR=docs/screenshots writes the pictures kept there.
set -u
cd "${TOP:-.}" || exit 1
POLC=${POLC:-build/polc}
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	echo "missing tool: chromium; skipped"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$POLC" doc policies/*.pol -o "$tmp/page.html" || fail "polc doc policies/*.pol"
# no network: the page must not ask for anything outside itself
grep -q -i -e '<script' -e '<link' -e 'src=' -e 'http:' -e 'https:' "$tmp/page.html" &&
	fail "the page refers to something outside itself"

# render PAGE PNG HEIGHT: a screenshot 1280 wide.  A minute at most: a
# browser that hangs must not hang the suite.
render() {
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$tmp/profile" --screenshot="$2" \
		--window-size=1280,"$3" "file://$1" >"$tmp/log" 2>&1
}
shot="$tmp/page.png"
render "$tmp/page.html" "$shot" 2400
[ -f "$shot" ] || { tail -5 "$tmp/log"; fail "no screenshot"; }
size=$(wc -c <"$shot")
# a blank 1280x2400 page compresses to a few kilobytes; the page is 100+
[ "$size" -gt 50000 ] || fail "screenshot is only $size bytes: blank page?"
[ "$(od -An -tx1 -N8 "$shot" | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "screenshot is not a PNG"
# The pictures in docs/screenshots/: the top of the page, and the page
# from its contact and its activities sections (those before hidden).
if [ -n "${SCREENSHOT_DIR:-}" ]; then
	render "$tmp/page.html" "$SCREENSHOT_DIR/doc_offices.png" 1500
	for s in contact:header,nav,#offices activities:header,nav,#offices,#contact; do
		sed "s|</style>|${s#*:}{display:none}</style>|" "$tmp/page.html" >"$tmp/${s%%:*}.html"
		render "$tmp/${s%%:*}.html" "$SCREENSHOT_DIR/doc_${s%%:*}.png" 1500
	done
	# 256 colours are plenty for the page, at a third of the bytes
	if command -v pngquant >/dev/null 2>&1; then
		for f in "$SCREENSHOT_DIR"/doc_*.png; do
			pngquant --force --skip-if-larger --output "$f" -- "$f" || true
		done
	fi
	ls -l "$SCREENSHOT_DIR"/doc_*.png
fi
echo "doc_screenshot: rendered, $size bytes"
