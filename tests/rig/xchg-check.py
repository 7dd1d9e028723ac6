#!/usr/bin/env python3
"""Check the trace's HTTP exchanges from a real-client rig run against
what the other side saw, and look for the planted secrets.

usage: xchg-check.py WORKDIR CANARY_LIST [OUTPUT...]
       xchg-check.py --redact CANARY_LIST < LOG

WORKDIR is what tests/rig/real-client.sh left (run with --keep and
--canaries).  CANARY_LIST is "xchg-canaries.sh list FILE DATADIR": the
planted secrets, NAME=VALUE.  Each OUTPUT is a file written by a netlife
tool from the trace, scanned for secrets like the trace itself.

Ground truth, each written by the side that saw it:
  nginx-xchg.log       every request: its connection ($connection,
                       $remote_port, $connection_requests), protocol,
                       status, start and end, header and body bytes
  scheduler.log        every scheduler RPC as the scheduler answered it
  data/stdoutdae.txt   the client's own log

Prints one line per check, never a secret (only canary names); exits 1 if
any check failed.  With --redact, copies LOG to stdout with every canary
replaced by <canary:NAME> and exits 1 if there was one.
"""
import importlib.util
import os
import re
import sys
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
_SPEC = importlib.util.spec_from_file_location(
    "check_trace", os.path.join(HERE, "check-trace.py"))
ct = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(ct)
check = ct.check

PROJECT_NAME = "netlife test project"
# nginx's times have millisecond resolution.
MS = 0.0015
# nginx writes $msec when it logs, after its last write: on a busy 2-core
# machine that can come some milliseconds after the client had the answer.
END_SLACK = 0.05


# --- ground truth --------------------------------------------------------

def read_xchg_log(path):
    """nginx's requests (format "xchg" of make-nginx-conf.sh)."""
    requests = []
    for line in ct.read_lines(path):
        f = ct.parse_fields(line)
        end = float(f["msec"])
        requests.append({
            "end": end, "start": end - float(f["request_time"]),
            "port": int(f["port"]), "connection": int(f["connection"]),
            "nreq": int(f["connection_requests"]), "protocol": f["protocol"],
            "method": f["method"], "uri": f["uri"], "query": f["query"] == "?",
            "status": int(f["status"]),
            "request_length": int(f["request_length"]),
            "request_body": 0 if f["request_body"] == "-" else int(f["request_body"]),
            "bytes_sent": int(f["bytes_sent"]),
            "body_bytes_sent": int(f["body_bytes_sent"])})
    check(requests, "nginx logged the requests (nginx-xchg.log)")
    return sorted(requests, key=lambda r: r["start"])


def describe(req):
    return "%s %s (nginx connection %d, request %d)" % (
        req["method"], req["uri"], req["connection"], req["nreq"])


def read_scheduler_log(path):
    """The scheduler's answers, in order: {field: value}."""
    return [ct.parse_fields(line) for line in ct.read_lines(path)
            if " client=" in line]


RPC_PATTERNS = [
    ("reported", re.compile(r"Reporting (\d+) completed tasks")),
    ("requesting", re.compile(r"Requesting new tasks for (.*)")),
    ("work_request", re.compile(
        r"\[sched_op\] (\S+) work request: ([\d.]+) seconds; ([\d.]+) devices")),
    ("completed", re.compile(r"Scheduler request completed(?:: got (\d+) new tasks)?$")),
    ("server_version", re.compile(r"\[sched_op\] Server version (\d+)")),
    ("request_delay", re.compile(r"Project requested delay of (\d+) seconds")),
]


def client_rpcs(log_records):
    """The client's own account of each RPC, from its log records (which
    the trace copies from stdout, and the test checks against
    stdoutdae.txt): one dict per "Sending scheduler request" line."""
    rpcs = []
    prefix = "[%s] " % PROJECT_NAME
    for rec in log_records:
        text = rec.get("text", "")
        at = text.find(prefix)
        if at < 0:
            continue
        text = text[at + len(prefix):]
        if text.startswith("Sending scheduler request"):
            rpcs.append({"t_sending": float(rec["t"]), "work_request": {}})
            continue
        if not rpcs:
            continue
        rpc = rpcs[-1]
        for key, pattern in RPC_PATTERNS:
            m = pattern.fullmatch(text)
            if not m:
                continue
            if key == "work_request":
                rpc["work_request"][m.group(1).lower()] = (
                    float(m.group(2)), float(m.group(3)))
            elif key == "completed" and "t_completed" not in rpc:
                rpc["t_completed"] = float(rec["t"])
                rpc["received"] = int(m.group(1) or 0)
            elif key != "completed":
                rpc.setdefault(key, m.group(1))
    for rpc in rpcs:
        rpc.setdefault("reported", "0")	# no "Reporting" line
    return rpcs


