#!/bin/sh
# demo.sh -- the main job end to end on this machine: install what is
# missing, build netlife, then run Debian's real BOINC client under
# netlife-run behind a real stateful firewall (network namespaces: a client,
# a gateway with NAT and an nftables firewall logging its drops through
# ulogd2, and the bundled test project: nginx and our scheduler; nothing
# leaves the machine), provoke each kind of late server segment with the
# client's own traffic, and print the merged timeline: every dropped segment
# under the exchange it belongs to, with its cause.  Where network
# namespaces are not allowed, it says so and runs the loopback-only version
# (the real client against the project on loopback; the timeline without a
# firewall).  Everything is left in _demo/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

"$top/scripts/install-deps.sh"
cd "$top"
if [ -f "$top/config.status" ]; then
	# Already configured in the source tree: build there (autotools
	# allows no second, separate build beside an in-tree one).
	echo "demo: building netlife in the source tree"
	build=$top
	make -j"$jobs" >/dev/null
else
	echo "demo: building netlife in _build/demo"
	build=$top/_build/demo
	autoreconf -fi >/dev/null 2>&1
	mkdir -p "$build"
	(cd "$build" && { [ -f Makefile ] || "$top/configure" -q; } &&
	    make -j"$jobs" >/dev/null)
fi
# The rig's programs (scheduler, codesign) are built for the tests.
(cd "$build" && make -j"$jobs" check TESTS= >/dev/null)
netlife=$build/netlife
export RIG_BINDIR=$build/tests/rig NETLIFE_RUN=$build/wrapper/netlife-run top_builddir=$build

# Each exchange line, then at most 3 of its segments and how many more.
brief() {
	awk '/ xchg / { if (more) printf "        ... and %d more\n", more; n = more = 0; print; next }
	     / fw / { if (++n <= 3) print; else more++; next }
	     { print }
	     END { if (more) printf "        ... and %d more\n", more }'
}

rm -rf _demo
mkdir -p _demo
echo "demo: the real BOINC client behind a stateful firewall, six scenarios (about two minutes)"
status=0
"$top/tests/fwrig/run.sh" --workdir "$top/_demo/firewall" >_demo/firewall.log 2>&1 || status=$?
if [ "$status" = 0 ]; then
	for dir in _demo/firewall/s*/; do
		dir=${dir%/}
		title=$(sed -n 's/^TITLE=//p' "$dir/scenario.env")
		inputs=""
		for h in "$dir"/host*/; do
			label=$(basename "$h")
			inputs="$inputs --trace $label=${h}trace.txt --log $label=${h}data/stdoutdae.txt"
		done
		# shellcheck disable=SC2086
		"$netlife" merge -o "$dir/timeline.txt" $inputs --fw "$dir/gw/nflog.txt" 2>"$dir/merge.err"
		echo
		echo "=== $(basename "$dir"): $title"
		"$netlife" show --by-exchange --late "$dir/timeline.txt" | brief
		grep '^# summary kind' "$dir/timeline.txt" | grep -v ' 0 late' || true
	done
	echo
	echo "demo: each scenario's full timeline is _demo/firewall/*/timeline.txt"
	echo "      (netlife show / explain / stats read it); the firewall's own log is"
	echo "      gw/nflog.txt beside it, the client's trace host1/trace.txt"
	exit 0
fi
if [ "$status" != 77 ]; then
	tail -20 _demo/firewall.log >&2
	echo "demo: the firewall rig failed (exit $status); its output: _demo/firewall.log" >&2
	exit "$status"
fi
echo "demo: network namespaces with a firewall are not allowed here:"
sed -n 's/^fwrig: SKIP: /  /p' _demo/firewall.log
echo "demo: running the loopback-only version instead (the real client against the"
echo "      project on loopback, no firewall: the timeline of its connections and exchanges)"
status=0
"$top/tests/rig/real-client.sh" --run "$NETLIFE_RUN" --rpcs 3 --jobs 1 --workdir "$top/_demo/loopback" || status=$?
if [ "$status" = 77 ]; then
	echo "demo: this machine cannot run the rig at all (see above)" >&2
	exit 1
fi
[ "$status" = 0 ] || exit "$status"
"$netlife" merge -o _demo/loopback/timeline.txt _demo/loopback/trace.txt
echo
"$netlife" show --type exchange,conn _demo/loopback/timeline.txt
echo
echo "demo: the full timeline is _demo/loopback/timeline.txt; the trace _demo/loopback/trace.txt"
