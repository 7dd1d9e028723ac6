#!/bin/sh
# merge-cli.sh -- netlife end to end on files: a trace (as the shim writes
# it), a kernel-LOG firewall log (plain and gzip'd), a client event log;
# checks attribution, causes, the clock offset (estimated and given), time
# zones, bad lines reported with file:line and counted while the rest is
# read, and show/explain/stats and every --help.
set -eu
NETLIFE=${NETLIFE:-${top_builddir:-.}/netlife}
[ -x "$NETLIFE" ] || { echo "SKIP: no $NETLIFE"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 needed for the checks"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Times: the client closes conn 1 (port 40001, RST with unread data) at
# T+0.5 s and conn 2 (port 40002, FIN) at T+1 s; T = 2026-11-26 20:00:00 UTC.
T=1795723200
cat >"$dir/trace.txt" <<TRACE
#netlife-trace 1 t=$T.000000 pid=42 ppid=1 exe=/usr/bin/boinc host=pc utc_offset=+0000 shim=0.1.0 continued=0
26-Nov-2026 20:00:00.000100 t=$T.000100 ev=log text="26-Nov-2026 20:00:00 [Test Project] Sending scheduler request: To fetch work."
26-Nov-2026 20:00:00.100000 t=$T.100000 ev=established conn=1 fd=9 family=ipv4 local=192.168.1.10:40001 remote=198.51.100.20:80 t_connect=$T.090000 connect_us=10000
26-Nov-2026 20:00:00.400000 t=$T.400000 ev=exchange_end exchange=1 kind=scheduler_rpc project="Test Project" master_url=http://198.51.100.20/ method=POST url=http://198.51.100.20/cgi http=1.1 status=200 sent=900 recv=5000 t_start=$T.000200 t_end=$T.400000 outcome=completed conns=1 reused=0 reported=0 received=1
26-Nov-2026 20:00:00.500000 t=$T.500000 ev=close conn=1 fd=9 local=192.168.1.10:40001 remote=198.51.100.20:80 sent=900 recv=5000 unread=1234 unsent=0 linger=off so_error=0 state=ESTABLISHED close=RST_UNREAD closed_first=client history=ShDdR exchanges=1
26-Nov-2026 20:00:00.600000 t=$T.600000 ev=established conn=2 fd=9 family=ipv4 local=192.168.1.10:40002 remote=198.51.100.20:80 t_connect=$T.590000 connect_us=10000
26-Nov-2026 20:00:00.900000 t=$T.900000 ev=exchange_end exchange=2 kind=download project="Test Project" method=GET url=http://198.51.100.20/download/f1 http=1.1 status=200 sent=100 recv=9000 t_start=$T.550000 t_end=$T.900000 outcome=completed conns=2 reused=0
26-Nov-2026 20:00:01.000000 t=$T.000000 this is not a record
26-Nov-2026 20:00:01.000000 t=$((T + 1)).000000 ev=close conn=2 fd=9 local=192.168.1.10:40002 remote=198.51.100.20:80 sent=100 recv=9000 unread=0 state=ESTABLISHED close=FIN closed_first=client idle_recv_ms=5 history=ShDdF exchanges=2
TRACE

# The gateway logs in its local time (Europe/Berlin = UTC+1 in November),
# syslog style (no year, no zone, 1 s), its clock OFFSET s ahead.
fwlog() {	# fwlog OFFSET
	python3 - "$T" "$1" <<'PY'
import sys, time
T, off = int(sys.argv[1]), float(sys.argv[2])
def line(t, dpt, flags, src="198.51.100.20"):
    lt = time.gmtime(t + off + 3600)
    stamp = time.strftime("%b %d %H:%M:%S", lt).replace(" 0", "  ", 1) if lt.tm_mday < 10 else time.strftime("%b %d %H:%M:%S", lt)
    return (f"{stamp} gw kernel: [ 100.000000] NEW not SYN? IN=eth1 OUT= MAC= SRC={src} DST=203.0.113.1 "
            f"LEN=52 TOS=0x00 PREC=0x00 TTL=52 ID=1 DF PROTO=TCP SPT=80 DPT={dpt} WINDOW=501 RES=0x00 {flags} URGP=0")
print(line(T + 0.52, 40001, "ACK PSH"))
print(line(T + 4.0, 40002, "ACK FIN"))
print(f"{time.strftime('%b %d %H:%M:%S', time.gmtime(T + off + 3600 + 4))} gw sshd[1]: unrelated line")
print(line(T + 4.2, 40002, "ACK FIN"))
print(line(T + 5.0, 55555, "ACK"))
print(line(T + 5.0, 40002, "ACK", src="10.9.9.9"))
PY
}
fwlog 0 >"$dir/fw.log"
gzip -c "$dir/fw.log" >"$dir/fw.log.gz"

"$NETLIFE" merge --tz Europe/Berlin --format jsonl -o "$dir/t.jsonl" "$dir/trace.txt" "$dir/fw.log.gz" \
	2>"$dir/err" || fail "merge exited $?"
grep -q "trace.txt:8: " "$dir/err" || { cat "$dir/err"; fail "the bad trace line is not reported with file:line"; }
python3 - "$dir/t.jsonl" <<'PY' || fail "attribution (see above)"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
segs = [o for o in objs if o["type"] == "segment"]
by = {}
for s in segs:
    by.setdefault(s["dst"].split(":")[1], []).append(s)
assert [s["cause"] for s in by["40001"]] == ["rst_unread"], by["40001"]
assert by["40001"][0]["kind"] == "scheduler_rpc" and by["40001"][0]["conn"] == 1
assert [s["cause"] for s in by["40002"]] == ["late_fin", "late_fin"], by["40002"]
assert all(s["exchange"] == 2 and s["kind"] == "download" and s["host"] == "pc" for s in by["40002"])
assert len(by["55555"]) == 1 and not by["55555"][0]["attributed"] and "NAT" in by["55555"][0]["reason"]
trace_in = [o for o in objs if o["type"] == "input" and o["kind"] == "trace"][0]
assert trace_in["bad"] == 1, trace_in
notes = [o["text"] for o in objs if o["type"] == "note"]
assert any("never talked to" in n for n in notes), notes
sums = {(o["group"], o["name"]): o for o in objs if o["type"] == "summary"}
assert sums[("kind", "download")]["late_segments"] == 2 and sums[("kind", "scheduler_rpc")]["late_segments"] == 1
print("jsonl ok")
PY

# Wrong zone: the same log read as UTC is an hour off; the estimate says so
# and puts it back (a whole-hour offset is applied like any other).
"$NETLIFE" merge --tz UTC --format jsonl "$dir/trace.txt" "$dir/fw.log" 2>/dev/null >"$dir/utc.jsonl"
python3 - "$dir/utc.jsonl" <<'PY' || fail "clock estimate with a zone error"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
c = [o for o in objs if o["type"] == "clock_offset"][0]
assert c["applied"] and abs(c["offset_us"] - 3600e6) < 1.5e6, c
assert [o["cause"] for o in objs if o["type"] == "segment" and o["attributed"]] == ["rst_unread", "late_fin", "late_fin"]
PY

# A gateway 37 s ahead: estimated; and given with --clock-offset.
fwlog 37 >"$dir/fw37.log"
for opt in "" "--clock-offset 37"; do
	# shellcheck disable=SC2086
	"$NETLIFE" merge --tz Europe/Berlin --format jsonl $opt "$dir/trace.txt" "$dir/fw37.log" 2>/dev/null >"$dir/o.jsonl"
	python3 - "$dir/o.jsonl" <<'PY' || fail "clock offset ($opt)"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
c = [o for o in objs if o["type"] == "clock_offset"][0]
assert c["applied"] and abs(c["offset_us"] - 37e6) <= 1e6, c
segs = [o for o in objs if o["type"] == "segment" and o["attributed"]]
assert [s["cause"] for s in segs] == ["rst_unread", "late_fin", "late_fin"], segs
PY
done

# The text timeline and its readers.
"$NETLIFE" merge --tz Europe/Berlin -o "$dir/t.txt" "$dir/trace.txt" "$dir/fw.log" 2>/dev/null
head -1 "$dir/t.txt" | grep -q '^#netlife-timeline 1' || fail "text header"
[ "$("$NETLIFE" show --late "$dir/t.txt" | wc -l)" = 3 ] || fail "show --late"
[ "$("$NETLIFE" show --late --kind download "$dir/t.txt" | wc -l)" = 2 ] || fail "show --kind"
[ "$("$NETLIFE" show --project "Test Project" --late "$dir/t.txt" | wc -l)" = 3 ] || fail "show --project"
if "$NETLIFE" show --host nobody "$dir/t.txt" >/dev/null; then fail "show --host nobody matched"; fi
"$NETLIFE" show --late --raw "$dir/t.txt" | grep -q "cause=rst_unread" || fail "show --raw"
# --by-exchange: x1, its segment, x2, its two segments, then the one of no exchange
"$NETLIFE" show --by-exchange --type exchange,segment "$dir/t.txt" |
	sed -n 's/.* \(x[0-9]\) .*/\1/p; s/.*UNATTRIBUTED.*/none/p' | tr '\n' ' ' >"$dir/byx"
[ "$(cat "$dir/byx")" = "x1 x1 x2 x2 x2 none " ] || fail "show --by-exchange: $(cat "$dir/byx")"
[ "$("$NETLIFE" show --type conn "$dir/t.txt" | wc -l)" = 4 ] || fail "show --type conn"
"$NETLIFE" explain "$dir/t.txt" 40001 | grep -q "c1 close RST_UNREAD with 1234 unread" || fail "explain PORT"
"$NETLIFE" explain "$dir/t.txt" "$((T + 4))" | grep -q "port 40002" || fail "explain TIME"
"$NETLIFE" stats "$dir/t.txt" | grep -q "^cause    late_fin 2$" || fail "stats"
"$NETLIFE" stats "$dir/t.txt" | grep -q "^unattributed 1$" || fail "stats unattributed"
if "$NETLIFE" show "$dir/trace.txt" 2>/dev/null; then fail "show accepted a non-timeline"; fi

for cmd in merge show explain stats; do
	"$NETLIFE" "$cmd" --help | grep -q "usage: netlife $cmd" || fail "$cmd --help"
done
"$NETLIFE" --help | grep -q merge || fail "--help"
set +e
"$NETLIFE" frobnicate 2>/dev/null; [ $? = 2 ] || fail "unknown command: exit 2"
"$NETLIFE" merge --tz No/Where "$dir/trace.txt" 2>/dev/null; [ $? = 2 ] || fail "bad zone: exit 2"
"$NETLIFE" merge /nonexistent 2>/dev/null; [ $? = 1 ] || fail "missing input: exit 1"
printf 'hello\nworld\n' >"$dir/what.txt"
"$NETLIFE" merge "$dir/what.txt" 2>"$dir/err2"; [ $? = 1 ] || fail "unknown input: exit 1"
grep -q "cannot tell what this is" "$dir/err2" || fail "unknown input message"
# Streaming: memory grows with connections, not with the log. The same
# trace with a 20 MB and a 200 MB firewall log: the peak RSS may not grow
# by more than a few MB (the line buffer and stdio are fixed).
gen=${top_builddir:-.}/bench/gen-fwlog
if [ -x "$gen" ] && [ -x /usr/bin/time ]; then
	for size in 20000000 200000000; do
		"$gen" "$size" "$dir/big.log" "$dir/big-trace.txt" 2>/dev/null
		/usr/bin/time -f %M -o "$dir/rss.$size" "$NETLIFE" merge --tz UTC -o "$dir/big.txt" \
			"$dir/big-trace.txt" "$dir/big.log" 2>/dev/null
		rm -f "$dir/big.log"
	done
	small=$(cat "$dir/rss.20000000") large=$(cat "$dir/rss.200000000")
	echo "peak RSS: ${small} kB with a 20 MB log, ${large} kB with a 200 MB log"
	[ "$large" -le $((small + 8192)) ] || fail "memory grows with the log's size"
else
	echo "note: no $gen or /usr/bin/time: streaming not checked"
fi
echo "PASS: merge, zones, clock offsets, bad lines, show/explain/stats, streaming"