# --- the trace -----------------------------------------------------------

def read_exchanges(records, front):
    """Exchange and connection records of the trace, keyed by number."""
    t = {"end": {}, "close": {},
         "established": {c: r for c, r in ct.came_up(records).items()
                         if r.get("remote") == front}}
    for rec in records:
        ev = rec.get("ev")
        if ev == "exchange_end":
            t["end"][rec["exchange"]] = rec
        elif ev == "close" and rec.get("remote") == front:
            t["close"][rec["conn"]] = rec
    return t


def check_conns_shown_first(records):
    """An exchange_end never names a connection the trace has not shown:
    one still open has its established record before it."""
    shown, late = set(), []
    for rec in records:
        if rec.get("ev") in ("established", "close"):
            shown.add(rec["conn"])
        elif rec.get("ev") == "exchange_end":
            late += ["exchange=%s conn=%s" % (rec["exchange"], c)
                     for c in rec.get("conns", "-").split(",")
                     if c not in ("-", "+") and c not in shown]
    check(not late, "every connection an exchange_end names is in the trace before it",
          "%s" % late[:5])


def local_port(rec):
    return int(rec["local"].rsplit(":", 1)[1])


def url_parts(url):
    """(scheme://host:port/, path, query or None) of a URL."""
    s = urlsplit(url)
    return ("%s://%s/" % (s.scheme, s.netloc), s.path,
            s.query if "?" in url else None)


def shown(url):
    """A URL fit to print: query-string values (which may be secrets)
    replaced by "...", so a failure message never shows one."""
    return re.sub(r"=[^&#]+", "=...", url or "")


def match_exchanges(ends, requests):
    """Pair each exchange_end with the nginx request it made: same method,
    path and status, nginx's start inside the exchange.  Returns
    {exchange: request} and the unmatched of both sides."""
    pairs, free = {}, list(requests)
    for num, end in sorted(ends.items(), key=lambda kv: float(kv[1]["t_start"])):
        _, path, _ = url_parts(end.get("url", ""))
        t0, t1 = float(end["t_start"]), float(end["t_end"])
        cands = [r for r in free if r["method"] == end.get("method")
                 and r["uri"] == path and str(r["status"]) == end.get("status")
                 and t0 - MS <= r["start"] and r["end"] <= t1 + END_SLACK]
        if cands:
            best = min(cands, key=lambda r: abs(r["start"] - t0))
            pairs[num] = best
            free.remove(best)
    unmatched = [n for n in ends if n not in pairs]
    return pairs, unmatched, free


# --- the checks ----------------------------------------------------------

REQUIRED_END_KEYS = ("exchange kind project master_url method url http status "
                     "sent recv t_start t_end outcome conns reused").split()


def check_one_to_one(t, requests, pairs, unmatched, free):
    check(t["end"], "the trace has ev=exchange_end records",
          "none: is this a shim with exchange records?")
    bad = [n for n, e in t["end"].items()
           if any(k not in e for k in REQUIRED_END_KEYS)]
    check(not bad, "every exchange_end has all its fields",
          "exchange(s) %s lack some of %s" % (bad, REQUIRED_END_KEYS))
    check(not unmatched, "every exchange_end is a request nginx saw",
          "; ".join("exchange %s: %s %s status %s, %s..%s" % (
              n, t["end"][n].get("method"), url_parts(t["end"][n].get("url", ""))[1],
              t["end"][n].get("status"), t["end"][n].get("t_start"),
              t["end"][n].get("t_end")) for n in unmatched))
    check(not free, "every request nginx saw is one exchange_end",
          "; ".join("%s at %.3f..%.3f" % (describe(r), r["start"], r["end"])
                    for r in free))
    nums = sorted(int(n) for n in t["end"])
    check(nums == list(range(1, len(nums) + 1)), "exchanges are numbered 1, 2, ...",
          "%s" % nums)
    check(len(pairs) == len(requests), "%d requests, %d exchanges matched" % (
        len(requests), len(pairs)), "%d matched" % len(pairs))


def expected_kind(req):
    if req["method"] == "POST" and req["uri"] == "/cgi":
        return "scheduler_rpc"
    if req["uri"].startswith("/download/"):
        return "download"
    return "?"


