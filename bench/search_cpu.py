#!/usr/bin/env python3
"""Quick search measurement of one searchd binary on one database, for comparing builds.

Starts BIN on DB (127.0.0.1, port 0), sends the 220 queries of bench/queries.json with the web
UI's parameters once (optionally writing every answer minus took_ms to --dump, one JSON per line,
for diffing two builds), then 5 passes from one keep-alive client to get searchd's CPU time per
search (utime+stime from /proc/PID/stat / requests) and its took_ms per query kind (median,
max), then, unless --no-wrk, wrk with 1 client
(p50/p95/p99) and with 4 connections on 2 threads (requests/s) for --seconds each. Prints one
JSON line. Uses bench/harness.py's helpers and bench/mix.lua, so the requests are the ones
`bench/run` sends.

  bench/search_cpu.py --bin build/rel/searchd/pressroom-searchd --db build/doj-db --dump a.jsonl
"""
import argparse
import http.client
import json
import os
import shutil
import statistics
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
import harness  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--dump")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--no-wrk", action="store_true")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    with open(os.path.join(BENCH, "queries.json"), encoding="utf-8") as f:
        queries = json.load(f)["queries"]
    work = tempfile.mkdtemp(prefix="search-cpu-")
    harness.OUT_DIR = work
    sd = harness.Searchd(a.bin, a.db, os.path.join(work, "searchd.log"))
    try:
        conn = http.client.HTTPConnection(sd.host, sd.port, timeout=60)
        answers = []
        for q in queries:
            conn.request("GET", harness.search_target(q))
            r = conn.getresponse()
            d = json.loads(r.read())
            if r.status != 200:
                raise SystemExit(f"search failed ({r.status}): {d}")
            d.pop("took_ms", None)
            answers.append(json.dumps(d))
        if a.dump:
            with open(a.dump, "w", encoding="utf-8") as f:
                f.write("\n".join(answers) + "\n")
        c0, n = harness.cpu_s(sd.pid), 0
        took = {}
        for _ in range(5):
            for q in queries:
                conn.request("GET", harness.search_target(q))
                d = json.loads(conn.getresponse().read())
                took.setdefault(q.get("kind", "?"), []).append(d.get("took_ms", 0.0))
                n += 1
        res = {"label": a.label, "cpu_ms_per_search": (harness.cpu_s(sd.pid) - c0) * 1000 / n,
               "load": harness.load_avg()}
        # searchd's own time per query kind (took_ms): median and max over the 5 passes.
        res["took_ms_by_kind"] = {k: [round(statistics.median(v), 2), round(max(v), 2)]
                                  for k, v in sorted(took.items())}
        if not a.no_wrk:
            targets = os.path.join(work, "targets.txt")
            with open(targets, "w", encoding="utf-8") as f:
                f.write("\n".join(harness.search_target(q) for q in queries) + "\n")
            one = harness.run_wrk(sd, targets, 1, 1, a.seconds)
            four = harness.run_wrk(sd, targets, 2, 4, a.seconds)
            res.update({"p50_ms": one["p50_us"] / 1000, "p95_ms": one["p95_us"] / 1000,
                        "p99_ms": one["p99_us"] / 1000, "rps_1": round(one["rps"]),
                        "rps_4": round(four["rps"]), "p99_ms_4": four["p99_us"] / 1000,
                        "cpu_ms_per_search_wrk_4": four["server_cpu_ms_per_request"]})
        print(json.dumps(res))
    finally:
        sd.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
