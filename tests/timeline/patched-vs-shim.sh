#!/bin/sh
# patched-vs-shim.sh -- a client built with netlife's patches (<conn_debug>)
# gives the timeline tool the same facts as the shim: one real run recorded
# both ways (tests/timeline/data/patched-7.20.5/). Both must name the same
# connections (client ports, as nginx saw them) and exchanges, and attribute
# the same late segments (a firewall log made from the server's ports) to the
# same exchange with the same cause.
set -eu
NETLIFE=${NETLIFE:-${top_builddir:-.}/netlife}
data=${top_srcdir:-.}/tests/timeline/data/patched-7.20.5
[ -x "$NETLIFE" ] || { echo "SKIP: no $NETLIFE"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 needed for the checks"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Late server segments: for each request nginx served, an ACK FIN on its
# client port 3 s and 3.2 s after it (kernel-LOG lines, UTC).
python3 - "$data/nginx-xchg.log" >"$dir/fw.log" <<'PY'
import re, sys, time
for line in open(sys.argv[1]):
    f = dict(re.findall(r'(\w+)=("[^"]*"|\S*)', line))
    t = float(f["msec"])
    for d in (3.0, 3.2):
        s = t + d
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".%06d+00:00" % int((s % 1) * 1e6)
        print(f"{stamp} gw kernel: INVALID IN=eth1 OUT= MAC= SRC=127.0.0.1 DST=10.0.0.1 LEN=52 "
              f"TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=18080 DPT={f['port']} WINDOW=501 "
              f"RES=0x00 ACK FIN URGP=0")
PY

"$NETLIFE" merge --tz UTC --format jsonl --clock-offset 0 -o "$dir/shim.jsonl" "$data/trace.txt" "$dir/fw.log"
"$NETLIFE" merge --tz UTC --format jsonl --clock-offset 0 -o "$dir/patched.jsonl" "$data/stdoutdae.txt" "$dir/fw.log"
python3 - "$dir/shim.jsonl" "$dir/patched.jsonl" "$data/nginx-xchg.log" <<'PY'
import json, re, sys
def load(p):
    return [json.loads(l) for l in open(p)]
shim, patched = load(sys.argv[1]), load(sys.argv[2])
nginx = [dict(re.findall(r'(\w+)=("[^"]*"|\S*)', l)) for l in open(sys.argv[3])]
server_ports = sorted(int(r["port"]) for r in nginx)

def conns(objs):
    return sorted(o["client_port"] for o in objs if o["type"] == "conn" and o["event"] == "close")
def exchanges(objs):
    port = {o["conn"]: o["client_port"] for o in objs if o["type"] == "conn" and o["event"] == "open"}
    return sorted((o["kind"], o["url"], o["status"], tuple(port[c] for c in o["conns"]))
                  for o in objs if o["type"] == "exchange")
def segments(objs):
    return sorted((o["client_port"], o["kind"], o["url"], o["cause"], o["t_us"])
                  for o in objs if o["type"] == "segment" and o["attributed"])

for name, objs in (("shim", shim), ("patched", patched)):
    ports = sorted(p for k, u, s, ps in exchanges(objs) for p in ps)
    assert ports == server_ports, (name, ports, server_ports)
    assert len(segments(objs)) == 2 * len(nginx), (name, len(segments(objs)))
    assert not [o for o in objs if o["type"] == "segment" and not o["attributed"]], name
assert conns(shim) == conns(patched), (conns(shim), conns(patched))
assert exchanges(shim) == exchanges(patched), (exchanges(shim), exchanges(patched))
assert segments(shim) == segments(patched), (segments(shim), segments(patched))
print(f"same {len(conns(shim))} connections, {len(exchanges(shim))} exchanges and "
      f"{len(segments(shim))} attributions from the trace and from the [conn] lines")
PY
echo "PASS: a patched client and the shim give the same attribution"
