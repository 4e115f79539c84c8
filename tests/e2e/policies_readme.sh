#!/bin/sh
# policies_readme.sh - policies/README.md maps every source statement to the
# file:line that encodes it; the map must match the policies as they are,
# and every line it names must hold a cite.
set -eu
cd "$TOP"
if command -v python3 >/dev/null 2>&1; then
	python3 policies/tools/gen_readme.py --check
else
	echo "missing tool: python3; the map is not regenerated"
fi
grep -o '[a-z_]*\.pol:[0-9]*' policies/README.md | sort -u | while IFS=: read -r file line; do
	text=$(sed -n "${line}p" "policies/$file")
	case "$text" in
	*cite\ \"* | *modes* | *\>\ *) ;;
	*) echo "FAIL: policies/$file:$line holds no cite: $text"; exit 1 ;;
	esac
done
echo "policies_readme: ok"
