#!/bin/bash
# check-real-client.sh -- the real BOINC client, traced by netlife, checked
# against what the server side saw.
#
# Runs tests/rig/real-client.sh twice (3 scheduler RPCs and a job, so the
# client also downloads a signed application and an input file):
#   1. one request per connection, client under LD_PRELOAD=$NETLIFE_SHIM;
#   2. keep-alive, client under $NETLIFE_RUN (or the shim again if absent);
# and each time has tests/rig/check-trace.py compare the trace with nginx's
# access log, the scheduler's log and the client's own log, and look for
# the planted authenticator everywhere.  About 35 s.
#
# Environment (set by "make check"): NETLIFE_SHIM, NETLIFE_RUN,
# top_srcdir, top_builddir.  Exits 77 (skip) when the rig cannot run here.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rig=$here/real-client.sh

skip() {
	echo "SKIP: $*"
	exit 77
}

. "$here/rig-needs.sh"
rig_needs skip

# A distinctive authenticator, to be found nowhere it should not be.
canary=netlifecanary$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
scratch=$(mktemp -d "${TMPDIR:-/tmp}/netlife-check-rig.XXXXXX") || exit 1
failed=0

# run_and_check NAME CHECK_ARGS -- RIG_ARGS: one rig run and its checks.
run_and_check() {
	local name=$1 check_args=() rc
	shift
	while [ "$1" != -- ]; do check_args+=("$1"); shift; done
	shift
	echo "== $name"
	RIG_AUTHENTICATOR=$canary "$rig" --workdir "$scratch/$name" "$@"
	rc=$?
	[ $rc = 77 ] && { rm -rf "$scratch"; exit 77; }
	if [ $rc != 0 ]; then
		echo "FAIL - the rig run failed (exit status $rc)"
		failed=1
		return
	fi
	python3 "$here/check-trace.py" "$scratch/$name" "$canary" \
		"${check_args[@]}" || failed=1
}

start=$SECONDS
run_and_check one-request-per-connection --canary-kept -- \
	--shim "$NETLIFE_SHIM" --rpcs 3 --jobs 1 --keep
if [ -n "${NETLIFE_RUN:-}" ] && [ -x "$NETLIFE_RUN" ]; then
	launcher=(--run "$NETLIFE_RUN")
else
	launcher=(--shim "$NETLIFE_SHIM")
fi
run_and_check keepalive -- "${launcher[@]}" --rpcs 3 --jobs 1 --keepalive

echo "rig checks took $((SECONDS - start)) s"
if [ $failed = 0 ]; then
	rm -rf "$scratch"
else
	echo "results kept in $scratch"
fi
exit $failed
