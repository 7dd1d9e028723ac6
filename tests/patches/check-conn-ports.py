#!/usr/bin/env python3
"""check-conn-ports.py WORKDIR [SECRET...]

Checks the [conn] records that a client patched by netlife-patch-boinc
wrote to its event log in a run of tests/rig/real-client.sh --conn-debug
against what nginx saw (WORKDIR/nginx-xchg.log, one line per request with
the client's port):

  - every [conn] line is a well-formed record (ev= first, then t=);
  - each scheduler RPC and each download the client logged went on the
    connection whose local port nginx saw for that request (scheduler RPCs
    in order, downloads by path), and there are as many as nginx served;
  - every connection that carried a request has a close record with the
    same ports, and the connections and exchanges refer to each other;
  - over plain HTTP, a close record's sent/recv (worked out from TCP_INFO
    and the socket queues) are the bytes nginx read and wrote on that port;
  - no SECRET (the account key, ...) and no query value is in any record.

Prints a summary line; exits 1 on any failure.
"""
import re
import sys

EVENTS = {"established", "exchange_start", "exchange_end", "close"}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def parse_record(text):
    """key=value pairs of netlife's record syntax (values maybe quoted)."""
    rec, i, n = {}, 0, len(text)
    while i < n:
        eq = text.find("=", i)
        if eq < 0 or " " in text[i:eq]:
            raise ValueError("no key=value at %r" % text[i:i + 20])
        key, i = text[i:eq], eq + 1
        if i < n and text[i] == '"':
            i += 1
            val = []
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n:
                    i += 1
                    c = text[i]
                    if c == "x":
                        val.append(chr(int(text[i + 1:i + 3], 16)))
                        i += 2
                    else:
                        val.append({"n": "\n", "r": "\r", "t": "\t"}.get(c, c))
                else:
                    val.append(text[i])
                i += 1
            if i >= n:
                raise ValueError("unterminated quote")
            i += 1
            value = "".join(val)
        else:
            end = text.find(" ", i)
            end = n if end < 0 else end
            value, i = text[i:end], end
        if key in rec:
            raise ValueError("key %s twice" % key)
        rec[key] = value
        if i < n:
            if text[i] != " ":
                raise ValueError("no space after %s" % key)
            i += 1
    return rec


def read_records(path, secrets):
    records = []
    with open(path, errors="replace") as f:
        for line in f:
            k = line.find("[conn] ")
            if k < 0:
                continue
            text = line[k + 7:].rstrip("\n")
            for s in secrets:
                if s and s in text:
                    fail("a secret is in a [conn] record: %s" % text[:80])
            try:
                rec = parse_record(text)
            except ValueError as e:
                fail("bad record (%s): %s" % (e, text))
                continue
            keys = list(rec)
            if keys[:2] != ["ev", "t"] or rec["ev"] not in EVENTS:
                fail("record does not start with a known ev= and t=: %s" % text)
                continue
            if not re.fullmatch(r"\d+\.\d{6}", rec["t"]):
                fail("bad t= in %s" % text)
            if "url" in rec and re.search(r"=[^&]", rec["url"].split("?", 1)[-1]
                                          if "?" in rec["url"] else ""):
                fail("a query value in url= of %s" % text)
            records.append(rec)
    return records


def read_nginx(path):
    reqs = []
    with open(path) as f:
        for line in f:
            rec = parse_record(line.rstrip("\n"))
            reqs.append(rec)
    return reqs


def port(addr):
    return int(addr.rsplit(":", 1)[1]) if addr and addr != "-" else None


