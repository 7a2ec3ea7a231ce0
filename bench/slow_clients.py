#!/usr/bin/env python3
"""Issue #17's measurement: how long searches wait while other connections are slow or idle.

Starts BIN on DB (127.0.0.1, port 0, plus any --searchd-arg). For each scenario, opens --slow
connections from 127.0.0.2 that either trickle a request head (one header line every --every
seconds, within --header-timeout) or sit idle after one keep-alive request, then makes --searches
searches one after another from 127.0.0.1 (new connection each, 30 s timeout) and prints one
JSON line per scenario: the searches' p50/p99/max in ms and how many failed.

  bench/slow_clients.py --bin build/release/searchd/pressroom-searchd --db build/bench-data/doj.db
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
import harness  # noqa: E402


def open_slow(sd, n, kind, every, stop):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.settimeout(5)
        try:
            s.connect((sd.host, sd.port))
            if kind == "idle":  # one request, then idle on the kept-alive connection
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            else:
                s.sendall(b"GET /api/v1/search?q=tax HTTP/1.1\r\n")
        except OSError:
            pass
        socks.append(s)

    def trickle():
        while not stop.wait(every):
            for s in socks:
                try:
                    s.sendall(b"X-Slow: x\r\n")
                except OSError:
                    pass

    t = threading.Thread(target=trickle) if kind == "trickle" else None
    if t:
        t.start()
    return socks, t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--searches", type=int, default=20)
    ap.add_argument("--every", type=float, default=2.0)
    ap.add_argument("--scenarios", default="trickle:8,trickle:64,idle:8")
    ap.add_argument("--searchd-arg", action="append", default=[])
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="slow-clients-")
    harness.OUT_DIR = work
    try:
        for sc in a.scenarios.split(","):
            kind, n = sc.split(":")
            sd = harness.Searchd(a.bin, a.db, os.path.join(work, "searchd.log"), a.searchd_arg)
            stop = threading.Event()
            try:
                socks, t = open_slow(sd, int(n), kind, a.every, stop)
                time.sleep(0.5)
                ms, failed = [], 0
                for i in range(a.searches):
                    t0 = time.perf_counter()
                    try:
                        c = http.client.HTTPConnection(sd.host, sd.port, timeout=30)
                        c.request("GET", "/api/v1/search?q=fraud&page=%d" % (i % 3 + 1))
                        r = c.getresponse()
                        r.read()
                        c.close()
                        if r.status != 200:
                            failed += 1
                    except OSError:
                        failed += 1
                    ms.append((time.perf_counter() - t0) * 1000)
                stop.set()
                if t:
                    t.join()
                for s in socks:
                    s.close()
            finally:
                sd.stop()
            ms.sort()
            print(json.dumps({"scenario": sc, "searches": len(ms), "failed": failed,
                              "p50_ms": round(ms[len(ms) // 2], 1),
                              "p99_ms": round(ms[min(len(ms) - 1, len(ms) * 99 // 100)], 1),
                              "max_ms": round(ms[-1], 1)}), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
