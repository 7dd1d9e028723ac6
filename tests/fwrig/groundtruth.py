#!/usr/bin/env python3
"""groundtruth.py SCENARIO_DIR -- what the firewall rig provoked, from
everything but netlife: one row per server segment the gateway dropped.

Reads (tests/fwrig/run.sh leaves them):
  scenario.env               the scenario: its cause, hosts, addresses
  gw/nflog.txt, gw/nflog.pcap  the firewall's log (ulogd2 text and pcap):
                             the dropped segments, counted in both
  gw/wan.pcap, gw/lan.pcap   captures on both sides of the gateway
  gw/ct-events.txt           conntrack's events: each masqueraded
                             connection's client address and port
  srv/scheduler.log, srv/nginx-xchg.log
                             each request as the server saw it, with the
                             client's port (after masquerading)
Writes SCENARIO_DIR/ground-truth.tsv and prints a summary.  Fails (exit 1)
if the scenario did not provoke what it should: no dropped server segment,
a segment the text log and the pcap disagree on, one on a port the server
saw no request on, or one whose mechanism, judged from the captures, is
not the scenario's.

Each segment's mechanism, from the captures alone:
  fin_retransmit  a server FIN whose first copy had passed the gateway
  rst_unread      the client had closed the connection with RST
  late_fin / late_data   the client had closed with FIN; a FIN, or data
  idle_closed     the client had not closed; nothing had passed on the
                  connection for at least a second before the server's
                  first dropped segment
  state_lost      the client had not closed; the connection was busy
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fwpcap  # noqa: E402

FIELDS = ("n", "text_line", "pcap_index", "t_us", "host", "client_ip",
          "client_port", "server", "flags", "seq", "len", "prefix", "kind",
          "url", "request_t_us", "cause", "observed")
LOG_FLAGS = ("CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN")
IDLE_US = 1000000


def read_env(path):
    """scenario.env as a dict."""
    env = {}
    with open(path) as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("=")
            if sep:
                env[key] = value
    return env


def hosts_of(env):
    """[(label, ip, low port, high port)] of the scenario's client hosts."""
    hosts = []
    for i in range(1, int(env["HOSTS"]) + 1):
        label, ip, low, high = env["HOST%d" % i].split()
        hosts.append((label, ip, int(low), int(high)))
    return hosts


