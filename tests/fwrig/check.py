#!/usr/bin/env python3
"""check.py -- does netlife's merged timeline (JSONL) attribute every
server segment the firewall rig's gateway dropped to the right host,
connection and exchange, with the cause the rig provoked?

usage: check.py SCENARIO_DIR TIMELINE.jsonl FW_SOURCE [--offset SECONDS]

  SCENARIO_DIR   a scenario's results (tests/fwrig/run.sh): its
                 ground-truth.tsv (tests/fwrig/groundtruth.py) and
                 scenario.env
  TIMELINE.jsonl netlife merge --format jsonl of the scenario's traces,
                 logs and one firewall source
  FW_SOURCE      that source (gw/nflog.txt, or a pcap of the dropped
                 packets): its segments are numbered by line or packet,
                 like the ground truth's text_line and pcap_index
  --offset S     the source's clock was moved by S seconds: netlife must
                 report an offset within 0.5 s of it, and every segment's
                 t_src_us - t_us must be within 0.5 s of it

For every row of the ground truth there must be exactly one segment of
that source, at that line or packet, with the same flags and sequence
number, attributed, inbound, of the right host, client port and server,
in an exchange whose kind and URL path are the ones the server saw on
that port, with the ground truth's cause.  No other segment of the source
may be attributed to a connection of another host or port than its own
addresses say.  Prints one line per check ("ok - ..." / "FAIL - ...") and
the first failures in detail; exits 1 if any check failed.
"""
import json
import os
import sys
from urllib.parse import urlparse

MARGIN_US = 500000


def read_truth(scen):
    """The rows of the scenario's ground-truth.tsv, as dicts."""
    with open(os.path.join(scen, "ground-truth.tsv")) as f:
        head = f.readline().rstrip("\n").split("\t")
        return [dict(zip(head, line.rstrip("\n").split("\t"))) for line in f]


def read_hosts(scen):
    """{client ip: host label} from scenario.env."""
    hosts = {}
    with open(os.path.join(scen, "scenario.env")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            if key.startswith("HOST") and key[4:].isdigit():
                label, ip = value.split()[:2]
                hosts[ip] = label
    return hosts


def read_timeline(path, source):
    """The segments of one source, and the clock offsets, from netlife's
    JSONL."""
    segments, offsets = [], []
    want = os.path.basename(source)
    with open(path) as f:
        for line in f:
            obj = json.loads(line)
            if os.path.basename(str(obj.get("source", ""))) != want:
                continue
            if obj.get("type") == "segment":
                segments.append(obj)
            elif obj.get("type") == "clock_offset":
                offsets.append(obj)
    return segments, offsets


def url_path(url):
    """The path of an exchange's URL: what the server's logs show."""
    return urlparse(url or "").path


def wrong_fields(seg, row):
    """What netlife got wrong about one dropped server segment."""
    want = {
        "attributed": True, "inbound": True, "host": row["host"],
        "client_port": int(row["client_port"]), "server": row["server"],
        "kind": row["kind"], "url path": row["url"], "cause": row["cause"],
        "flags": row["flags"], "seq": int(row["seq"]),
    }
    got = dict(seg)
    got["url path"] = url_path(seg.get("url"))
    wrong = ["%s=%r (want %r)" % (k, got.get(k), v) for k, v in want.items()
             if got.get(k) != v]
    if seg.get("exchange") is None:
        wrong.append("no exchange")
    return wrong


class Checks:
    """Prints each check's outcome; counts the failures."""

    def __init__(self):
        self.failed = 0

    def check(self, ok, what, details=()):
        """One "ok - " or "FAIL - " line, and a failure's first details."""
        print("%s - %s" % ("ok" if ok else "FAIL", what))
        if not ok:
            self.failed += 1
            for d in list(details)[:10]:
                print("    " + d)
            if len(details) > 10:
                print("    ... and %d more" % (len(details) - 10))


def check_truth(checks, truth, segments, number_key):
    """Every dropped server segment, attributed exactly right."""
    by_line = {}
    for seg in segments:
        by_line.setdefault(seg.get("line"), []).append(seg)
    missing, wrong, causes = [], [], {}
    for row in truth:
        line = int(row[number_key])
        found = by_line.get(line, [])
        if len(found) != 1:
            missing.append("%s %d: %d segments in the timeline" % (number_key, line, len(found)))
            continue
        bad = wrong_fields(found[0], row)
        if bad:
            wrong.append("%s %d (%s port %s): %s" % (number_key, line, row["host"],
                                                   row["client_port"], "; ".join(bad)))
        causes[found[0].get("cause")] = causes.get(found[0].get("cause"), 0) + 1
    checks.check(truth and not missing,
                 "%d dropped server segments in the ground truth, each once in the timeline"
                 % len(truth), missing or ["the ground truth is empty"])
    checks.check(not wrong and not missing,
                 "each attributed to the right host, port, exchange (kind, URL) and cause "
                 "(netlife: %s)" % ", ".join("%s %d" % kv for kv in sorted(causes.items(), key=str)),
                 wrong)
    return {int(row[number_key]) for row in truth}


def check_others(checks, segments, truth_lines, hosts):
    """The source's other segments (the client's own, mostly): never
    attributed to somebody else's connection."""
    wrong, unattributed = [], []
    for seg in segments:
        if seg.get("line") in truth_lines:
            continue
        if not seg.get("attributed"):
            unattributed.append("line %s: %s" % (seg.get("line"), seg.get("reason")))
            continue
        ends = [seg.get("src", ""), seg.get("dst", "")]
        own = [e.rpartition(":") for e in ends if e.rpartition(":")[0] in hosts]
        if own and (hosts[own[0][0]] != seg.get("host")
                    or int(own[0][2]) != seg.get("client_port")):
            wrong.append("line %s: %s -> %s attributed to %s port %s"
                         % (seg.get("line"), ends[0], ends[1], seg.get("host"),
                            seg.get("client_port")))
    checks.check(not wrong, "%d other segments (the client's own), none attributed to "
                 "another host's or port's connection" % (len(segments) - len(truth_lines)),
                 wrong)
    for u in unattributed[:5]:
        print("#   not attributed: " + u)


def check_offset(checks, offset_s, offsets, segments, truth_lines):
    """The source's clock offset, found (or applied) and used."""
    want = round(offset_s * 1e6)
    reported = [o.get("offset_us") for o in offsets]
    checks.check(any(r is not None and abs(r - want) <= MARGIN_US for r in reported),
                 "the clock offset found is %.2f s +- 0.5 s (netlife: %s)"
                 % (offset_s, ", ".join("%.3f s" % (r / 1e6) for r in reported if r is not None)
                    or "none"))
    off = ["line %s: t_src_us - t_us = %.3f s" % (s.get("line"),
                                                   (s["t_src_us"] - s["t_us"]) / 1e6)
           for s in segments if s.get("line") in truth_lines
           and abs(s["t_src_us"] - s["t_us"] - want) > MARGIN_US]
    checks.check(not off, "every dropped segment moved back by it", off)


def main(argv):
    """Parse the arguments, run the checks, exit 1 if one failed."""
    args = argv[1:]
    offset = None
    if "--offset" in args:
        i = args.index("--offset")
        offset = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    scen, timeline, source = args
    truth = read_truth(scen)
    segments, offsets = read_timeline(timeline, source)
    number_key = "text_line" if source.endswith(".txt") else "pcap_index"
    checks = Checks()
    lines = check_truth(checks, truth, segments, number_key)
    check_others(checks, segments, lines, read_hosts(scen))
    if offset is not None:
        check_offset(checks, offset, offsets, segments, lines)
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
