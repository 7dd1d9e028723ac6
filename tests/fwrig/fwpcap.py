#!/usr/bin/env python3
"""fwpcap.py -- the firewall rig's pcap reader (Python 3 standard library
only), and a tool to move a capture's clock.

As a module: read(path) yields one Packet per IPv4 TCP packet of a classic
pcap file (Ethernet, Linux cooked v1/v2 or raw IP link types), numbered
from 1 like the capture's packets (non-TCP ones keep their numbers).

As a program:
  fwpcap.py shift IN OUT SECONDS   copy a pcap, every time stamp moved by
                                   SECONDS (e.g. 37.25: a gateway whose
                                   clock is ahead of the client's)
  fwpcap.py list FILE              one line per TCP packet (for people)
"""
import struct
import sys
from collections import namedtuple

FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128
FLAG_WORDS = ((CWR, "CWR"), (ECE, "ECE"), (URG, "URG"), (ACK, "ACK"),
              (PSH, "PSH"), (RST, "RST"), (SYN, "SYN"), (FIN, "FIN"))

Packet = namedtuple("Packet", "index t_us src dst sport dport flags seq ack "
                              "paylen ipid")

MAGIC_US, MAGIC_NS = 0xA1B2C3D4, 0xA1B23C4D


def flag_words(flags):
    """The flags as the kernel's LOG target writes them ("ACK PSH FIN")."""
    return " ".join(word for bit, word in FLAG_WORDS if flags & bit)


def _header(raw):
    """(endianness, nanosecond stamps, link type) of a pcap file header."""
    if len(raw) < 24:
        raise ValueError("not a pcap file (short header)")
    for endian in ("<", ">"):
        magic = struct.unpack(endian + "I", raw[:4])[0]
        if magic in (MAGIC_US, MAGIC_NS):
            return endian, magic == MAGIC_NS, struct.unpack(endian + "I", raw[20:24])[0]
    raise ValueError("not a classic pcap file (pcapng is not read here)")


def _ip_of_frame(linktype, data):
    """The IP packet inside one captured frame, or None."""
    if linktype == 1:                       # Ethernet
        return data[14:] if data[12:14] == b"\x08\x00" else None
    if linktype in (12, 14, 101, 228):      # raw IP (228: IPv4 only)
        return data
    if linktype == 113:                     # Linux cooked v1
        return data[16:] if data[14:16] == b"\x08\x00" else None
    if linktype == 276:                     # Linux cooked v2
        return data[20:] if data[0:2] == b"\x08\x00" else None
    return None


def _tcp_packet(index, t_us, ip):
    """A Packet from an IPv4 packet, or None if it is not a whole TCP one."""
    if ip is None or len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
        return None
    ihl = (ip[0] & 15) * 4
    total = struct.unpack(">H", ip[2:4])[0]
    tcp = ip[ihl:]
    if len(tcp) < 20:
        return None
    sport, dport, seq, ack = struct.unpack(">HHII", tcp[:12])
    doff = (tcp[12] >> 4) * 4
    return Packet(index, t_us, ".".join(map(str, ip[12:16])),
                  ".".join(map(str, ip[16:20])), sport, dport, tcp[13], seq,
                  ack, max(0, total - ihl - doff),
                  struct.unpack(">H", ip[4:6])[0])


def read(path):
    """Yield the IPv4 TCP packets of a pcap file, numbered from 1."""
    with open(path, "rb") as f:
        endian, nano, linktype = _header(f.read(24))
        index = 0
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            sec, frac, incl, _orig = struct.unpack(endian + "IIII", rec)
            data = f.read(incl)
            index += 1
            t_us = sec * 1000000 + (frac // 1000 if nano else frac)
            pkt = _tcp_packet(index, t_us, _ip_of_frame(linktype, data))
            if pkt:
                yield pkt


def shift(src, dst, seconds):
    """Copy a pcap file with every time stamp moved by seconds."""
    with open(src, "rb") as f:
        raw = f.read()
    endian, nano, _ = _header(raw)
    unit = 1000000000 if nano else 1000000
    delta = round(seconds * unit)
    out = bytearray(raw[:24])
    pos = 24
    while pos + 16 <= len(raw):
        sec, frac, incl, orig = struct.unpack(endian + "IIII", raw[pos:pos + 16])
        stamp = sec * unit + frac + delta
        out += struct.pack(endian + "IIII", stamp // unit, stamp % unit, incl, orig)
        out += raw[pos + 16:pos + 16 + incl]
        pos += 16 + incl
    with open(dst, "wb") as f:
        f.write(out)


def main(argv):
    """The shift and list commands."""
    if len(argv) == 5 and argv[1] == "shift":
        shift(argv[2], argv[3], float(argv[4]))
        return 0
    if len(argv) == 3 and argv[1] == "list":
        for p in read(argv[2]):
            print("%d %d.%06d %s:%d > %s:%d [%s] seq %d ack %d len %d id %d" % (
                p.index, p.t_us // 1000000, p.t_us % 1000000, p.src, p.sport,
                p.dst, p.dport, flag_words(p.flags), p.seq, p.ack, p.paylen,
                p.ipid))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
