#!/bin/bash
# real-client.sh -- run Debian's real BOINC client (/usr/bin/boinc) against
# a fake BOINC project on loopback, in private namespaces, and keep what
# everybody saw.
#
# usage: real-client.sh [--shim LIB | --run NETLIFE_RUN] [--rpcs N] [--jobs N]
#                       [--keepalive] [--workdir DIR] [--keep]
#                       [--tls [--http2]] [--slow-downloads RATE]
#                       [--canaries FILE] [--client PATH] [--conn-debug]
#
#   --shim LIB     run the client with LD_PRELOAD=LIB (NETLIFE_TRACE set)
#   --run PROG     run the client under "PROG --trace WORKDIR/trace.txt --"
#                  (netlife-run); without either, the client runs plain
#   --rpcs N       scheduler RPCs in all: the first comes by itself, each
#                  later one is asked for with "boinccmd --project URL
#                  update" (about 7 s apart: the client's own pace); default 3
#   --jobs N       jobs the project hands out in its first reply; each job
#                  makes the client download the signed application (once)
#                  and one input file, and run the task; default 1
#   --keepalive    nginx keeps connections open (default: one request each)
#   --workdir DIR  where to put everything (new or empty); default: a new
#                  directory under ${TMPDIR:-/tmp}
#   --keep         also keep the project's files, nginx's configuration and
#                  the client's state files (which hold the authenticator)
#   --tls          HTTPS: a CA and a certificate for 127.0.0.1 made for the
#                  run (tls-make-certs.sh); the client trusts the CA alone
#                  (DATADIR/ca-bundle.crt); https:// URLs everywhere
#   --http2        with --tls: nginx offers HTTP/2 (libcurl takes it, ALPN)
#   --slow-downloads RATE
#                  nginx sends /download/ at RATE bytes/s (nginx syntax,
#                  e.g. 128k), the input files are 8*RATE bytes (about 7 s
#                  each), and the second RPC is asked for as soon as two
#                  input downloads have started, so that it runs while both
#                  are in progress; needs --jobs 2 or more and --rpcs 2 or
#                  more
#   --canaries FILE
#                  plant the secret canaries of FILE (xchg-canaries.sh new)
#                  everywhere the client could leak a secret; the account's
#                  authenticator is then FILE's; no <file_xfer_debug> (its
#                  log lines would show the download token)
#
#   --client PATH  run this BOINC client instead of /usr/bin/boinc (e.g. one
#                  built from a tree patched by scripts/netlife-patch-boinc)
#   --conn-debug   <conn_debug>1</conn_debug> in cc_config.xml: a patched
#                  client logs [conn] records (docs/patches.md)
#
# The project is nginx (files, master page; POST /cgi proxied) in front of
# tests/rig/scheduler.  Left in the workdir:
#   data/stdoutdae.txt   the client's log      nginx-access.log  nginx's view
#   trace.txt            netlife's trace       scheduler.log     the scheduler's
#   nginx-xchg.log       nginx's view per request, key=value (protocol, timing,
#                        header and body bytes; make-nginx-conf.sh)
#   rig.env              the run's settings (no secrets)
# Needs root, unshare, nginx and boinc-client (and openssl for --tls).
# Exits 77 when it cannot run.
#
# Environment: RIG_BINDIR (where scheduler and codesign are built; found
# next to this script, under $top_builddir/tests/rig or ./tests/rig
# otherwise), RIG_AUTHENTICATOR (the account key; random by default).
set -uo pipefail

# Print the usage part of the header comment; exit with status $1 (2).
usage() {
	sed -n '/^# usage:/,/^# The project is/{/^# The project is/d;p}' "$0" |
		sed 's/^# \{0,1\}//' >&2
	exit "${1:-2}"
}

skip() {
	echo "rig: SKIP: $*" >&2
	exit 77
}

# The directory holding the built scheduler and codesign programs.
find_bindir() {
	local dir
	for dir in "${RIG_BINDIR:-}" "$RIG_SRC" \
		   "${top_builddir:+$top_builddir/tests/rig}" "$PWD/tests/rig"; do
		if [ -n "$dir" ] && [ -x "$dir/scheduler" ] && [ -x "$dir/codesign" ]; then
			(cd "$dir" && pwd)
			return
		fi
	done
	return 1
}

check_prerequisites() {
	local prog
	[ "$(id -u)" = 0 ] || skip "needs root (namespaces, bind mount)"
	[ -x "$RIG_CLIENT" ] || skip "no $RIG_CLIENT (Debian package boinc-client)"
	for prog in unshare nginx boinccmd ip ss mount timeout md5sum; do
		command -v "$prog" > /dev/null || skip "no $prog on PATH"
	done
	unshare --net --mount --pid --fork true 2> /dev/null ||
		skip "cannot create namespaces here (unshare --net --mount --pid)"
	if [ "$RIG_TLS" = 1 ]; then
		command -v openssl > /dev/null || skip "no openssl (Debian package openssl)"
		nginx -V 2>&1 | grep -q -- --with-http_ssl_module ||
			skip "this nginx has no TLS (http_ssl_module)"
	fi
	if [ "$RIG_HTTP2" = 1 ]; then
		nginx -V 2>&1 | grep -q -- --with-http_v2_module ||
			skip "this nginx has no HTTP/2 (http_v2_module)"
	fi
	RIG_BIN=$(find_bindir) ||
		skip "scheduler and codesign are not built (run make, or set RIG_BINDIR)"
}