def url_path(url):
    path = re.sub(r"^[a-z]+://[^/]*", "", url)
    return path.split("?", 1)[0]


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    work, secrets = sys.argv[1], sys.argv[2:]
    recs = read_records(work + "/data/stdoutdae.txt", secrets)
    nginx = read_nginx(work + "/nginx-xchg.log")
    established = {r["conn"]: r for r in recs if r["ev"] == "established"}
    closes = {r["conn"]: r for r in recs if r["ev"] == "close"}
    ends = [r for r in recs if r["ev"] == "exchange_end"]
    starts = {r["exchange"]: r for r in recs if r["ev"] == "exchange_start"}
    if not recs:
        fail("no [conn] records in the client's log (is <conn_debug> set, the client patched?)")

    def local_port(conn):
        r = established.get(conn) or closes.get(conn)
        return port(r["local"]) if r else None

    # Scheduler RPCs: k-th RPC of the client <-> k-th POST /cgi of nginx.
    rpcs = [r for r in ends if r["kind"] == "scheduler_rpc"]
    posts = [r for r in nginx if r["method"] == "POST" and r["uri"] == "/cgi"]
    if len(rpcs) != len(posts):
        fail("%d scheduler RPCs in [conn] records, %d POST /cgi in nginx's log"
             % (len(rpcs), len(posts)))
    ok_rpc = 0
    for r, n in zip(rpcs, posts):
        conns = r["conns"].split(",")
        p = local_port(conns[-1])
        if p == int(n["port"]):
            ok_rpc += 1
        else:
            fail("scheduler RPC exchange %s: conn %s port %s, nginx saw %s"
                 % (r["exchange"], conns[-1], p, n["port"]))
    # Downloads: by path (each file once).
    dls = [r for r in ends if r["kind"] == "download"]
    gets = {r["uri"]: r for r in nginx
            if r["method"] == "GET" and r["uri"].startswith("/download/")}
    if len(dls) != len(gets):
        fail("%d downloads in [conn] records, %d GET /download/ in nginx's log"
             % (len(dls), len(gets)))
    ok_dl = 0
    for r in dls:
        n = gets.get(url_path(r["url"]))
        conns = r["conns"].split(",")
        p = local_port(conns[-1])
        if n is None:
            fail("download %s: nginx has no request for it" % r["url"])
        elif p != int(n["port"]):
            fail("download exchange %s (%s): conn %s port %s, nginx saw %s"
                 % (r["exchange"], url_path(r["url"]), conns[-1], p, n["port"]))
        else:
            ok_dl += 1
    # Connections and exchanges refer to each other; each connection closes.
    for r in ends:
        if r.get("outcome") != "completed":
            fail("exchange %s: outcome %s" % (r["exchange"], r.get("outcome")))
        if r["exchange"] not in starts:
            fail("exchange %s has no exchange_start" % r["exchange"])
        for c in r["conns"].split(","):
            if c == "-":
                fail("exchange %s: no connection" % r["exchange"])
                continue
            cl = closes.get(c)
            if cl is None:
                fail("conn %s (exchange %s) has no close record" % (c, r["exchange"]))
            elif r["exchange"] not in cl["exchanges"].split(","):
                fail("conn %s's close does not list exchange %s" % (c, r["exchange"]))
    for c, e in established.items():
        cl = closes.get(c)
        if cl and (cl["local"], cl["remote"]) != (e["local"], e["remote"]):
            fail("conn %s: close %s->%s, established %s->%s"
                 % (c, cl["local"], cl["remote"], e["local"], e["remote"]))
    # Plain HTTP: the close record's byte counts (from TCP_INFO and the
    # queues) are what nginx read and wrote on that port.
    ok_bytes = 0
    by_port = {}
    for c, cl in closes.items():
        by_port.setdefault(port(cl["local"]), []).append(cl)
    for p, cls in by_port.items():
        reqs = [n for n in nginx if int(n["port"]) == p]
        if len(cls) != 1 or not reqs or "sent" not in cls[0]:
            continue
        if any(r["url"].startswith("https:") for r in ends
               if cls[0]["conn"] in r["conns"].split(",")):
            continue
        want = (sum(int(n["request_length"]) for n in reqs),
                sum(int(n["bytes_sent"]) for n in reqs))
        got = (int(cls[0]["sent"]), int(cls[0]["recv"]))
        if got == want:
            ok_bytes += 1
        else:
            fail("conn %s: sent/recv %s, nginx read/wrote %s" % (cls[0]["conn"], got, want))
    print("conn records: %d; scheduler RPCs %d/%d and downloads %d/%d on nginx's ports;"
          " %d connections, %d closed (%s); byte counts as nginx's on %d"
          % (len(recs), ok_rpc, len(posts), ok_dl, len(gets), len(established),
             len(closes), ", ".join(sorted("%s=%d" % (k, v) for k, v in
                                           count(closes, "close").items())),
             ok_bytes))
    return 1 if failures else 0


def count(recs, key):
    out = {}
    for r in recs.values():
        out[r.get(key, "-")] = out.get(r.get(key, "-"), 0) + 1
    return out


if __name__ == "__main__":
    sys.exit(main())
