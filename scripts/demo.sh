#!/bin/sh
# demo.sh -- the main job end to end on this machine: install what is
# missing, build netlife, run Debian's real BOINC client under netlife-run
# against the bundled local test project (nginx + our scheduler, in a
# private network namespace: nothing leaves the machine), then show what
# the trace recorded, the client's own log lines interleaved with every
# connection's lifecycle.  Everything is left in _demo/.
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

rm -rf _demo
echo "demo: running the real BOINC client under netlife-run (about a minute)"
status=0
RIG_BINDIR=$build/tests/rig \
"$top/tests/rig/real-client.sh" --run "$build/wrapper/netlife-run" \
    --rpcs 3 --jobs 1 --workdir "$top/_demo" || status=$?
if [ "$status" = 77 ]; then
	echo "demo: this machine cannot run the rig (see above)" >&2
	exit 1
fi
[ "$status" = 0 ] || exit "$status"

echo
echo "demo: what netlife recorded (_demo/trace.txt), in short:"
echo
"$top/scripts/trace-summary.sh" "$top/_demo/trace.txt"
echo
echo "demo: full trace: _demo/trace.txt; client log: _demo/data/stdoutdae.txt;"
echo "      the server's view: _demo/nginx-access.log"
