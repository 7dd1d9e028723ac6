#!/bin/bash
# test-apply.sh -- scripts/netlife-patch-boinc against real BOINC trees:
# check, apply, apply again ("already applied"), reverse (the tree is then
# byte for byte what it was), and refusals that leave the tree unchanged
# (an edited tree, a partly patched one, an unknown version).  The same
# for --fix, the graceful close on top of the series: with the series,
# alone on a patched tree, out again alone or with the series.
#
# Needs BOINC_SRC: a BOINC source tree, or several separated by ':'
# (e.g. checkouts of client_release/7.20/7.20.5, client_release/8.2/8.2.15
# and master).  Only configure.ac, client/ and lib/ are copied to a
# temporary directory; the trees themselves are never changed.
# Exits 77 (skipped) without BOINC_SRC.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
script=$here/../../scripts/netlife-patch-boinc
failures=0

[ -n "${BOINC_SRC:-}" ] || { echo "SKIP: BOINC_SRC not set (a BOINC source tree)"; exit 77; }
command -v git > /dev/null || { echo "SKIP: no git"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/netlife-patch-test.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# A checksum of every file of the copy, to prove "unchanged".
tree_sum() {
	(cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum)
}

# run EXPECTED_STATUS EXPECTED_TEXT ARGS...: the script's status and a
# word of its output.
run() {
	local want_rc=$1 want_text=$2 out rc
	shift 2
	out=$("$script" "$@" 2>&1)
	rc=$?
	[ "$rc" = "$want_rc" ] || fail "netlife-patch-boinc $*: status $rc, not $want_rc: $out"
	grep -q -- "$want_text" <<< "$out" ||
		fail "netlife-patch-boinc $*: no \"$want_text\" in: $out"
}

# The sources the patches touch, without build products.
copy_tree() {
	mkdir -p "$2"
	(cd "$1" && tar -cf - --exclude='*.o' --exclude='*.a' --exclude='*.so*' \
		--exclude='.deps' --exclude='.libs' configure.ac client lib) |
		tar -xf - -C "$2"
}

test_tree() {
	local src=$1 copy=$work/tree pristine patched
	rm -rf "$copy"
	copy_tree "$src" "$copy" || { fail "cannot copy $src"; return; }
	# A tree already patched by the series (a BOINC developer's) is taken
	# back to pristine first, so that every step below can be checked.
	"$script" --reverse "$copy" > /dev/null 2>&1
	pristine=$(tree_sum "$copy")
	echo "== $src: $(sed -n 's/^AC_INIT(\(.*\))/\1/p' "$copy/configure.ac")"

	run 0 "can be applied" --check "$copy"
	[ "$(tree_sum "$copy")" = "$pristine" ] || fail "--check changed the tree"
	run 0 "applied 3 patches" "$copy"
	grep -q 'bool conn_debug;' "$copy/lib/cc_config.h" || fail "no conn_debug in cc_config.h"
	[ -f "$copy/client/conn_log.cpp" ] || fail "no client/conn_log.cpp"
	patched=$(tree_sum "$copy")
	run 0 "already applied" "$copy"
	run 0 "already applied" --check "$copy"
	[ "$(tree_sum "$copy")" = "$patched" ] || fail "applying twice changed the tree"
	run 0 "can be reversed" --reverse --check "$copy"
	run 0 "reversed 3 patches" --reverse "$copy"
	[ "$(tree_sum "$copy")" = "$pristine" ] || fail "--reverse did not restore the tree"
	run 0 "nothing to reverse" --reverse "$copy"

	# Edited where the last patch goes: the first two would still apply,
	# but nothing may be changed.
	sed -i 's|// last but not least, add this to the curl_multi|// edited|' \
		"$copy/client/http_curl.cpp"
	local edited
	edited=$(tree_sum "$copy")
	run 1 "refused" "$copy"
	run 1 "refused" --check "$copy"
	[ "$(tree_sum "$copy")" = "$edited" ] || fail "an edited tree was changed"
	run 1 "refused" --reverse "$copy"
	[ "$(tree_sum "$copy")" = "$edited" ] || fail "--reverse changed an edited tree"
	rm -rf "$copy"

	# Partly patched: the log-flag patch alone.
	copy_tree "$src" "$copy"
	"$script" --reverse "$copy" > /dev/null 2>&1
	local first
	first=$(sed -n '/^[^#]/{p;q}' "$(series_dir "$copy")/series")
	(cd "$copy" && git apply "$(series_dir "$copy")/$first") || fail "cannot apply $first alone"
	edited=$(tree_sum "$copy")
	run 1 "refused" "$copy"
	run 1 "refused" --reverse "$copy"
	[ "$(tree_sum "$copy")" = "$edited" ] || fail "a partly patched tree was changed"

	# An unknown version.
	sed -i 's/^AC_INIT(BOINC, .*)/AC_INIT(BOINC, 6.10.58)/' "$copy/configure.ac"
	edited=$(tree_sum "$copy")
	run 1 "not supported" "$copy"
	[ "$(tree_sum "$copy")" = "$edited" ] || fail "a tree of an unknown version was changed"
}

# --fix: the graceful-close patch (patches/fix) on top of the series.
test_fix() {
	local src=$1 copy=$work/tree pristine series_only with_fix edited
	rm -rf "$copy"
	copy_tree "$src" "$copy" || { fail "cannot copy $src"; return; }
	"$script" --reverse "$copy" > /dev/null 2>&1
	pristine=$(tree_sum "$copy")
	echo "== $src: --fix"

	run 0 "can be applied" --check --fix "$copy"
	[ "$(tree_sum "$copy")" = "$pristine" ] || fail "--check --fix changed the tree"
	run 0 "applied 4 patches" --fix "$copy"
	[ -f "$copy/client/conn_drain.cpp" ] || fail "no client/conn_drain.cpp"
	grep -q 'return conn_drain_close(fd);' "$copy/client/conn_log.cpp" ||
		fail "conn_log.cpp does not close through conn_drain_close()"
	grep -q 'conn_drain_poll();' "$copy/client/http_curl.cpp" ||
		fail "http_curl.cpp does not drain from got_select()"
	with_fix=$(tree_sum "$copy")
	run 0 "already applied, with the fix" --fix "$copy"
	run 0 "already applied, with the fix" "$copy"
	[ "$(tree_sum "$copy")" = "$with_fix" ] || fail "applying twice changed the tree"

	run 0 "can be reversed" --check --reverse --fix "$copy"
	run 0 "reversed the fix" --reverse --fix "$copy"
	[ -f "$copy/client/conn_drain.cpp" ] && fail "--reverse --fix left conn_drain.cpp"
	[ -f "$copy/client/conn_log.cpp" ] || fail "--reverse --fix took the series out"
	series_only=$(tree_sum "$copy")
	run 0 "fix is not applied" --reverse --fix "$copy"
	run 0 "applied the fix" --fix "$copy"
	[ "$(tree_sum "$copy")" = "$with_fix" ] || fail "the fix on the series differs from both at once"
	run 0 "can be reversed" --check --reverse "$copy"
	run 0 "reversed 4 patches" --reverse "$copy"
	[ "$(tree_sum "$copy")" = "$pristine" ] || fail "--reverse did not restore the tree from series and fix"
	run 0 "applied 3 patches" "$copy"
	[ "$(tree_sum "$copy")" = "$series_only" ] || fail "the series alone differs from series and fix, fix out"

	# The series, and an edit where only the fix goes: the fix is refused,
	# the tree unchanged.
	sed -i 's|// get the data waiting for transfer in or out|// edited|' \
		"$copy/client/http_curl.cpp"
	edited=$(tree_sum "$copy")
	run 1 "refused" --fix "$copy"
	run 1 "refused" --check --fix "$copy"
	run 1 "refused" --reverse "$copy"
	[ "$(tree_sum "$copy")" = "$edited" ] || fail "--fix changed an edited tree"
	rm -rf "$copy"
}

# The series directory the script picks for a tree.
series_dir() {
	"$script" --check "$1" 2>&1 | sed -n 's/.*; series \([^ ]*\) .*/\1/p' |
		head -n 1 | sed "s|^|$here/../../patches/|"
}

# Not a BOINC tree at all.
mkdir -p "$work/empty"
run 1 "not a BOINC source tree" "$work/empty"

IFS=: read -r -a trees <<< "$BOINC_SRC"
for src in "${trees[@]}"; do
	if [ ! -r "$src/configure.ac" ]; then
		fail "BOINC_SRC: $src is not a BOINC source tree"
		continue
	fi
	test_tree "$src"
	test_fix "$src"
done
[ "$failures" = 0 ] && echo "PASS: netlife-patch-boinc on ${#trees[@]} tree(s)"
[ "$failures" = 0 ]
