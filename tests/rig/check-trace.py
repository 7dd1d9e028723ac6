#!/usr/bin/env python3
"""Check a netlife trace from the real-client rig against ground truth.

usage: check-trace.py WORKDIR CANARY [--canary-kept]

WORKDIR is what tests/rig/real-client.sh left.  The ground truth is what
the other side saw and wrote itself:
  nginx-access.log     every request: client port, nginx's connection,
                       bytes read from and written to the client
  scheduler.log        every scheduler RPC as the scheduler answered it
  data/stdoutdae.txt   the client's own log
CANARY is the account's authenticator: it must appear in no file the rig
left, except (--canary-kept) the client's state files, where it belongs.

Prints one line per check; exits 1 if any failed.
"""
import os
import re
import sys

FAILURES = []


def check(ok, what, detail=""):
    """Record and print one assertion."""
    print("%s - %s%s" % ("ok" if ok else "FAIL", what,
                         "" if ok or not detail else ": " + detail))
    if not ok:
        FAILURES.append(what)
    return ok


def read_env(path):
    """rig.env: the run's settings, KEY=VALUE per line."""
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


# --- the trace ---------------------------------------------------------

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def unquote(s, i):
    """Decode the quoted value starting at s[i] == '"'; return (value, end)."""
    out, i = [], i + 1
    while s[i] != '"':
        if s[i] == "\\":
            if s[i + 1] == "x":
                out.append(chr(int(s[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append(ESCAPES[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out), i + 1


def parse_fields(s):
    """key=value fields separated by single spaces, values maybe quoted."""
    fields, i = {}, 0
    while i < len(s):
        eq = s.index("=", i)
        key, i = s[i:eq], eq + 1
        if s[i:i + 1] == '"':
            fields[key], i = unquote(s, i)
        else:
            end = s.find(" ", i)
            end = len(s) if end < 0 else end
            fields[key], i = s[i:end], end
        i += 1
    return fields


def read_trace(path):
    """Return (headers, records); a record is a dict with 'stamp' added."""
    headers, records = [], []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                headers.append(parse_fields(line.split(" ", 2)[2]))
                continue
            day, clock, rest = line.split(" ", 2)
            rec = parse_fields(rest)
            rec["stamp"] = day + " " + clock
            records.append(rec)
    return headers, records


def seconds(t):
    return float(t)


def came_up(records):
    """Each connection that came up, by conn=: its established record, or,
    when it closed before anything else about it was written (then its
    close is its only record: docs/trace-format.md), the same facts taken
    from that close record (local, remote, t_connect; t= is t_established)."""
    up = {}
    for r in records:
        if r.get("ev") == "established":
            up[r["conn"]] = r
        elif (r.get("ev") == "close" and r["conn"] not in up
              and r.get("t_established", "-") != "-"):
            up[r["conn"]] = dict(r, ev="established", t=r["t_established"])
    return up


# --- the ground truth --------------------------------------------------

ACCESS_RE = re.compile(r'^(\S+) (\S+) (\d+) (\d+) (\d+) "([^"]*)" (\d+) (\d+) (\d+)$')


def read_access_log(path):
    """nginx's requests, in the order it logged them."""
    requests, bad = [], []
    with open(path) as f:
        for line in f:
            m = ACCESS_RE.match(line.rstrip("\n"))
            if m is None:
                bad.append(line.strip())
                continue
            requests.append({
                "msec": float(m.group(1)), "addr": m.group(2),
                "port": int(m.group(3)), "conn": int(m.group(4)),
                "nreq": int(m.group(5)), "request": m.group(6),
                "status": int(m.group(7)), "in": int(m.group(8)),
                "out": int(m.group(9))})
    check(requests and not bad, "nginx's access log parses", "%r" % bad[:2])
    return requests


def nginx_connections(requests):
    """Group requests by client port: {port: [requests]}."""
    conns = {}
    for r in requests:
        conns.setdefault(r["port"], []).append(r)
    return conns


def read_lines(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return [line.rstrip("\n") for line in f]


# --- the checks --------------------------------------------------------

def check_format(headers, records):
    check(len(headers) >= 1 and all(h.get("exe") == "/usr/bin/boinc" for h in headers),
          "trace headers are the client's only",
          "exe=%s" % [h.get("exe") for h in headers])
    bad = [r["stamp"] for r in records if not re.fullmatch(r"\d+\.\d{6}", r.get("t", ""))]
    check(not bad, "every record has t= in seconds.microseconds", "%s" % bad[:3])


def check_log_lines(records, client_log):
    """The trace holds the client's log, line for line."""
    logged = [r.get("text") for r in records if r.get("ev") == "log"]
    missing = [line for line in client_log if line not in logged]
    check(not missing, "every line of stdoutdae.txt is an ev=log record",
          "%d missing, first: %r" % (len(missing), missing[:1]))
    check(logged == client_log, "ev=log records equal stdoutdae.txt, in order",
          "%d records vs %d lines" % (len(logged), len(client_log)))


def check_connections(records, conns, front):
    """Each nginx connection: one close record, with nginx's byte counts."""
    closes = [r for r in records if r.get("ev") == "close"]
    for port, reqs in sorted(conns.items()):
        local = "127.0.0.1:%d" % port
        mine = [c for c in closes if c.get("local") == local and c.get("remote") == front]
        what = "connection from port %d (%d request(s))" % (port, len(reqs))
        if not check(len(mine) == 1, what + ": exactly one ev=close",
                     "found %d" % len(mine)):
            continue
        sent, recv = sum(r["in"] for r in reqs), sum(r["out"] for r in reqs)
        check(int(mine[0]["sent"]) == sent, what + ": sent= equals nginx $request_length",
              "trace %s, nginx %d" % (mine[0]["sent"], sent))
        check(int(mine[0]["recv"]) == recv, what + ": recv= equals nginx $bytes_sent",
              "trace %s, nginx %d" % (mine[0]["recv"], recv))
    talked = [c for c in closes if c.get("remote") == front and int(c.get("sent", 0)) > 0]
    unknown = [c["local"] for c in talked
               if int(c["local"].rsplit(":", 1)[1]) not in conns]
    check(not unknown, "every traced connection that sent data is in nginx's log",
          "%s" % unknown)
    elsewhere = [r["remote"] for r in records
                 if r.get("ev") in ("established", "connect_fail", "close")
                 and r.get("remote") != front]
    check(not elsewhere, "the client connected to the project only", "%s" % elsewhere)


def conn_events(records, port, front):
    """The records of the traced connection with this local port."""
    local = "127.0.0.1:%d" % port
    ids = {r["conn"] for r in records
           if r.get("local") == local and r.get("remote") == front}
    return [r for r in records if r.get("conn") in ids and r.get("ev") != "log"]


def check_rpcs(records, requests, sched_log, env, front):
    """Each RPC's connection lies between its Sending and Completed lines."""
    rpcs = int(env["RPCS"])
    keepalive = env["KEEPALIVE"] == "1"
    sending = [r for r in records if r.get("ev") == "log"
               and "Sending scheduler request" in r.get("text", "")]
    completed = [r for r in records if r.get("ev") == "log"
                 and "Scheduler request completed" in r.get("text", "")]
    posts = [r for r in requests if r["request"].startswith("POST /cgi ")]
    answered = [line for line in sched_log if " client=" in line]
    check(len(sending) == len(completed) == len(posts) == len(answered) == rpcs,
          "%d RPCs: Sending/Completed log records, nginx POSTs, scheduler answers" % rpcs,
          "%d/%d/%d/%d" % (len(sending), len(completed), len(posts), len(answered)))
    check([re.search(r"client=127\.0\.0\.1:(\d+)", a).group(1) for a in answered]
          == [str(p["port"]) for p in posts],
          "the scheduler saw the client ports nginx saw")
    for k, (send, post, done) in enumerate(zip(sending, posts, completed), 1):
        t_send, t_done = seconds(send["t"]), seconds(done["t"])
        events = conn_events(records, post["port"], front)
        est = [seconds(e["t"]) for e in came_up(events).values()]
        close = [seconds(e["t"]) for e in events if e["ev"] == "close"]
        if not check(len(est) == 1 and len(close) == 1,
                     "RPC %d: its connection was established and closed once" % k):
            continue
        if post["nreq"] == 1:
            check(t_send < est[0] < t_done,
                  "RPC %d: established between Sending and Completed" % k,
                  "%.6f / %.6f / %.6f" % (t_send, est[0], t_done))
        else:
            check_resumed_rpc(k, post, requests, events, t_send, t_done)
        if not keepalive:
            check(est[0] <= close[0] < t_done,
                  "RPC %d: closed before Scheduler request completed" % k,
                  "close %.6f, completed %.6f" % (close[0], t_done))


def check_resumed_rpc(k, post, requests, events, t_send, t_done):
    """An RPC on a reused connection after an idle gap: ev=resume inside it."""
    before = [r for r in requests if r["conn"] == post["conn"]
              and r["nreq"] == post["nreq"] - 1]
    if not before or post["msec"] - before[0]["msec"] < 1.5:
        return	# too short a gap for the shim to call it idle
    resumes = [seconds(e["t"]) for e in events if e["ev"] == "resume"]
    check(any(t_send < t < t_done for t in resumes),
          "RPC %d: reused connection resumed between Sending and Completed" % k,
          "resumes at %s" % resumes)


def check_downloads(requests, client_log, env):
    jobs = int(env["JOBS"])
    gets = [r for r in requests if r["request"].startswith("GET /download/")
            and r["status"] == 200]
    finished = [line for line in client_log if "Finished download of" in line]
    want = jobs + 1 if jobs > 0 else 0
    check(len(gets) == len(finished) == want,
          "%d downloads: nginx served them, the client finished them" % want,
          "%d served, %d finished" % (len(gets), len(finished)))


# Files of the client's data dir that hold the authenticator by design
# (init_data.xml: what a running task is told about its project).
STATE_FILES = re.compile(r"^data/(account_.*\.xml|client_state(_prev)?\.xml"
                         r"|sched_request_.*\.xml|slots/\d+/init_data\.xml)$")


def check_canary(workdir, canary, kept):
    """The authenticator appears only where the client keeps it."""
    holders = []
    for root, _, files in os.walk(workdir):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                if canary.encode() in f.read():
                    holders.append(os.path.relpath(path, workdir))
    leaked = [p for p in holders if not STATE_FILES.match(p)]
    check(not leaked, "the authenticator is in no trace or log", "found in %s" % leaked)
    if kept:
        check(any(p.startswith("data/sched_request_") for p in holders),
              "the client did send the planted authenticator", "found in %s" % holders)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    workdir, canary = sys.argv[1], sys.argv[2]
    kept = "--canary-kept" in sys.argv[3:]
    env = read_env(os.path.join(workdir, "rig.env"))
    front = "127.0.0.1:%s" % env["FRONT_PORT"]
    headers, records = read_trace(os.path.join(workdir, "trace.txt"))
    requests = read_access_log(os.path.join(workdir, "nginx-access.log"))
    client_log = read_lines(os.path.join(workdir, "data", "stdoutdae.txt"))
    sched_log = read_lines(os.path.join(workdir, "scheduler.log"))

    check_format(headers, records)
    check_log_lines(records, client_log)
    check_connections(records, nginx_connections(requests), front)
    check_rpcs(records, requests, sched_log, env, front)
    check_downloads(requests, client_log, env)
    check_canary(workdir, canary, kept)
    print("%d check(s) failed" % len(FAILURES) if FAILURES else "all checks passed")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