def check_exchange(num, end, req, t, env, base):
    """One exchange against its nginx request."""
    what = "exchange %s (%s)" % (num, describe(req))
    ubase, path, query = url_parts(end["url"])
    check(ubase == base and path == req["uri"], what + ": url is the request's",
          "url %s, nginx %s%s" % (shown(end["url"]), base, req["uri"][1:]))
    if req["query"]:
        check(query is not None and re.fullmatch(r"[^=&]+=(&[^=&]+=)*", query),
              what + ": query string kept, values removed", "query %r" % shown(query))
    else:
        check(query is None, what + ": no query string", "query %r" % shown(query))
    proto = {"HTTP/1.1": "1.1", "HTTP/2.0": "2", "HTTP/1.0": "1.0"}[req["protocol"]]
    check(end["http"] == proto, what + ": http=%s (nginx %s)" % (proto, req["protocol"]),
          "trace http=%s" % end["http"])
    check(end["kind"] == expected_kind(req), what + ": kind=%s" % expected_kind(req),
          "trace kind=%s" % end["kind"])
    check(end["outcome"] == "completed" and "error" not in end,
          what + ": outcome=completed", "outcome=%s error=%s" % (
              end["outcome"], end.get("error")))
    check(end["project"] == PROJECT_NAME and end["master_url"] == base,
          what + ": project and master_url", "project=%s master_url=%s" % (
              end["project"], end["master_url"]))
    check(float(end["t_start"]) - MS <= req["start"] and
          req["end"] <= float(end["t_end"]) + END_SLACK,
          what + ": nginx's request lies within t_start..t_end",
          "trace %s..%s, nginx %.3f..%.3f" % (end["t_start"], end["t_end"],
                                            req["start"], req["end"]))
    check_exchange_conns(what, num, end, req, t)
    check_bytes(what, end, req)


def check_exchange_conns(what, num, end, req, t):
    """conns= and reused= against nginx's connection of the request."""
    conns = end["conns"].split(",") if end["conns"] not in ("", "-") else []
    ports = {c: local_port(t["established"][c]) for c in conns if c in t["established"]}
    check(len(conns) == 1 and ports.get(conns[0]) == req["port"],
          what + ": conns= is the one connection from port %d" % req["port"],
          "conns=%s, their local ports %s" % (end["conns"], ports))
    want = "1" if req["nreq"] > 1 else "0"
    check(end["reused"] == want,
          what + ": reused=%s ($connection_requests %d)" % (want, req["nreq"]),
          "trace reused=%s" % end["reused"])


def check_bytes(what, end, req):
    """HTTP/1.x: libcurl's header+body counts are nginx's request_length
    and bytes_sent.  HTTP/2: headers travel HPACK-compressed, so only the
    bodies compare; the rest (libcurl's HTTP/1-style header text) is
    bounded and reported."""
    sent, recv = int(end["sent"]), int(end["recv"])
    if req["protocol"] != "HTTP/2.0":
        check(sent == req["request_length"],
              what + ": sent= equals nginx $request_length",
              "trace %d, nginx %d" % (sent, req["request_length"]))
        check(recv == req["bytes_sent"], what + ": recv= equals nginx $bytes_sent",
              "trace %d, nginx %d" % (recv, req["bytes_sent"]))
        return
    sent_head, recv_head = sent - req["request_body"], recv - req["body_bytes_sent"]
    check(20 <= sent_head <= 2000,
          what + ": sent= is the request body (%d) plus a header" % req["request_body"],
          "sent=%d leaves %d header bytes" % (sent, sent_head))
    check(20 <= recv_head <= 2000,
          what + ": recv= is nginx's $body_bytes_sent (%d) plus a header"
          % req["body_bytes_sent"], "recv=%d leaves %d header bytes" % (recv, recv_head))
    print("info - %s: HTTP/2 header bytes: libcurl sent %d / received %d;"
          " nginx request_length-body %d, bytes_sent-body %d" % (
              what, sent_head, recv_head, req["request_length"] - req["request_body"],
              req["bytes_sent"] - req["body_bytes_sent"]))


