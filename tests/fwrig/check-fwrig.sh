#!/bin/bash
# check-fwrig.sh -- the firewall rig as a test: the real BOINC client behind
# a real stateful firewall (tests/fwrig/run.sh), every scenario; then, for
# each, netlife merge of the traces, the client's logs and the gateway's
# record of the dropped packets, checked against the rig's ground truth
# (tests/fwrig/check.py):
#   text         the firewall's text log (ulogd2 LOGEMU);
#   pcap         its pcap of the dropped packets;
#   pcap-offset  that pcap with the gateway's clock 37.25 s ahead of the
#                client's, the offset given (--clock-offset); and where the
#                scenario makes it possible (OFFSET_ESTIMABLE in its
#                scenario.env), once more with the offset left to netlife
#                to find;
# the scenario with two client hosts behind the gateway checks the same
# with both hosts' traces and logs, labelled.  About 3 minutes.
#
# Environment (set by "make check"): NETLIFE_RUN, top_builddir.  Exits 77
# (skip, with the reason) where network namespaces are not allowed or a
# program is missing.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
export NETLIFE=${NETLIFE:-${top_builddir:+$top_builddir/netlife}}
readonly OFFSET=37.25

[ -n "$NETLIFE" ] && [ -x "$NETLIFE" ] ||
	{ echo "SKIP: no netlife program (run through make check)"; exit 77; }
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/netlife-fwrig.XXXXXX") || exit 1
failed=0 start=$SECONDS

# check_variant DIR VARIANT "MERGE_ARG..." [CHECK_ARG...]: one merge, one check.
check_variant() {
	local dir=$1 variant=$2 source tag=$2 what=$2 merge_args=()
	read -ra merge_args <<< "$3"
	shift 3
	[ ${#merge_args[@]} -gt 0 ] && { what+=" (${merge_args[*]})"; tag+=-given; }
	echo "-- $(basename "$dir"): $what"
	if ! source=$(FW_CLOCK_OFFSET=$OFFSET "$here/merge.sh" "$dir" "$variant" \
			"$dir/timeline-$tag.jsonl" --format jsonl "${merge_args[@]}" \
			2> "$dir/merge-$tag.err"); then
		echo "FAIL - netlife merge failed:"
		sed 's/^/    /' "$dir/merge-$tag.err"
		failed=1
		return
	fi
	python3 "$here/check.py" "$dir" "$dir/timeline-$tag.jsonl" "$source" "$@" ||
		failed=1
}

"$here/run.sh" --workdir "$scratch/rig" ${NETLIFE_RUN:+--run "$NETLIFE_RUN"}
rc=$?
[ $rc = 77 ] && { rm -rf "$scratch"; exit 77; }
[ $rc = 0 ] || { echo "FAIL - the rig failed (exit status $rc)"; failed=1; }
for dir in "$scratch"/rig/s*/; do
	dir=${dir%/}
	[ -s "$dir/ground-truth.tsv" ] || continue
	check_variant "$dir" text ''
	check_variant "$dir" pcap ''
	check_variant "$dir" pcap-offset "--clock-offset $OFFSET" --offset "$OFFSET"
	grep -q '^OFFSET_ESTIMABLE=1' "$dir/scenario.env" &&
		check_variant "$dir" pcap-offset '' --offset "$OFFSET"
done

echo "firewall rig checks took $((SECONDS - start)) s"
if [ $failed = 0 ]; then
	rm -rf "$scratch"
else
	echo "results kept in $scratch"
fi
exit $failed
