#!/bin/sh
# install.sh - make install into a temporary DESTDIR, then use what was
# installed as someone outside this tree would: build a program against
# the runtime with pkg-config, and a checker of their own with polc build.
set -eu
cd "$TOP"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cc=${POL_CC:-cc}
san=${POL_SAN:-}
make -s install BUILD="$BUILD" DESTDIR="$tmp/root" PREFIX=/usr/local >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; fail "make install"; }
p="$tmp/root/usr/local"
for f in bin/polc lib/libpolrt.a lib/libpolcheck.a include/pol/runtime.h \
	 lib/pkgconfig/pol.pc share/man/man1/polc.1 share/man/man1/polcheck.1 \
	 share/man/man5/pol.5; do
	[ -f "$p/$f" ] || fail "not installed: $f"
done
grep -q '^prefix=/usr/local$' "$p/lib/pkgconfig/pol.pc" || fail "pkg-config prefix"
if command -v man >/dev/null 2>&1; then
	for m in man1/polc.1 man1/polcheck.1 man5/pol.5; do
		man -l "$p/share/man/$m" 2>"$tmp/manerr" | grep -q "SYNOPSIS\|DESCRIPTION" ||
			fail "man page $m does not render: $(cat "$tmp/manerr")"
	done
fi

# An outside program: the installed polc writes the tables, pkg-config
# gives the flags.
mkdir "$tmp/outside"
"$p/bin/polc" compile policies/*.pol -o "$tmp/outside/policy.c" --symbol my_policy
cat >"$tmp/outside/main.c" <<'C'
#include <stdio.h>
#include <string.h>
#include "pol/runtime.h"
#include "policy.h"
int main(void)
{
	struct pol_office_answer a;
	if (pol_check_abi(&my_policy) != 0 ||
	    pol_office_on_day(&my_policy, my_policy_PROVIDER_NPS, my_policy_OFFICE_Derby,
			      POL_MON, POL_NO_DATE, &a) != 0)
		return 2;
	puts(a.open ? "open" : "closed");
	return 0;
}
C
if command -v pkg-config >/dev/null 2>&1; then
	flags=$(PKG_CONFIG_SYSROOT_DIR="$tmp/root" PKG_CONFIG_PATH="$p/lib/pkgconfig" \
		pkg-config --cflags --libs pol)
	case "$flags" in *"-I$p/include"*"-L$p/lib"*"-lpolrt"*) ;;
		*) fail "pkg-config --cflags --libs pol: $flags" ;; esac
else
	echo "missing tool: pkg-config; using the flags it would give"
	flags="-I$p/include -L$p/lib -lpolrt"
fi
# shellcheck disable=SC2086
$cc $san -std=c11 -Wall -Wextra -Werror "$tmp/outside/main.c" "$tmp/outside/policy.c" \
	-I"$tmp/outside" $flags -o "$tmp/outside/prog" || fail "outside program does not build"
[ "$("$tmp/outside/prog")" = open ] || fail "outside program's answer"

# polc build, from the installed polc, outside this tree.
(cd "$tmp" && CC="$cc" CFLAGS="$san" LDFLAGS="$san" \
	"$p/bin/polc" build "$TOP"/policies/*.pol -o "$tmp/mycheck") || fail "polc build"
[ "$("$tmp/mycheck" office NPS Derby Mon | head -n 1)" = open ] || fail "built checker"
[ "$("$tmp/mycheck" contact CRC no_phone | head -n 1)" = face_to_face ] || fail "built checker contact"
ls /tmp/polc-build-* >/dev/null 2>&1 && echo "note: other polc-build directories exist"
echo "install: ok"
