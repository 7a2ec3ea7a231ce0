#!/usr/bin/env python3
"""Search latency and export rate of a running pressroom-searchd, over HTTP.

    bench/searchd_bench.py --url http://127.0.0.1:8080 [--rounds 30] [--clients 1]

Runs a fixed mix of searches (the parameters the web UI sends: 20 hits, facets issuer/topic/year,
a histogram) `rounds` times after one warm-up round, from `clients` concurrent clients, each on
one keep-alive connection, and reports the median and p99 of the wall-clock latency seen by the
client (and of the server's own took_ms). Then it exports the whole archive in each format and
reports records per second. Standard library only.
"""
import argparse
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse

UI = {"per_page": "20", "facets": "issuer,topic,year", "facet_size": "10"}

MIX = [
    {"q": "fraud", "histogram": "year"},
    {"q": "tax fraud", "histogram": "year"},
    {"q": '"health care fraud"', "histogram": "year"},
    {"q": "brib*", "histogram": "year"},
    {"q": "bribery NEAR official", "histogram": "auto"},
    {"q": "title:settlement", "histogram": "year"},
    {"histogram": "year"},  # the front page: every release, newest first
    {"q": "fraud", "issuer": "Criminal Division", "histogram": "year"},
    {"q": "antitrust", "from": "2015", "to": "2016", "sort": "newest", "histogram": "auto"},
    {"q": "immigration OR asylum", "histogram": "auto"},
    {"q": "money laundering", "facets": "issuer,topic,year,month", "facet_size": "100"},
    {"q": "fraud AND", "histogram": "year"},  # read leniently
]


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def search_target(params):
    merged = dict(UI)
    merged.update(params)
    return "/api/v1/search?" + urllib.parse.urlencode(merged)


def run_client(host, port, rounds, out, errors):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    for r in range(rounds + 1):
        for params in MIX:
            target = search_target(params)
            t0 = time.perf_counter()
            conn.request("GET", target)
            resp = conn.getresponse()
            body = resp.read()
            elapsed = (time.perf_counter() - t0) * 1000.0
            if resp.status != 200:
                errors.append((target, resp.status, body[:200]))
                continue
            if r > 0:  # round 0 warms the caches
                out.append((params.get("q", ""), elapsed, json.loads(body)["took_ms"]))
    conn.close()


def export_rate(host, port, fmt):
    conn = http.client.HTTPConnection(host, port, timeout=600)
    t0 = time.perf_counter()
    conn.request("GET", "/api/v1/export?format=" + fmt)
    resp = conn.getresponse()
    count = int(resp.getheader("X-Pressroom-Count"))
    size = 0
    while True:
        chunk = resp.read(1 << 16)
        if not chunk:
            break
        size += len(chunk)
    elapsed = time.perf_counter() - t0
    conn.close()
    return count, size, elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--no-export", action="store_true")
    args = ap.parse_args()
    u = urllib.parse.urlparse(args.url)
    host, port = u.hostname, u.port or 80

    samples, errors = [], []
    threads = [threading.Thread(target=run_client, args=(host, port, args.rounds, samples, errors))
               for _ in range(args.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        for e in errors[:5]:
            print("error:", e, file=sys.stderr)
        return 1
    lat = [s[1] for s in samples]
    took = [s[2] for s in samples]
    print(f"searches: {len(samples)} ({len(MIX)} queries x {args.rounds} rounds x {args.clients} "
          f"client(s)), {len(samples) / wall:.0f} searches/s")
    print(f"  client latency ms: median {statistics.median(lat):.2f}  p99 {percentile(lat, 99):.2f}"
          f"  max {max(lat):.2f}")
    print(f"  server took_ms:    median {statistics.median(took):.2f}  p99 {percentile(took, 99):.2f}")
    by_query = {}
    for q, ms, _ in samples:
        by_query.setdefault(q, []).append(ms)
    for q, ms in by_query.items():
        print(f"    {q or '(all releases)':28s} median {statistics.median(ms):7.2f}  "
              f"p99 {percentile(ms, 99):7.2f}")
    if not args.no_export:
        for fmt in ("ndjson", "csv", "json"):
            count, size, secs = export_rate(host, port, fmt)
            print(f"export {fmt:6s}: {count} records, {size / 1e6:.1f} MB in {secs:.2f} s = "
                  f"{count / secs:.0f} records/s, {size / 1e6 / secs:.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
