#!/bin/sh
# editor_keywords.sh - the editor grammars (editors/vim, editors/vscode)
# and the keyword list of docs/language.md hold exactly the reserved words
# of compiler/keywords.def, each once.  Where the tools are installed, the
# JSON files parse and Vim loads the syntax file without an error.
set -u
cd "${TOP:-.}" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# One word a line, sorted; duplicates kept so that they show.
words() { tr -s ' \t' '\n\n' | sed '/^$/d' | LC_ALL=C sort; }

sed -n 's/^KW([A-Z_]*, "\([a-z]*\)")$/\1/p' compiler/keywords.def | words >"$tmp/def"
[ "$(wc -l <"$tmp/def")" -gt 40 ] || fail "could not read compiler/keywords.def"

# Vim: the words of every 'syn keyword polKw...' line.
sed -n 's/^syn keyword polKw[A-Za-z]* //p' editors/vim/syntax/pol.vim | words >"$tmp/vim"

# VS Code: the alternatives of every \b(...)\b match of a keyword.* pattern.
grep -A1 '"name": "keyword\.' editors/vscode/syntaxes/pol.tmLanguage.json |
	sed -n 's/.*"match": "\\\\b(\([a-z|]*\))\\\\b".*/\1/p' | tr '|' ' ' | words >"$tmp/vscode"

# docs/language.md: the backquoted list after "**Keywords**".
sed -n '/\*\*Keywords\*\*/,/`\./p' docs/language.md | tr '\n' ' ' |
	sed 's/.*cannot be names: `//; s/`.*//' | words >"$tmp/docs"

for g in vim vscode docs; do
	if ! cmp -s "$tmp/def" "$tmp/$g"; then
		fail "$g keywords differ from compiler/keywords.def (< def, > $g)"
		diff "$tmp/def" "$tmp/$g" | grep '^[<>]'
	fi
done

# The files are well formed, where a tool to tell is at hand.
for j in editors/vscode/package.json editors/vscode/language-configuration.json \
	 editors/vscode/syntaxes/pol.tmLanguage.json; do
	if command -v jq >/dev/null 2>&1; then
		jq empty "$j" 2>"$tmp/err" || { fail "$j is not JSON"; cat "$tmp/err"; }
	elif command -v python3 >/dev/null 2>&1; then
		python3 -m json.tool "$j" >/dev/null 2>"$tmp/err" || { fail "$j is not JSON"; cat "$tmp/err"; }
	else
		echo "missing tool: jq or python3; $j not parsed"
	fi
done
if command -v vim >/dev/null 2>&1; then
	# load the syntax on a bundled policy; :syntax list shows every group
	vim -N -u NONE -i NONE -Es -c 'set rtp^=editors/vim' -c 'filetype plugin on' \
		-c 'syntax on' -c 'edit policies/derbyshire.pol' \
		-c "redir! > $tmp/vim.out" -c 'echo &filetype' -c 'syntax list polKwBlock' \
		-c 'redir END' -c 'qa!' </dev/null >"$tmp/vim.err" 2>&1
	grep -q '^pol$' "$tmp/vim.out" || fail "vim does not detect *.pol as pol"
	grep -q 'polKwBlock' "$tmp/vim.out" || { fail "vim did not load the pol syntax"; cat "$tmp/vim.out" "$tmp/vim.err"; }
	grep -q 'E[0-9][0-9]*:' "$tmp/vim.out" "$tmp/vim.err" && { fail "vim reports an error"; cat "$tmp/vim.out" "$tmp/vim.err"; }
else
	echo "missing tool: vim; the syntax file is not loaded"
fi

[ "$failures" -eq 0 ] && echo "editor_keywords: $(wc -l <"$tmp/def") keywords in step"
[ "$failures" -eq 0 ]
