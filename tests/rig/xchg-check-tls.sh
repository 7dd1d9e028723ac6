#!/bin/bash
# xchg-check-tls.sh -- the trace's HTTP exchanges over HTTPS (a CA and a
# certificate for 127.0.0.1 made for the run), checked request by request
# against nginx, the scheduler and the client's own log, with secret
# canaries planted everywhere the client holds a secret (xchg-canaries.sh)
# and looked for where none may be.
#
# Two runs of tests/rig/real-client.sh with keep-alive, 2 RPCs and 2 jobs
# whose input files nginx sends slowly (--slow-downloads), so that the
# second RPC runs while both input downloads are in progress:
#   1. HTTPS over HTTP/1.1 (nginx offers no HTTP/2): the RPC needs a
#      connection of its own; client under LD_PRELOAD=$NETLIFE_SHIM;
#   2. HTTPS over HTTP/2: libcurl multiplexes the RPC and the downloads;
#      client under $NETLIFE_RUN (or the shim).
# The assertions are in xchg-check.py.  About 30 s.  Exits 77 (skip) when
# the rig cannot run here.
set -uo pipefail
. "$(dirname "$0")/xchg-lib.sh"

xchg_begin tls http2
xchg_run https-http1.1 shim --tls --keepalive \
	--rpcs 2 --jobs 2 --slow-downloads 128k
xchg_run https-http2 run --tls --http2 --keepalive \
	--rpcs 2 --jobs 2 --slow-downloads 128k
