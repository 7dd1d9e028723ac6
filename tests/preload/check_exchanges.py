#!/usr/bin/env python3
"""Checks a trace's exchange records against truth_server's per-request log.

Every request the server answered must be exactly one exchange_end, in the
same order per connection, on the connection whose local port is the
server's peer port, with sent/recv equal to the server's in/out bytes,
reused=1 exactly for the second and later requests of a connection, and
the close record's exchanges= list equal to that connection's exchanges.
A connection's local port comes from its established record, or from its
close record when that is its only record; an exchange_end that names a
connection still open (its close comes later) must come after that
connection's established record (docs/trace-format.md: the trace shows a
connection no later than the first exchange it carried).
"""
import argparse
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from check_trace import STAMP, parse_fields  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trace", required=True)
    ap.add_argument("--server-log", required=True)
    args = ap.parse_args()

    requests = []  # (peer port, n, target, in, out)
    with open(args.server_log) as f:
        for line in f:
            if line.startswith("req "):
                w = parse_fields(line[4:].rstrip("\n"))
                requests.append((w["peer"].rsplit(":", 1)[1], int(w["n"]),
                                 w["target"], int(w["in"]), int(w["out"])))
    est, ends, closes, bad = {}, [], {}, []
    with open(args.trace) as f:
        for line in f:
            m = STAMP.match(line.rstrip("\n"))
            w = parse_fields(m.group(1)) if m else None
            if w is None:
                continue
            if w.get("ev") == "established":
                est[w["conn"]] = w["local"].rsplit(":", 1)[1]
            elif w.get("ev") == "exchange_end":
                ends.append(w)
                bad += [f"exchange={w.get('exchange')}: names conn={c}, still open, "
                        "before its established record"
                        for c in w.get("conns", "-").split(",")
                        if c != "-" and c not in est and c not in closes]
            elif w.get("ev") == "close":
                closes[w["conn"]] = w
                if w["conn"] not in est and w.get("local", "-") != "-":
                    est[w["conn"]] = w["local"].rsplit(":", 1)[1]
    if len(ends) != len(requests):
        bad.append(f"{len(requests)} requests answered, {len(ends)} exchange_end records")
    # Pair them per connection, in order: the server's requests by client
    # port, the exchanges by the connection libcurl named for them.
    by_port = {}
    for req in requests:
        by_port.setdefault(req[0], []).append(req)
    per_conn = {}
    for end in ends:
        conns = end.get("conns", "-").split(",")
        if len(conns) != 1 or conns[0] not in est:
            bad.append(f"exchange={end.get('exchange')}: conns={end.get('conns')}")
            continue
        per_conn.setdefault(conns[0], []).append(end)
    for conn, conn_ends in per_conn.items():
        port = est[conn]
        reqs = by_port.pop(port, [])
        if len(reqs) != len(conn_ends):
            bad.append(f"conn={conn} (port {port}): {len(conn_ends)} exchanges, "
                       f"server answered {len(reqs)} requests there")
        for req, end in zip(reqs, conn_ends):
            _, n, target, rin, rout = req
            where = f"exchange={end.get('exchange')} ({target})"
            if not end.get("url", "").endswith(target.split("?")[0]):
                bad.append(f"{where}: url={end.get('url')}")
            if (int(end["sent"]), int(end["recv"])) != (rin, rout):
                bad.append(f"{where}: sent/recv {end['sent']}/{end['recv']}, "
                           f"server in/out {rin}/{rout}")
            if end.get("reused") != ("1" if n > 1 else "0"):
                bad.append(f"{where}: reused={end.get('reused')} but it was request {n} "
                           "of its connection")
            if end.get("outcome") != "completed" or end.get("status") != "200":
                bad.append(f"{where}: outcome={end.get('outcome')} status={end.get('status')}")
    for port, reqs in by_port.items():
        bad.append(f"client port {port}: {len(reqs)} request(s) with no exchange on that connection")
    per_conn = {conn: [e["exchange"] for e in es] for conn, es in per_conn.items()}
    for conn, ids in per_conn.items():
        listed = closes.get(conn, {}).get("exchanges", "-")
        if listed != ",".join(ids):
            bad.append(f"conn={conn}: close says exchanges={listed}, expected {','.join(ids)}")
    for b in bad:
        print("FAIL", b)
    print(f"check_exchanges: {len(requests)} requests, {len(ends)} exchanges, "
          f"{len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
