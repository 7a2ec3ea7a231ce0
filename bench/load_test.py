#!/usr/bin/env python3
"""Load test of one searchd: many concurrent search clients plus full exports, for a while.

Starts BIN on DB (127.0.0.1, port 0, plus any --searchd-arg), then at the same time runs wrk with
--clients connections cycling through the query mix of bench/queries.json (bench/mix.lua, the
requests `bench/run` sends) and --exports loops of full NDJSON exports with curl, for --seconds.
Prints one JSON line: search requests, failed requests (failed exports; any wrk error -- socket,
timeout, non-2xx -- fails the run, as in bench/run), requests/s, latency p50/p90/p99/max,
exports completed, and searchd's peak thread count and RSS. Exits 1 when any request failed.

Every client is on 127.0.0.1, so the per-address connection cap must allow them all (the default
--searchd-arg raises --max-connections-per-client to 256); 64 real clients would each have their
own address.

  bench/load_test.py --bin build/release/searchd/pressroom-searchd --db build/bench-data/doj.db
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
import harness  # noqa: E402


def proc_status(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--exports", type=int, default=2)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--searchd-arg", action="append",
                    help="extra searchd option (repeatable; default --max-connections-per-client "
                         "256)")
    a = ap.parse_args()
    extra = a.searchd_arg if a.searchd_arg is not None else ["--max-connections-per-client", "256"]
    with open(os.path.join(BENCH, "queries.json"), encoding="utf-8") as f:
        queries = json.load(f)["queries"]
    work = tempfile.mkdtemp(prefix="load-test-")
    harness.OUT_DIR = work
    sd = harness.Searchd(a.bin, a.db, os.path.join(work, "searchd.log"), extra)
    stop = threading.Event()
    exports = {"ok": 0, "failed": 0, "seconds": []}
    peak = {"threads": 0, "rss_kib": 0}

    def export_loop():
        while not stop.is_set():
            t0 = time.perf_counter()
            r = subprocess.run(["curl", "-sS", "-f", "-o", "/dev/null", "--max-time", "120",
                                f"{sd.url()}/api/v1/export?format=ndjson"],
                               capture_output=True)
            if stop.is_set() and r.returncode != 0:
                break  # cut short by the end of the run, not failed
            exports["ok" if r.returncode == 0 else "failed"] += 1
            exports["seconds"].append(time.perf_counter() - t0)

    def sample():
        while not stop.is_set():
            peak["threads"] = max(peak["threads"], proc_status(sd.pid, "Threads"))
            peak["rss_kib"] = max(peak["rss_kib"], proc_status(sd.pid, "VmRSS"))
            time.sleep(0.1)

    try:
        targets = os.path.join(work, "targets.txt")
        with open(targets, "w", encoding="utf-8") as f:
            f.write("\n".join(harness.search_target(q) for q in queries) + "\n")
        threads = [threading.Thread(target=export_loop) for _ in range(a.exports)]
        threads.append(threading.Thread(target=sample))
        for t in threads:
            t.start()
        try:
            d = harness.run_wrk(sd, targets, a.wrk_threads, a.clients, a.seconds)
        except harness.BenchError as e:  # wrk saw failed requests (or did not run)
            print(e, file=sys.stderr)
            d = None
        stop.set()
        for t in threads:
            t.join()
        if d is None:
            return 1
        res = {"clients": a.clients, "exports_at_once": a.exports, "seconds": a.seconds,
               "searchd_args": extra, "load": harness.load_avg(),
               "requests": d["requests"], "failed": exports["failed"],
               "rps": round(d["rps"]),
               "p50_ms": d["p50_us"] / 1000, "p90_ms": d["p90_us"] / 1000,
               "p99_ms": d["p99_us"] / 1000, "max_ms": d["max_us"] / 1000,
               "exports_completed": exports["ok"], "exports_failed": exports["failed"],
               "export_s_median": (sorted(exports["seconds"])[len(exports["seconds"]) // 2]
                                   if exports["seconds"] else None),
               "searchd_peak_threads": peak["threads"],
               "searchd_peak_rss_mb": round(peak["rss_kib"] / 1024)}
        print(json.dumps(res))
        return 1 if res["failed"] else 0
    finally:
        stop.set()
        sd.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