def read_text_log(path, server_ip):
    """The inbound server segments of ulogd2's LOGEMU file, with line
    numbers; and how many other lines (the client's own segments) it has."""
    rows, others = [], 0
    line_re = re.compile(r"^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ (.*?)\s*IN=")
    with open(path, errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = line_re.match(line)
            if not m:
                continue
            kv = dict(re.findall(r"(\w+)=(\S*)", line))
            if kv.get("PROTO") != "TCP":
                continue
            if kv.get("SRC") != server_ip or kv.get("IN") != "wan0":
                others += 1
                continue
            words = set(line.split())
            rows.append({
                "text_line": number, "prefix": m.group(1).strip(),
                "sport": int(kv["SPT"]), "dport": int(kv["DPT"]),
                "seq": int(kv.get("SEQ", -1)), "ipid": int(kv.get("ID", -1)),
                "flags": " ".join(w for w in LOG_FLAGS if w in words),
            })
    return rows, others


def read_drop_pcap(path, server_ip):
    """The server's segments in ulogd2's pcap of dropped packets."""
    return [p for p in fwpcap.read(path) if p.src == server_ip]


def pair_text_and_pcap(text_rows, pcap_rows, problems):
    """Join each text line with its pcap record (same packet: same IP ID,
    sequence number, ports and flags, in order)."""
    waiting = {}
    for p in pcap_rows:
        key = (p.ipid, p.seq, p.sport, p.dport, fwpcap.flag_words(p.flags))
        waiting.setdefault(key, []).append(p)
    for row in text_rows:
        key = (row["ipid"], row["seq"], row["sport"], row["dport"], row["flags"])
        if waiting.get(key):
            row["pcap"] = waiting[key].pop(0)
        else:
            problems.append("text line %d has no record in the pcap" % row["text_line"])
    left = sum(len(v) for v in waiting.values())
    if left:
        problems.append("%d pcap records have no line in the text log" % left)
    return [row for row in text_rows if "pcap" in row]


def read_nat(path):
    """{(server port, NAT port): [(t_us, client ip, client port)]} from
    conntrack's NEW events."""
    nat = {}
    event = re.compile(r"^\[(\d+)\.(\d+)\]\s+\[NEW\] tcp\s+\d+\s+\d+\s+\S+\s+"
                       r"src=(\S+) dst=\S+ sport=(\d+) dport=(\d+) .*?"
                       r"src=\S+ dst=\S+ sport=\d+ dport=(\d+)")
    if not os.path.exists(path):
        return nat
    with open(path, errors="replace") as f:
        for line in f:
            m = event.match(line)
            if m:
                t_us = int(m.group(1)) * 1000000 + int(m.group(2).ljust(6, "0")[:6])
                nat.setdefault((int(m.group(5)), int(m.group(6))), []).append(
                    (t_us, m.group(3), int(m.group(4))))
    return nat


def client_of(nat, hosts, server_port, nat_port, t_us):
    """(host label, client ip, client port) behind a masqueraded port."""
    ip, port = None, nat_port
    for t, cip, cport in nat.get((server_port, nat_port), []):
        if t <= t_us:
            ip, port = cip, cport
    for label, hip, low, high in hosts:
        if ip == hip or (ip is None and low <= port <= high):
            return label, hip, port
    return "?", ip or "?", port


def kind_of(path):
    """The exchange kind netlife gives a request of this path."""
    if path.startswith("/cgi"):
        return "scheduler_rpc"
    if path.startswith("/download/"):
        return "download"
    return "other"


def read_requests(srv, env):
    """{(server port, client port): [(t_us, path)]}: every request the
    server answered, by the port it came from (after masquerading)."""
    reqs = {}
    sched_direct = ":8080/" in env["SCHED_URL"]
    front = 443 if env["URL"].startswith("https") else 80
    path = os.path.join(srv, "nginx-xchg.log")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                kv = dict(re.findall(r'(\w+)="?([^" ]*)"?', line))
                if "port" in kv and "msec" in kv:
                    t_us = int(round(float(kv["msec"]) * 1e6))
                    reqs.setdefault((front, int(kv["port"])), []).append((t_us, kv["uri"]))
    path = os.path.join(srv, "scheduler.log")
    if sched_direct and os.path.exists(path):
        with open(path) as f:
            for line in f:
                m = re.match(r"^t=(\d+)\.(\d+) client=[^:]+:(\d+) ", line)
                if m:
                    t_us = int(m.group(1)) * 1000000 + int(m.group(2))
                    reqs.setdefault((8080, int(m.group(3))), []).append((t_us, "/cgi"))
    for v in reqs.values():
        v.sort()
    return reqs


def request_before(reqs, key, t_us):
    """The last request on a connection's ports before t_us (or the first)."""
    found = None
    for t, path in reqs.get(key, []):
        if t <= t_us or found is None:
            found = (t, path)
    return found


class Captures:
    """Both sides of the gateway, by connection."""

    def __init__(self, gw, server_ip):
        """Read wan.pcap and lan.pcap, keyed by the server port and the
        masqueraded (WAN) or real (LAN) client address."""
        self.wan, self.lan = {}, {}
        for p in fwpcap.read(os.path.join(gw, "wan.pcap")):
            if server_ip in (p.src, p.dst):
                key = (p.sport, p.dport) if p.src == server_ip else (p.dport, p.sport)
                self.wan.setdefault(key, []).append(p)
        for p in fwpcap.read(os.path.join(gw, "lan.pcap")):
            if server_ip in (p.src, p.dst):
                key = (p.sport, p.dst, p.dport) if p.src == server_ip \
                    else (p.dport, p.src, p.sport)
                self.lan.setdefault(key, []).append(p)
        self.server_ip = server_ip

    def mechanism(self, drop, first_drop, client):
        """The mechanism of one dropped segment, judged from the captures."""
        t, flags = drop.t_us, drop.flags
        wan = [p for p in self.wan.get((drop.sport, drop.dport), []) if p.t_us < t]
        lan = [p for p in self.lan.get((drop.sport, client[1], client[2]), [])
               if p.t_us < t]
        if flags & fwpcap.FIN and any(p.src == self.server_ip and p.flags & fwpcap.FIN
                                      and p.seq == drop.seq for p in lan):
            return "fin_retransmit"
        closes = [p for p in wan if p.src != self.server_ip
                  and p.flags & (fwpcap.FIN | fwpcap.RST)]
        if closes:
            if closes[0].flags & fwpcap.RST:
                return "rst_unread"
            if drop.paylen > 0:
                return "late_data"
            return "late_fin" if flags & fwpcap.FIN else "unexplained"
        passed = [p for p in lan if p.t_us < first_drop.t_us]
        if passed and first_drop.t_us - passed[-1].t_us >= IDLE_US:
            return "idle_closed"
        return "state_lost"


def ground_truth(scen):
    """(scenario, rows, count of the client's own drops, problems)."""
    env = read_env(os.path.join(scen, "scenario.env"))
    server_ip, hosts = env["SERVER_IP"], hosts_of(env)
    gw, problems = os.path.join(scen, "gw"), []
    text_rows, outbound = read_text_log(os.path.join(gw, "nflog.txt"), server_ip)
    drops = pair_text_and_pcap(text_rows, read_drop_pcap(
        os.path.join(gw, "nflog.pcap"), server_ip), problems)
    nat = read_nat(os.path.join(gw, "ct-events.txt"))
    reqs = read_requests(os.path.join(scen, "srv"), env)
    caps = Captures(gw, server_ip)
    first = {}
    rows = []
    for n, row in enumerate(drops, 1):
        p = row["pcap"]
        conn = (p.sport, p.dport)
        first.setdefault(conn, p)
        client = client_of(nat, hosts, p.sport, p.dport, p.t_us)
        req = request_before(reqs, conn, p.t_us)
        if req is None:
            problems.append("text line %d: the server saw no request from port %d"
                            % (row["text_line"], p.dport))
            req = (0, "?")
        observed = caps.mechanism(p, first[conn], client)
        if observed != env["CAUSE"]:
            problems.append("text line %d: port %d, %s: the captures say %s, not %s"
                            % (row["text_line"], p.dport, row["flags"], observed,
                               env["CAUSE"]))
        rows.append({
            "n": n, "text_line": row["text_line"], "pcap_index": p.index,
            "t_us": p.t_us, "host": client[0], "client_ip": client[1],
            "client_port": client[2], "server": "%s:%d" % (server_ip, p.sport),
            "flags": row["flags"], "seq": p.seq, "len": p.paylen,
            "prefix": row["prefix"], "kind": kind_of(req[1]), "url": req[1],
            "request_t_us": req[0], "cause": env["CAUSE"], "observed": observed})
    if not rows:
        problems.append("the gateway dropped no server segment")
    return env, rows, outbound, problems


def write_tsv(path, rows):
    """One line per dropped server segment, FIELDS as the header."""
    with open(path, "w") as f:
        f.write("\t".join(FIELDS) + "\n")
        for row in rows:
            f.write("\t".join(str(row[k]) for k in FIELDS) + "\n")


def summary(env, rows, outbound):
    """Per connection: the host, port, request and what was dropped."""
    print("fwrig: %s: %d dropped server segments (%s), %d of the client's own"
          % (env["NAME"], len(rows), env["CAUSE"], outbound))
    conns = {}
    for row in rows:
        conns.setdefault((row["host"], row["client_port"], row["server"]), []).append(row)
    for (host, port, server), rs in sorted(conns.items()):
        seen = {}
        for r in rs:
            key = (r["prefix"], r["flags"])
            seen[key] = seen.get(key, 0) + 1
        print("  %s port %d -> %s  %s %s: %s" % (
            host, port, server, rs[0]["kind"], rs[0]["url"],
            ", ".join("%d x %s[%s]" % (count, prefix + " " if prefix else "", flags)
                      for (prefix, flags), count in sorted(seen.items()))))


def main(argv):
    """Build, write and summarise the ground truth; 1 if it does not hold."""
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    env, rows, outbound, problems = ground_truth(argv[1])
    write_tsv(os.path.join(argv[1], "ground-truth.tsv"), rows)
    summary(env, rows, outbound)
    for p in problems:
        print("fwrig: GROUND TRUTH FAILS: %s" % p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