def check_close_lists(t, requests, pairs):
    """Each connection's close record lists the exchanges nginx saw on it."""
    by_req = {id(r): n for n, r in pairs.items()}
    per_port = {}
    for r in sorted(requests, key=lambda r: (r["port"], r["nreq"])):
        per_port.setdefault(r["port"], []).append(by_req.get(id(r), "?"))
    for conn, est in sorted(t["established"].items(), key=lambda kv: int(kv[0])):
        port = local_port(est)
        want = per_port.get(port, [])
        close = t["close"].get(conn)
        what = "connection %s (port %d, %d request(s))" % (conn, port, len(want))
        if not check(close is not None, what + ": closed in the trace"):
            continue
        got = close.get("exchanges", "")
        got = [] if got in ("", "-") else got.split(",")
        check(got == want, what + ": close exchanges= is nginx's order of requests",
              "trace exchanges=%s, nginx %s" % (close.get("exchanges"), ",".join(want)))
    missing = [p for p in per_port
               if p not in {local_port(e) for e in t["established"].values()}]
    check(not missing, "every nginx connection is a traced connection", "%s" % missing)


def parse_resources(value):
    """"cpu:8640,NVIDIA:0" -> {"cpu": 8640.0, "nvidia": 0.0}."""
    out = {}
    for item in (value or "").split(","):
        if ":" in item:
            name, num = item.rsplit(":", 1)
            out[name.lower()] = float(num)
    return out


def check_rpc_summaries(t, pairs, client, sched):
    """The scheduler_rpc summary fields against the client's log lines
    and what the scheduler answered."""
    rpcs = sorted((n for n in pairs if t["end"][n]["kind"] == "scheduler_rpc"),
                  key=lambda n: float(t["end"][n]["t_start"]))
    check(len(rpcs) == len(client) == len(sched),
          "%d scheduler RPCs: exchanges, client log, scheduler log" % len(sched),
          "%d / %d / %d" % (len(rpcs), len(client), len(sched)))
    for k, (num, mine, theirs) in enumerate(zip(rpcs, client, sched), 1):
        end, what = t["end"][num], "RPC %d (exchange %s)" % (k, num)
        check(theirs.get("client") == "127.0.0.1:%d" % pairs[num]["port"],
              what + ": the scheduler answered this request", "scheduler saw %s, nginx %d" % (
                  theirs.get("client"), pairs[num]["port"]))
        check(mine["t_sending"] <= float(end["t_start"])
              and float(end["t_end"]) <= mine.get("t_completed", 0),
              what + ": between the client's Sending and Completed lines",
              "%.6f <= %s .. %s <= %s" % (mine["t_sending"], end["t_start"],
                                          end["t_end"], mine.get("t_completed")))
        check(end.get("reported") == str(mine["reported"]) == theirs.get("reported"),
              what + ": reported=%s (client: Reporting; scheduler)" % mine["reported"],
              "trace %s, scheduler %s" % (end.get("reported"), theirs.get("reported")))
        check(end.get("received") == str(mine.get("received")) == theirs.get("jobs_sent"),
              what + ": received=%s (client: got N new tasks; scheduler: jobs sent)"
              % mine.get("received"), "trace %s, scheduler %s" % (
                  end.get("received"), theirs.get("jobs_sent")))
        check(end.get("request_delay") == mine.get("request_delay") == theirs.get("request_delay"),
              what + ": request_delay=%s" % theirs.get("request_delay"),
              "trace %s, client %s" % (end.get("request_delay"), mine.get("request_delay")))
        check(end.get("scheduler_version") == mine.get("server_version")
              == theirs.get("scheduler_version"),
              what + ": scheduler_version=%s" % theirs.get("scheduler_version"),
              "trace %s, client %s" % (end.get("scheduler_version"), mine.get("server_version")))
        no_work = theirs.get("jobs_sent") == "0"
        check(end.get("messages", "") == ("No work available" if no_work else ""),
              what + ": messages= are the scheduler's", "trace %r" % end.get("messages"))
        check("xml_note" not in end, what + ": no xml_note", "%r" % end.get("xml_note"))
        check_work_request(what, end, mine, theirs)


def check_work_request(what, end, mine, theirs):
    secs, inst = parse_resources(end.get("req_secs")), parse_resources(end.get("req_instances"))
    asked = mine["work_request"].get("cpu")
    if mine.get("requesting") is None:
        check(secs.get("cpu", 0) == 0, what + ": req_secs cpu:0 (client: not requesting)",
              "trace req_secs=%s" % end.get("req_secs"))
        return
    check(asked is not None and abs(secs.get("cpu", -9) - asked[0]) <= 1
          and abs(secs.get("cpu", -9) - float(theirs.get("work_req_s", -9))) <= 1,
          what + ": req_secs cpu is the client's CPU work request",
          "trace req_secs=%s, client %s, scheduler %s" % (
              end.get("req_secs"), asked, theirs.get("work_req_s")))
    check(asked is not None and abs(inst.get("cpu", -9) - asked[1]) <= 0.01,
          what + ": req_instances cpu is the client's device count",
          "trace req_instances=%s, client %s" % (end.get("req_instances"), asked))


