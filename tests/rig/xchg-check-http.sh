#!/bin/bash
# xchg-check-http.sh -- the trace's HTTP exchanges (ev=exchange_*), over
# plain HTTP, checked request by request against nginx, the scheduler and
# the client's own log, with secret canaries planted everywhere the client
# holds a secret (xchg-canaries.sh) and looked for where none may be.
#
# Two runs of tests/rig/real-client.sh (3 scheduler RPCs, 2 jobs: the
# client downloads the signed application and two input files):
#   1. keep-alive: one connection carries the RPC and the downloads;
#      client under $NETLIFE_RUN (or the shim);
#   2. one request per connection; client under LD_PRELOAD=$NETLIFE_SHIM.
# The assertions are in xchg-check.py.  About 25 s.  Exits 77 (skip) when
# the rig cannot run here.
set -uo pipefail
. "$(dirname "$0")/xchg-lib.sh"

xchg_begin
xchg_run http-keepalive run --rpcs 3 --jobs 2 --keepalive
xchg_run http-no-keepalive shim --rpcs 3 --jobs 2
