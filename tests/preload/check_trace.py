#!/usr/bin/env python3
"""Check a netlife trace against truth_server's ground-truth log.

For every connection the server saw (except those whose first request path
starts with an --ignore-first prefix, which must not appear in the trace at
all), the trace must hold exactly one ev=close with local = the server's
peer, remote = the server's address, sent = bytes the server received,
recv + unread = bytes the server sent, events in order (established first
and once, or close alone when nothing else was written about the
connection: docs/trace-format.md; then the rest, close last, t= never going
back), one resume event per idle gap, and whatever the client program (its
"expect port=P ..." lines) or the test (--all) adds.  A connection the
client left open at its exit (its "open port=P" line) must instead have
its established record (written at exit) and no close.  An expectation is KEY OP VALUE with
OP one of = != >= <= ~ (contains); VALUE "@KEY" means another key's value.
Keys: the close record's fields, connect.F / established.F / shutdown.F
(the first such event; established.F of a connection with a close record
only is what that close says: local, remote, t_connect, connect_us), n_ev_EVENT (how many), history_idles (I letters),
server.F (the server's log line).

Exits 0 if all holds, 1 with one line per failure (expected vs found).
"""

import argparse
import re
import sys

STAMP = re.compile(r"^\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{6} (.*)$")
FIELD = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|[^ "]*)(?: |$)')
EXPR = re.compile(r"^([A-Za-z0-9_.]+)(=|!=|>=|<=|~)(.*)$")


class Failures:
    """Collects failures so that one run reports all of them."""

    def __init__(self):
        self.lines = []

    def add(self, where, message, *context):
        self.lines.append(f"FAIL [{where}]: {message}")
        self.lines.extend(f"    {c}" for c in context if c)


def parse_fields(text):
    """key=value pairs of one line; None if the line is malformed."""
    fields, pos = {}, 0
    while pos < len(text):
        m = FIELD.match(text, pos)
        if not m:
            return None
        value = m.group(2)
        if value.startswith('"'):
            value = bytes(value[1:-1], "utf-8").decode("unicode_escape")
        fields[m.group(1)] = value
        pos = m.end()
    return fields


def read_trace(path, fail):
    """Headers and events of a trace; each event keeps its line and number."""
    headers, events = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#netlife-trace "):
                headers.append(parse_fields(line.split(" ", 2)[2]) or {})
                continue
            m = STAMP.match(line)
            fields = parse_fields(m.group(1)) if m else None
            if not fields or "t" not in fields or "ev" not in fields:
                fail.add(f"trace line {number}", "malformed line", line)
                continue
            fields["_line"], fields["_number"] = line, number
            # conn= counts from 1 in each run (header): the run is part of its identity.
            fields["_conn"] = (len(headers), fields.get("conn"))
            fields["_t"] = float(fields["t"])
            events.append(fields)
    return headers, events


def read_server_log(path):
    """The server's connections, in the order they were opened."""
    conns = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("conn "):
                fields = parse_fields(line.rstrip("\n")[5:]) or {}
                fields["_line"] = line.rstrip("\n")
                conns.append(fields)
    conns.sort(key=lambda c: float(c["t_open"]))
    return conns


def read_client_output(paths):
    """The clients' pids (if printed), their expectations (port, [expr]) and
    the ports of connections they left open at exit."""
    pids, expects, left_open = set(), [], set()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                words = line.split()
                if words and words[0].startswith("pid="):
                    pids.add(words[0][4:])
                elif words and words[0] == "expect" and words[1].startswith("port="):
                    expects.append((words[1][5:], words[2:]))
                elif len(words) == 2 and words[0] == "open" and words[1].startswith("port="):
                    left_open.add(words[1][5:])
    return pids, expects, left_open


def port_of(address):
    """The port of IPv4:port or [IPv6]:port."""
    return address.rsplit(":", 1)[-1]


def usec(t):
    """A t= / t_* value in microseconds, exactly."""
    whole, _, frac = t.partition(".")
    return int(whole) * 1000000 + int((frac + "000000")[:6])


def established_from_close(close):
    """What the established record would have said, from a close record that
    is its connection's only record (docs/trace-format.md)."""
    return {"ev": "established", "conn": close.get("conn"), "fd": close.get("fd"),
            "local": close.get("local"), "remote": close.get("remote"),
            "t": close.get("t_established"), "t_connect": close.get("t_connect"),
            "connect_us": str(usec(close["t_established"]) - usec(close["t_connect"]))}


def conn_view(close, events, server):
    """Every key an expectation may name, for one connection."""
    view = {k: v for k, v in close.items() if not k.startswith("_")}
    if [e["ev"] for e in events] == ["close"] and close.get("t_established", "-") != "-":
        events = [established_from_close(close)] + events
    for ev in events:
        view[f"n_ev_{ev['ev']}"] = view.get(f"n_ev_{ev['ev']}", 0) + 1
        for k, v in ev.items():
            if not k.startswith("_"):
                view.setdefault(f"{ev['ev']}.{k}", v)
    for name in ("established", "connect_fail", "resume", "peer_fin", "peer_rst",
                 "shutdown", "close"):
        view.setdefault(f"n_ev_{name}", 0)
    view["history_idles"] = close.get("history", "").count("I")
    for k, v in server.items():
        if not k.startswith("_"):
            view[f"server.{k}"] = v
    return view


def holds(view, expr):
    """(ok, found) for one expectation on a connection's view."""
    m = EXPR.match(expr)
    if not m:
        return False, f"bad expectation '{expr}'"
    key, op, want = m.groups()
    if want.startswith("@"):
        want = str(view.get(want[1:], f"<no {want[1:]}>"))
    if key not in view:
        return False, f"no {key}"
    have = str(view[key])
    if op == "~":
        return want in have, have
    if op in (">=", "<="):
        try:
            a, b = int(have), int(want)
        except ValueError:
            return False, have
        return (a >= b if op == ">=" else a <= b), have
    same = have == want
    return (same if op == "=" else not same), have


def check_close_alone(where, close, fail):
    """A connection whose only record is its close (it closed before anything
    else about it was written): the close must say it came up, and when."""
    t_connect, t_est = close.get("t_connect", "-"), close.get("t_established", "-")
    if t_est == "-" or t_connect == "-":
        fail.add(where, "close is the only record but has no t_connect/t_established",
                 close["_line"])
    elif not usec(t_connect) <= usec(t_est) <= usec(close["t"]):
        fail.add(where, "close alone: expected t_connect <= t_established <= t",
                 close["_line"])


def check_established(where, est, fail):
    """The established record: after its t_connect, connect_us = t - t_connect."""
    if est.get("t_connect", "-") == "-" or usec(est["t_connect"]) > usec(est["t"]):
        fail.add(where, "established before its t_connect", est["_line"])
    elif est.get("connect_us") != str(usec(est["t"]) - usec(est["t_connect"])):
        fail.add(where, "established: connect_us is not t - t_connect", est["_line"])


def check_order(where, conn_events, fail):
    """established first and once (it carries t_connect), or close alone;
    close last, t= never going back."""
    names = [e["ev"] for e in conn_events]
    if names == ["close"]:
        check_close_alone(where, conn_events[0], fail)
    elif names[0] != "established":
        fail.add(where, f"first event is {names[0]}, expected established "
                 "(or close alone)", conn_events[0]["_line"])
    else:
        check_established(where, conn_events[0], fail)
    if names.count("established") > 1:
        fail.add(where, f"{names.count('established')} established records",
                 *(e["_line"] for e in conn_events if e["ev"] == "established"))
    if names[-1] != "close" or names.count("close") != 1:
        fail.add(where, "close is not the single last event: " + " ".join(names))
    for a, b in zip(conn_events, conn_events[1:]):
        if b["_t"] < a["_t"]:
            fail.add(where, f"t= goes back from {a['ev']} to {b['ev']}", a["_line"], b["_line"])


def check_connection(where, server, close, conn_events, server_addr, fail):
    """The generic assertions that hold for every connection."""
    ctx = (f"trace:  {close['_line']}", f"server: {server['_line']}")
    if close.get("remote") != server_addr:
        fail.add(where, f"expected remote={server_addr} (the server), found "
                 f"remote={close.get('remote')}", *ctx)
    if close.get("sent") != server["rx"]:
        fail.add(where, f"expected sent={server['rx']} (bytes the server received), "
                 f"found sent={close.get('sent')}", *ctx)
    try:
        recv, unread = int(close.get("recv", -1)), int(close.get("unread", -1))
    except ValueError:
        recv = unread = -1
    if recv < 0 or unread < 0 or recv + unread != int(server["tx"]):
        fail.add(where, f"expected recv+unread={server['tx']} (bytes the server sent), "
                 f"found recv={close.get('recv')} unread={close.get('unread')}", *ctx)
    kind = close.get("close")
    if unread > 0 and kind not in ("RST_UNREAD", "RST_LINGER0"):
        fail.add(where, f"unread={unread} but close={kind} (the kernel sends a RST)", *ctx)
    if kind == "FIN" and unread != 0:
        fail.add(where, "close=FIN with unread bytes", *ctx)
    for ev in conn_events:
        if ev["ev"] == "resume" and int(ev.get("idle_ms", 0)) < 1000:
            fail.add(where, f"resume with idle_ms={ev.get('idle_ms')} < 1000", ev["_line"])
        if ev["ev"] == "established" and ev.get("local") != close.get("local"):
            fail.add(where, "established and close disagree on local", ev["_line"], close["_line"])
    view = conn_view(close, conn_events, server)
    if str(view.get("resumes")) != str(view["n_ev_resume"]):
        fail.add(where, f"resumes={view.get('resumes')} but {view['n_ev_resume']} resume events",
                 *ctx)
    if "+" not in close.get("history", "") and view["history_idles"] != view["n_ev_resume"]:
        fail.add(where, f"history has {view['history_idles']} I letters but "
                 f"{view['n_ev_resume']} resume events", *ctx)
    check_order(where, conn_events, fail)
    return view


def check_left_open(where, servers, events, fail):
    """A connection the client left open when it exited: no close record, and
    its established record, owed until then, written at exit."""
    peer, addr = servers[0]["peer"], servers[0]["local"]
    if len(servers) != 1:
        fail.add(where, f"expected 1 connection from {peer}, the server saw {len(servers)}")
        return
    mine = [e for e in events if e.get("local") == peer]
    ests = [e for e in mine if e["ev"] == "established" and e.get("remote") == addr]
    if len(ests) != 1 or len(mine) != 1:
        fail.add(where, "expected its established record alone (written at exit), found "
                 f"{len(mine)} record(s)", *(e["_line"] for e in mine))
        return
    others = [e for e in events if e["_conn"] == ests[0]["_conn"] and e is not ests[0]]
    if others:
        fail.add(where, "a connection left open has other records", *(e["_line"] for e in others))
    check_established(where, ests[0], fail)


def check_expectations(where, view, exprs, origin, close_line, fail):
    """Applies one list of expectations to one connection."""
    for expr in exprs:
        ok, found = holds(view, expr)
        if not ok:
            key = EXPR.match(expr).group(1) if EXPR.match(expr) else expr
            fail.add(where, f"expected {expr} ({origin}), found {key}={found}", close_line)


def event_matches(ev, spec):
    """True if the event has every key=value of spec."""
    return all(ev.get(k) == v for k, v in (s.split("=", 1) for s in spec.split()))


def check_global(args, headers, events, pids, fail):
    """Headers, the clients' pids, --event / --no-event."""
    if len(headers) != args.headers:
        fail.add("trace", f"expected {args.headers} header line(s), found {len(headers)}",
                 *(f"header pid={h.get('pid')} exe={h.get('exe')}" for h in headers))
    header_pids = {h.get("pid") for h in headers}
    if pids and header_pids != pids:
        fail.add("trace", f"expected header pids {sorted(pids)} (the clients), found "
                 f"{sorted(header_pids, key=str)}")
    for spec in args.event:
        if not any(event_matches(e, spec) for e in events):
            fail.add("trace", f"expected an event with {spec}, found none")
    for spec in args.no_event:
        for e in events:
            if event_matches(e, spec):
                fail.add("trace", f"expected no event with {spec}", e["_line"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trace", required=True)
    ap.add_argument("--server-log", required=True)
    ap.add_argument("--client-out", action="append", default=[])
    ap.add_argument("--all", action="append", default=[], help="expectation for every conn")
    ap.add_argument("--conns", type=int, help="connections the server must have seen")
    ap.add_argument("--headers", type=int, default=1)
    ap.add_argument("--ignore-first", action="append", default=[],
                    help="server conns whose first path starts so must be absent")
    ap.add_argument("--event", action="append", default=[], help="'k=v ...' must occur")
    ap.add_argument("--no-event", action="append", default=[], help="'k=v ...' must not")
    args = ap.parse_args()

    fail = Failures()
    headers, events = read_trace(args.trace, fail)
    servers = read_server_log(args.server_log)
    pids, expects, left_open = read_client_output(args.client_out)
    check_global(args, headers, events, pids, fail)

    closes = [e for e in events if e["ev"] == "close"]
    used_closes = set()		# line numbers of the closes paired with the server
    ignored = [s for s in servers if any(s["first"].startswith(p) for p in args.ignore_first)]
    checked = [s for s in servers if s not in ignored]
    if args.conns is not None and len(checked) != args.conns:
        fail.add("server", f"expected {args.conns} connections, the server saw {len(checked)}",
                 *(s["_line"] for s in checked))

    for s in ignored:
        for e in events:
            if e.get("local") == s["peer"]:
                fail.add(f"port {port_of(s['peer'])} {s['first']}",
                         "a connection that must not be traced is in the trace", e["_line"])

    views = {}			# port -> [(where, view, close line)] in server order
    for peer in dict.fromkeys(s["peer"] for s in checked):
        # A port may come back for a later connection: pair them in order.
        mine_s = [s for s in checked if s["peer"] == peer]
        if port_of(peer) in left_open:
            left_open.discard(port_of(peer))
            check_left_open(f"port {port_of(peer)} {mine_s[0]['first']} (left open)",
                            mine_s, events, fail)
            continue
        mine_c = [c for c in closes if c.get("local") == peer]
        if len(mine_c) != len(mine_s):
            fail.add(f"port {port_of(peer)} {mine_s[0]['first']}",
                     f"expected {len(mine_s)} ev=close with local={peer}, found {len(mine_c)}",
                     *(f"server: {s['_line']}" for s in mine_s), *(c["_line"] for c in mine_c))
            continue
        for s, close in zip(mine_s, mine_c):
            used_closes.add(close["_number"])
            where = f"port {port_of(peer)} {s['first']} conn={close.get('conn')}"
            conn_events = [e for e in events if e["_conn"] == close["_conn"]]
            view = check_connection(where, s, close, conn_events, s["local"], fail)
            check_expectations(where, view, args.all, "--all", close["_line"], fail)
            views.setdefault(port_of(peer), []).append((where, view, close["_line"]))

    conn_ids = [c["_conn"] for c in closes]
    for run, conn in set(conn_ids):
        if conn_ids.count((run, conn)) > 1:
            fail.add(f"run {run} conn={conn}",
                     f"{conn_ids.count((run, conn))} close events for one conn")
    for c in closes:
        if c["_number"] in used_closes:
            continue
        if c.get("t_established", "-") == "-":
            # docs/trace-format.md: a connection that never came up sends
            # neither FIN nor RST at close (close=NONE).
            if c.get("close") != "NONE":
                fail.add(f"conn={c.get('conn')}", "expected close=NONE (never connected), "
                         f"found close={c.get('close')}", c["_line"])
        elif c.get("local", "-") != "-":
            fail.add(f"conn={c.get('conn')}", "a close for a connection the server never saw",
                     c["_line"])

    for port in sorted(left_open):
        fail.add(f"port {port}", "the client left a connection open here; the server saw none")
    used_per_port = {}
    for port, exprs in expects:
        i = used_per_port[port] = used_per_port.get(port, 0) + 1
        if len(views.get(port, [])) < i:
            fail.add(f"port {port}", "the client expects a connection here; none was checked",
                     "expect " + " ".join(exprs))
            continue
        where, view, line = views[port][i - 1]
        check_expectations(where, view, exprs, "client", line, fail)

    if fail.lines:
        print("\n".join(fail.lines))
        failures = sum(1 for line in fail.lines if line.startswith("FAIL"))
        print(f"check_trace: {failures} failure(s); trace {args.trace}, "
              f"server log {args.server_log}")
        return 1
    print(f"check_trace: OK: {len(checked)} connection(s), {len(expects)} client "
          f"expectation line(s), {len(ignored)} untraced connection(s) absent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