def check_reuse_shape(requests, env):
    """What the rig was asked for, as nginx saw it."""
    reused = [r for r in requests if r["nreq"] > 1]
    if env["KEEPALIVE"] == "1":
        first_rpc = next((r for r in requests if r["method"] == "POST"), None)
        later = [r for r in requests if first_rpc and r["uri"].startswith("/download/")
                 and r["connection"] == first_rpc["connection"]]
        check(later, "keep-alive: a download reused the first RPC's connection",
              "connections: %s" % sorted({r["connection"] for r in requests}))
    else:
        check(not reused, "no keep-alive: one request per connection",
              "%s" % [describe(r) for r in reused])
    proto = {r["protocol"] for r in requests}
    want = "HTTP/2.0" if env.get("HTTP2") == "1" else "HTTP/1.1"
    check(proto == {want}, "every request went over %s" % want, "%s" % proto)
    print("info - %d requests over %d connection(s)" % (
        len(requests), len({r["connection"] for r in requests})))


def check_overlap(t, pairs, requests):
    """--slow-downloads: the second RPC ran while both input downloads
    were in progress, by nginx's clock and by the trace's."""
    inputs = [r for r in requests if r["uri"].startswith("/download/rig_in_")]
    rpcs = [r for r in requests if r["method"] == "POST"]
    if not check(len(inputs) >= 2 and len(rpcs) >= 2,
                 "slow downloads: two input downloads and a second RPC"):
        return
    rpc, dls = rpcs[1], inputs[:2]
    check(all(d["start"] <= rpc["start"] and rpc["end"] <= d["end"] for d in dls),
          "nginx: RPC 2 lies inside both input downloads",
          "RPC %.3f..%.3f, downloads %s" % (rpc["start"], rpc["end"], [
              "%.3f..%.3f" % (d["start"], d["end"]) for d in dls]))
    num = {id(r): n for n, r in pairs.items()}
    ends = [t["end"].get(num.get(id(r))) for r in [rpc] + dls]
    if all(ends):
        r, d = ends[0], ends[1:]
        check(all(float(x["t_start"]) < float(r["t_start"]) and
                  float(r["t_end"]) < float(x["t_end"]) for x in d),
              "trace: RPC 2's exchange lies inside both downloads' exchanges",
              "RPC %s..%s, downloads %s" % (r["t_start"], r["t_end"], [
                  "%s..%s" % (x["t_start"], x["t_end"]) for x in d]))
    print("info - RPC 2 went over nginx connection %d; the input downloads over %s;"
          " downloads took %s s" % (rpc["connection"], [d["connection"] for d in dls],
                                    ["%.1f" % (d["end"] - d["start"]) for d in dls]))


# --- canaries ------------------------------------------------------------

def read_canaries(path):
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


def canary_pattern(value):
    """A canary as a regex: a number only as a whole number."""
    if value.isdigit():
        return re.compile(r"(?<![0-9])%s(?![0-9])" % value)
    return re.compile(re.escape(value))


def only_removed(text, line):
    """Is text the line with parts taken out (and "<redacted>" marks)?"""
    rest = iter(line)
    return all(ch in rest for ch in text.replace("<redacted>", ""))


def canaries_in(text, canaries):
    """The names of the canaries that occur in text."""
    return sorted(n for n, v in canaries.items() if canary_pattern(v).search(text))


