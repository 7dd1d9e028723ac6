#!/bin/bash
# test-patched-client.sh -- a BOINC client built from a tree patched by
# scripts/netlife-patch-boinc, run in the loopback rig with <conn_debug>:
# its [conn] records must name, for every scheduler RPC and download, the
# connection whose local port nginx saw (check-conn-ports.py).  Three runs
# per client: plain HTTP with keep-alive (connections reused), without
# (nginx closes each), and HTTPS with HTTP/2 (transfers multiplexed).
#
# Which clients:
#   BOINC_BUILD=CLIENT[:CLIENT...]  patched client binaries (client/boinc of
#                                   a built tree), run as they are;
#   otherwise BOINC_SRC=TREE[:TREE...] with BOINC_TEST_BUILD=1: each tree is
#                                   copied, patched and built here
#                                   (configure --disable-server
#                                   --disable-manager; a few minutes each).
# Skips (77) without them, or where the rig cannot run (root, namespaces,
# nginx: see tests/rig/real-client.sh).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rig=$top/tests/rig/real-client.sh
failures=0 ran=0

skip() {
	echo "SKIP: $*"
	exit 77
}

work=$(mktemp -d "${TMPDIR:-/tmp}/netlife-patched-client.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

# Copy, patch and build one tree; prints the client's path.
build_client() {
	local src=$1 dir
	dir=$work/build-$(basename "$src")
	mkdir -p "$dir"
	(cd "$src" && tar -cf - --exclude=.git .) | tar -xf - -C "$dir" || return 1
	"$top/scripts/netlife-patch-boinc" "$dir" >&2 || return 1
	# A tree that was built already: from scratch here.
	if [ -f "$dir/Makefile" ]; then
		(cd "$dir" && make -s distclean) > /dev/null 2>&1
	fi
	(cd "$dir" && ./_autosetup && ./configure -q --disable-server \
		--disable-manager --disable-fcgi && make -C lib && make -C client) \
		> "$dir.log" 2>&1 || { echo "build failed: see $dir.log" >&2; tail -n 20 "$dir.log" >&2; return 1; }
	echo "$dir/client/boinc"
}

# One rig run of CLIENT with rig options; checks the records.
rig_run() {
	local client=$1 name=$2 rc
	shift 2
	local dir=$work/rig-$name
	RIG_AUTHENTICATOR=$authenticator bash "$rig" --client "$client" --conn-debug \
		--workdir "$dir" "$@" > "$dir.out" 2>&1
	rc=$?
	[ $rc = 77 ] && { cat "$dir.out"; skip "the rig cannot run here"; }
	if [ $rc != 0 ]; then
		echo "FAIL: $name: the rig failed ($rc):"
		tail -n 15 "$dir.out"
		failures=$((failures + 1))
		return
	fi
	if out=$(python3 "$here/check-conn-ports.py" "$dir" "$authenticator"); then
		echo "ok: $name: $out"
	else
		echo "FAIL: $name:"
		echo "$out"
		failures=$((failures + 1))
	fi
	ran=$((ran + 1))
}

test_client() {
	local client=$1 version
	version=$("$client" --version 2>/dev/null | awk '{print $1}')
	echo "== $client ($version)"
	rig_run "$client" "$version-keepalive" --keepalive --rpcs 3 --jobs 2
	rig_run "$client" "$version-close" --rpcs 2 --jobs 2
	rig_run "$client" "$version-http2" --tls --http2 --keepalive --rpcs 2 --jobs 2
}

main() {
	local clients=() c
	authenticator=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	command -v python3 > /dev/null || skip "no python3"
	if [ -n "${BOINC_BUILD:-}" ]; then
		IFS=: read -r -a clients <<< "$BOINC_BUILD"
	elif [ -n "${BOINC_SRC:-}" ]; then
		[ "${BOINC_TEST_BUILD:-0}" = 1 ] ||
			skip "BOINC_SRC is set, but building takes minutes: set BOINC_TEST_BUILD=1, or BOINC_BUILD=CLIENT"
		IFS=: read -r -a srcs <<< "$BOINC_SRC"
		for s in "${srcs[@]}"; do
			c=$(build_client "$s") || { echo "FAIL: cannot build $s"; failures=$((failures + 1)); continue; }
			clients+=("$c")
		done
	else
		skip "BOINC_BUILD (a patched client) or BOINC_SRC not set"
	fi
	for c in "${clients[@]}"; do
		[ -x "$c" ] || { echo "FAIL: $c is not a program"; failures=$((failures + 1)); continue; }
		test_client "$c"
	done
	[ "$failures" = 0 ] && [ "$ran" -gt 0 ] && echo "PASS: $ran rig runs"
	[ "$failures" = 0 ] && [ "$ran" -gt 0 ]
}

main "$@"
