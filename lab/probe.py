"""Data-plane probe: ICMP echo from one address to another, one line per probe.

Run inside a namespace (``ip netns exec NS python -m lab.probe SRC DST INTERVAL``); it prints
``<seq> <epoch seconds> ok|lost`` for every probe until SIGTERM or ``--count`` probes. A raw
socket is used because the machine has no ping binary and the lab installs only its packages.
"""

import os
import select
import signal
import socket
import struct
import sys
import time


def _checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xffff)
    total += total >> 16
    return ~total & 0xffff


def _packet(ident, seq):
    payload = b"interconnect-lab"
    header = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    return struct.pack("!BBHHH", 8, 0, _checksum(header + payload), ident, seq) + payload


def probe(src, dst, interval, count=None, timeout=None, out=sys.stdout):
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sock.bind((src, 0))
    ident = os.getpid() & 0xffff
    timeout = timeout or max(interval, 0.5)
    seq = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    while not stop and (count is None or seq < count):
        seq += 1
        sent = time.time()
        try:
            sock.sendto(_packet(ident, seq & 0xffff), (dst, 0))
        except OSError:
            out.write("%d %.3f lost\n" % (seq, sent))
            out.flush()
            time.sleep(interval)
            continue
        answered = False
        deadline = sent + timeout
        while time.time() < deadline and not answered:
            ready, _, _ = select.select([sock], [], [], max(0.0, deadline - time.time()))
            if not ready:
                break
            data, _ = sock.recvfrom(2048)
            ihl = (data[0] & 0x0f) * 4
            kind, _, _, r_ident, r_seq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
            answered = kind == 0 and r_ident == ident and r_seq == (seq & 0xffff)
        out.write("%d %.3f %s\n" % (seq, sent, "ok" if answered else "lost"))
        out.flush()
        time.sleep(max(0.0, interval - (time.time() - sent)))
    sock.close()


def parse(text):
    """[(seq, time, ok)] from a probe's output."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in ("ok", "lost"):
            out.append((int(parts[0]), float(parts[1]), parts[2] == "ok"))
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    probe(args[0], args[1], float(args[2]), count=int(args[3]) if len(args) > 3 else None)