def read_text(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


# Where each canary must be after the run: proof that it was planted,
# and (sched_request: the client's last request; nginx-access.log: the
# URLs nginx was asked for) that it went over the wire.
PLANTED = [
    ("authenticator", "data/sched_request_*.xml"),
    ("hostid", "data/sched_request_*.xml"),
    ("host_cpid", "data/sched_request_*.xml"),
    ("cross_project_id", "data/sched_request_*.xml"),
    ("email_hash", "data/sched_request_*.xml"),
    ("global_prefs", "data/sched_request_*.xml"),
    ("external_cpid", "data/client_state.xml"),
    ("user_name", "data/client_state.xml"),
    ("team_name", "data/client_state.xml"),
    ("project_prefs", "data/account_*.xml"),
    ("download_token", "nginx-access.log"),
    ("cookie", "scratch/nginx/nginx.conf"),
    ("proxy_user", "data/cc_config.xml"),
    ("proxy_passwd", "data/cc_config.xml"),
    ("gui_password", "data/gui_rpc_auth.cfg"),
]


def check_canaries(workdir, canaries, outputs):
    import glob
    missing = [n for n, _ in PLANTED if n not in canaries]
    check(not missing, "all canaries are known (host_cpid read back)", "%s" % missing)
    unplanted = []
    for name, pattern in PLANTED:
        files = glob.glob(os.path.join(workdir, pattern))
        if name in canaries and not any(
                canary_pattern(canaries[name]).search(read_text(f)) for f in files):
            unplanted.append(name)
    check(not unplanted, "every canary was planted where the client holds or sends it",
          "not found: %s" % unplanted)
    # With file_xfer_debug and http_debug on, the client's own log holds
    # secrets (download tokens, cookies): that is what the trace must not copy.
    found = canaries_in(read_text(os.path.join(workdir, "data", "stdoutdae.txt")), canaries)
    check("download_token" in found,
          "the client's own log holds the download token (the leak path is exercised)",
          "it holds %s" % found)
    scanned = [os.path.join(workdir, n) for n in ("trace.txt", "trace.txt.old", "client.out")]
    for path in [p for p in scanned if os.path.exists(p)] + outputs:
        found = canaries_in(read_text(path), canaries)
        check(not found, "no canary in %s" % os.path.basename(path), "it holds %s" % found)


def redact(canaries):
    """Copy stdin to stdout, canaries replaced by their names."""
    found = set()
    for line in sys.stdin:
        for name, value in canaries.items():
            line, n = canary_pattern(value).subn("<canary:%s>" % name, line)
            if n:
                found.add(name)
        sys.stdout.write(line)
    return found


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--redact":
        found = redact(read_canaries(args[1]))
        if found:
            print("FAIL - the test's own log held canaries: %s" % sorted(found))
        sys.exit(1 if found else 0)
    if len(args) < 2:
        sys.exit(__doc__)
    workdir, canaries = args[0], read_canaries(args[1])
    env = ct.read_env(os.path.join(workdir, "rig.env"))
    base, front = env["URL"], "127.0.0.1:%s" % env["FRONT_PORT"]
    headers, records = ct.read_trace(os.path.join(workdir, "trace.txt"))
    check(len(headers) == 1, "the trace holds one client run", "%d headers" % len(headers))
    client_log = ct.read_lines(os.path.join(workdir, "data", "stdoutdae.txt"))
    logged = [r for r in records if r.get("ev") == "log"]
    # Redaction only takes out (query values, secret elements' text,
    # header values), marking it "<redacted>": never adds or alters.
    altered = [line for rec, line in zip(logged, client_log)
               if not only_removed(rec.get("text", ""), line)]
    check(len(logged) == len(client_log) and not altered,
          "ev=log records equal stdoutdae.txt, in order, but for what redaction took out",
          "%d records, %d lines; %d changed otherwise" % (
              len(logged), len(client_log), len(altered)))
    requests = read_xchg_log(os.path.join(workdir, "nginx-xchg.log"))
    sched = read_scheduler_log(os.path.join(workdir, "scheduler.log"))

    elsewhere = [r.get("remote") for r in records
                 if r.get("ev") in ("established", "connect_fail", "close")
                 and r.get("remote") != front]
    check(not elsewhere, "the client connected to the project only (not to the proxy)",
          "%s" % elsewhere)
    t = read_exchanges(records, front)
    check_conns_shown_first(records)
    pairs, unmatched, free = match_exchanges(t["end"], requests)
    check_one_to_one(t, requests, pairs, unmatched, free)
    for num, req in sorted(pairs.items(), key=lambda kv: kv[1]["start"]):
        check_exchange(num, t["end"][num], req, t, env, base)
    check_close_lists(t, requests, pairs)
    check_rpc_summaries(t, pairs, client_rpcs(logged), sched)
    check_reuse_shape(requests, env)
    if env.get("DOWNLOAD_RATE"):
        check_overlap(t, pairs, requests)
    check_canaries(workdir, canaries, args[2:])
    print("%d check(s) failed" % len(ct.FAILURES) if ct.FAILURES else "all checks passed")
    sys.exit(1 if ct.FAILURES else 0)


if __name__ == "__main__":
    main()