parse_args() {
	RIG_MODE=plain RIG_LAUNCHER='' RIG_RPCS=3 RIG_JOBS=1 RIG_KEEPALIVE=0
	RIG_KEEP=0 RIG_WORK='' RIG_TLS=0 RIG_HTTP2=0 RIG_DOWNLOAD_RATE=''
	RIG_CANARIES='' RIG_CLIENT=/usr/bin/boinc RIG_CONN_DEBUG=0
	while [ $# -gt 0 ]; do
		case $1 in
		--shim)		RIG_MODE=shim RIG_LAUNCHER=${2:?}; shift;;
		--run)		RIG_MODE=run RIG_LAUNCHER=${2:?}; shift;;
		--rpcs)		RIG_RPCS=${2:?}; shift;;
		--jobs)		RIG_JOBS=${2:?}; shift;;
		--keepalive)	RIG_KEEPALIVE=1;;
		--workdir)	RIG_WORK=${2:?}; shift;;
		--keep)		RIG_KEEP=1;;
		--tls)		RIG_TLS=1;;
		--http2)	RIG_HTTP2=1;;
		--slow-downloads) RIG_DOWNLOAD_RATE=${2:?}; shift;;
		--canaries)	RIG_CANARIES=${2:?}; shift;;
		--client)	RIG_CLIENT=${2:?}; shift;;
		--conn-debug)	RIG_CONN_DEBUG=1;;
		-h|--help)	usage 0;;
		*)		usage;;
		esac
		shift
	done
	[[ $RIG_RPCS =~ ^[1-9][0-9]*$ && $RIG_JOBS =~ ^[0-9]+$ ]] || usage
	[ "$RIG_HTTP2" = 1 ] && [ "$RIG_TLS" = 0 ] &&
		{ echo "rig: --http2 needs --tls" >&2; exit 2; }
	if [ -n "$RIG_DOWNLOAD_RATE" ]; then
		[[ $RIG_DOWNLOAD_RATE =~ ^[1-9][0-9]*[kKmM]?$ ]] || usage
		if [ "$RIG_JOBS" -lt 2 ] || [ "$RIG_RPCS" -lt 2 ]; then
			echo "rig: --slow-downloads needs --jobs 2 and --rpcs 2 or more" >&2
			exit 2
		fi
	fi
	if [ -n "$RIG_CANARIES" ]; then
		[ -r "$RIG_CANARIES" ] || { echo "rig: cannot read $RIG_CANARIES" >&2; exit 2; }
		RIG_CANARIES=$(cd "$(dirname "$RIG_CANARIES")" && pwd)/$(basename "$RIG_CANARIES")
	fi
	[[ $RIG_CLIENT == /* ]] || RIG_CLIENT=$PWD/$RIG_CLIENT
	if [ -n "$RIG_LAUNCHER" ]; then
		[ -e "$RIG_LAUNCHER" ] || { echo "rig: no such file: $RIG_LAUNCHER" >&2; exit 2; }
		RIG_LAUNCHER=$(cd "$(dirname "$RIG_LAUNCHER")" && pwd)/$(basename "$RIG_LAUNCHER")
	fi
}

# A new or empty work directory, as an absolute path.
make_workdir() {
	if [ -z "$RIG_WORK" ]; then
		RIG_WORK=$(mktemp -d "${TMPDIR:-/tmp}/netlife-rig.XXXXXX") || exit 1
	else
		mkdir -p "$RIG_WORK" || exit 1
		[ -z "$(ls -A "$RIG_WORK")" ] ||
			{ echo "rig: $RIG_WORK is not empty" >&2; exit 2; }
		RIG_WORK=$(cd "$RIG_WORK" && pwd)
	fi
}

# Ask the script inside the namespaces to stop: it quits the client and
# the servers, then exits, and unshare with it.
stop_rig() {
	local inside=''
	read -r inside _ 2> /dev/null < "/proc/$unshare_pid/task/$unshare_pid/children"
	[ -n "$inside" ] && kill -TERM "$inside" 2> /dev/null
}

main() {
	local rc
	RIG_SRC=$(cd "$(dirname "$0")" && pwd)
	parse_args "$@"
	check_prerequisites
	make_workdir
	[ -n "${RIG_AUTHENTICATOR:-}" ] ||
		RIG_AUTHENTICATOR=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	export RIG_SRC RIG_BIN RIG_WORK RIG_MODE RIG_LAUNCHER RIG_RPCS RIG_JOBS
	export RIG_KEEPALIVE RIG_KEEP RIG_AUTHENTICATOR RIG_TLS RIG_HTTP2
	export RIG_DOWNLOAD_RATE RIG_CANARIES RIG_CLIENT RIG_CONN_DEBUG
	echo "rig: work dir $RIG_WORK"
	# The rig gets a process group of its own (set -m), so a Ctrl-C reaches
	# only this script, which asks the rig to stop (stop_rig).
	# --kill-child: if unshare dies, the script inside dies, and with it
	# (as PID 1 of its namespaces) every process it started.
	set -m
	unshare --net --mount --pid --fork --kill-child --mount-proc -- \
		bash "$RIG_SRC/inside-ns.sh" < /dev/null &
	unshare_pid=$!
	set +m
	trap stop_rig INT TERM HUP
	wait "$unshare_pid"
	rc=$?
	# A trapped signal ends the first wait early; the second gets the status.
	[ $rc -gt 128 ] && { wait "$unshare_pid"; rc=$?; }
	if [ $rc -gt 128 ]; then
		echo "rig: stopped by a signal; what there is is in $RIG_WORK" >&2
	elif [ $rc != 0 ]; then
		echo "rig: failed (exit status $rc); what there is is in $RIG_WORK" >&2
	fi
	return $rc
}

main "$@"
