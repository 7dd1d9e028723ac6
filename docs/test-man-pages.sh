#!/bin/sh
# shellcheck disable=SC2013,SC2016 # word lists; literal backquotes
# Keeps the manual pages sound: groff must format each one without a
# warning, and netlife-trace(5) must still describe every event, history
# letter and close value that include/netlife/trace_format.h defines and
# every field docs/trace-format.md lists, so that the page cannot drift
# from the format's sources of truth unnoticed.

set -u

src=${top_srcdir:-${0%/*}/..}
man_dir=$src/docs/man
header=$src/include/netlife/trace_format.h
spec=$src/docs/trace-format.md
page=$man_dir/netlife-trace.5
failures=0

# Records a failed check without stopping, so one run reports them all.
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

if ! command -v groff >/dev/null 2>&1; then
	echo "SKIP: groff is not installed"
	exit 77
fi

for man in "$man_dir"/*.[1-8]; do
	said=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
	[ -z "$said" ] || fail "${man##*/}: $said"
	grep -q '^\.TH ' "$man" || fail "${man##*/}: no .TH line"
done

# The tags of the .TP list that follows the section heading $1 in the
# page: the word of each ".B word" line, up to the next heading.
tags_under() {
	sed -n "/^\.SS $1\$/,/^\.S[SH] /s/^\.B \([^ ]*\)\$/\1/p" "$page"
}

events=$(tags_under Events)
letters=$(tags_under "History letters")

for ev in $(sed -n 's/^#define[[:space:]]*NL_EV_[A-Z_]*[[:space:]]*"\([a-z_]*\)".*/\1/p' "$header"); do
	printf '%s\n' "$events" | grep -qxF "$ev" ||
		fail "netlife-trace.5 does not describe ev=$ev"
done
for letter in $(sed -n "s/^#define[[:space:]]*NL_H_[A-Z_]*[[:space:]]*'\(.\)'.*/\1/p" "$header"); do
	printf '%s\n' "$letters" | grep -qxF "$letter" ||
		fail "netlife-trace.5 does not describe history letter $letter"
done
for value in $(sed -n -E 's/^#define[[:space:]]*NL_(CLOSE|FIRST)_[A-Z_0-9]*[[:space:]]*"([A-Za-z_0-9]*)".*/\2/p' "$header"); do
	grep -qw -- "$value" "$page" ||
		fail "netlife-trace.5 does not mention the value $value"
done

# Every key, event and letter in the first column of the spec's tables.
for word in $(sed -n 's/^| `\([^`]*\)` |.*/\1/p' "$spec"); do
	case $word in
	ev | key | letter) continue ;;
	esac
	grep -qF -- "$word" "$page" ||
		fail "netlife-trace.5 lacks '$word' of docs/trace-format.md"
done

# netlife(1) must name every cause the tool can give (timeline/tl_attrib.h),
# and so must the timeline's spec; and every option of "netlife merge".
causes=$(sed -n 's/^#define[[:space:]]*TL_CAUSE_[A-Z_]*[[:space:]]*"\([a-z_]*\)".*/\1/p' "$src/timeline/tl_attrib.h")
[ -n "$causes" ] || fail "no causes found in timeline/tl_attrib.h"
for cause in $causes; do
	grep -q "^\.B $cause\$" "$man_dir/netlife.1" || fail "netlife.1 does not describe the cause $cause"
	grep -qF "| \`$cause\` |" "$src/docs/timeline-format.md" ||
		fail "timeline-format.md does not describe the cause $cause"
done
rendered=$(groff -man -Tascii "$man_dir/netlife.1" 2>/dev/null | col -b)
for opt in $(sed -n 's/.*{ "\([a-z-]*\)", [a-z_]*_argument.*/\1/p' "$src/timeline/tl_merge.c"); do
	printf '%s\n' "$rendered" | grep -qF -- "--$opt" ||
		fail "netlife.1 does not describe merge --$opt"
done

# The sections each page is installed in must match its name.
for man in "$man_dir"/*.[1-8]; do
	section=$(sed -n 's/^\.TH [^ ]* \([1-8]\) .*/\1/p' "$man")
	[ "${man##*.}" = "$section" ] ||
		fail "${man##*/}: .TH says section $section"
done

if [ "$failures" -gt 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "all checks passed"
