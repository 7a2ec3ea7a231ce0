#!/usr/bin/env python3
"""Pressroom benchmarks: indexing, search with facets, export, memory, against SQLite FTS5 and
Xapian's scriptindex on the same input and query mix. Run through `bench/run` (see
bench/README.md); every figure is the median of --runs runs with min and max.

Standard library only (plus the programs: pressroom-index, pressroom-searchd, wrk, curl,
/usr/bin/time, scriptindex, xapian-compact, sqlite3).
"""
import argparse
import glob
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
PY = sys.executable
T0 = time.time()

UI_PARAMS = [("sort", "relevance"), ("page", "1"), ("per_page", "20"),
             ("facets", "issuer,topic,year"), ("facet_size", "10")]


class BenchError(Exception):
    pass


def log(msg):
    print(f"[{time.time() - T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def load_avg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def timed(cmd, stdout=subprocess.DEVNULL, stderr=None, ok=(0,), env=None):
    """Runs cmd under /usr/bin/time. Returns wall/user/sys seconds and peak RSS (MB)."""
    tf = os.path.join(OUT_DIR, ".time")
    err = stderr if stderr is not None else open(os.path.join(OUT_DIR, "last-command.log"), "w")
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf] + cmd, stdout=stdout,
                       stderr=err, env=env)
    wall = time.perf_counter() - t
    if stderr is None:
        err.close()
    if p.returncode not in ok:
        tail = open(os.path.join(OUT_DIR, "last-command.log")).read()[-2000:] if stderr is None else ""
        raise BenchError(f"command failed ({p.returncode}): {' '.join(cmd)}\n{tail}")
    with open(tf) as f:
        last = f.read().strip().splitlines()[-1].split()
    return {"wall_s": wall, "user_s": float(last[1]), "sys_s": float(last[2]),
            "peak_rss_mb": int(last[3]) / 1024.0, "rc": p.returncode}


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def stat(values):
    """Median with min and max (and the runs)."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": values}


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return None


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tck = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tck  # utime + stime


def rm(path):
    if os.path.islink(path):
        os.remove(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


# ------------------------------------------------------------------------------------ searchd
class Searchd:
    def __init__(self, binary, db, log_path, extra_args=()):
        self.t_spawn = time.perf_counter()
        self.log = open(log_path, "a")
        self.proc = subprocess.Popen([binary, "--db", db, "--listen", "127.0.0.1:0",
                                      *extra_args],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on http://([^:/]+):(\d+)", line)
        if not m:
            self.stop()
            raise BenchError(f"pressroom-searchd did not start: {line!r} (log: {log_path})")
        self.host, self.port = m.group(1), int(m.group(2))
        deadline = time.perf_counter() + 60
        while True:
            try:
                c = http.client.HTTPConnection(self.host, self.port, timeout=5)
                c.request("GET", "/healthz")
                r = c.getresponse()
                r.read()
                c.close()
                if r.status == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() > deadline:
                self.stop()
                raise BenchError("pressroom-searchd never became healthy")
            time.sleep(0.002)
        self.startup_s = time.perf_counter() - self.t_spawn
        self.pid = self.proc.pid

    def url(self):
        return f"http://{self.host}:{self.port}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def search_target(item):
    p = [("q", item["q"])]
    p += [("issuer", v) for v in item.get("issuer", [])]
    p += [("topic", v) for v in item.get("topic", [])]
    if item.get("from"):
        p.append(("from", item["from"]))
    if item.get("to"):
        p.append(("to", item["to"]))
    p += UI_PARAMS
    f, t = item.get("from"), item.get("to")
    month = f and t and 0 <= int(t[:4]) - int(f[:4]) <= 2
    p.append(("histogram", "month" if month else "year"))
    return "/api/v1/search?" + urllib.parse.urlencode(p)


def validate_searches(sd, queries):
    """One pass over the mix from one keep-alive client: every answer must be a full 200."""
    conn = http.client.HTTPConnection(sd.host, sd.port, timeout=60)
    out = []
    for item in queries:
        target = search_target(item)
        t = time.perf_counter()
        conn.request("GET", target)
        r = conn.getresponse()
        body = r.read()
        ms = (time.perf_counter() - t) * 1000
        if r.status != 200:
            raise BenchError(f"search failed ({r.status}): {target}\n{body[:300]!r}")
        d = json.loads(body)
        for key in ("total", "hits", "facets", "histogram"):
            if key not in d:
                raise BenchError(f"search answer without {key}: {target}")
        if not d.get("total_exact") or not d.get("facets_exact"):
            raise BenchError(f"search answer not exact: {target}")
        out.append({"kind": item["kind"], "total": d["total"], "took_ms": d["took_ms"],
                    "client_ms": ms})
    conn.close()
    return out


def run_wrk(sd, targets_file, threads, conns, seconds):
    env = dict(os.environ, BENCH_TARGETS=targets_file)
    cpu0 = cpu_s(sd.pid)
    p = subprocess.run(["wrk", "-t", str(threads), "-c", str(conns), "-d", f"{seconds}s",
                        "--timeout", "10s", "-s", os.path.join(BENCH, "mix.lua"), sd.url()],
                       capture_output=True, text=True, env=env)
    cpu1 = cpu_s(sd.pid)
    line = next((l for l in p.stdout.splitlines() if l.startswith("BENCH ")), None)
    if p.returncode != 0 or not line:
        raise BenchError(f"wrk failed: {p.stdout}\n{p.stderr}")
    d = json.loads(line[6:])
    errors = sum(d[k] for k in d if k.startswith("errors_"))
    if errors:
        raise BenchError(f"wrk saw {errors} errors: {d}")
    d["rps"] = d["requests"] / (d["duration_us"] / 1e6)
    d["server_cpu_ms_per_request"] = (cpu1 - cpu0) * 1000 / max(1, d["requests"])
    return d


def export_run(sd, fmt="ndjson"):
    """Full export to /dev/null with curl; searchd RSS sampled every 10 ms meanwhile."""
    hdr = os.path.join(OUT_DIR, ".export-headers")
    samples, stop = [], threading.Event()

    def sample():
        while not stop.is_set():
            samples.append(rss_mb(sd.pid))
            time.sleep(0.01)

    before = rss_mb(sd.pid)
    th = threading.Thread(target=sample)
    th.start()
    try:
        t = timed(["curl", "-sS", "-f", "-D", hdr, "-o", "/dev/null", "-w", "%{size_download}",
                   f"{sd.url()}/api/v1/export?format={fmt}"], stdout=subprocess.PIPE)
    finally:
        stop.set()
        th.join()
    with open(hdr) as f:
        m = re.search(r"(?im)^x-pressroom-count:\s*(\d+)", f.read())
    count = int(m.group(1)) if m else 0
    size = None
    return {"records": count, "wall_s": t["wall_s"], "records_per_s": count / t["wall_s"],
            "client_user_s": t["user_s"], "rss_before_mb": before,
            "rss_peak_mb": max(samples + [before]),
            "rss_growth_mb": max(samples + [before]) - before, "bytes": size}


def curl_bytes(url):
    p = subprocess.run(["curl", "-sS", "-f", "-o", "/dev/null", "-w", "%{size_download}", url],
                       capture_output=True, text=True)
    return int(float(p.stdout or 0))


# ------------------------------------------------------------------------------------ suites
def pressroom_index(bins, inputs, db, runs, extra=(), records=None, input_bytes=None):
    out = []
    for i in range(runs):
        rm(db)
        cmd = [bins["index"], "add", "--db", db, "--quiet"] + list(extra) + list(inputs)
        t = timed(cmd, ok=(0, 1))
        out.append(t)
        log(f"  pressroom-index run {i + 1}: {t['wall_s']:.1f} s wall, {t['user_s']:.1f} s user, "
            f"{t['peak_rss_mb']:.0f} MB peak RSS ({records / t['wall_s']:.0f} records/s)")
    size = size_of(db)
    return {"records_per_s": stat([records / t["wall_s"] for t in out]),
            "mb_per_s": stat([input_bytes / 1e6 / t["wall_s"] for t in out]),
            "wall_s": stat([t["wall_s"] for t in out]),
            "user_s": stat([t["user_s"] for t in out]),
            "sys_s": stat([t["sys_s"] for t in out]),
            "cores_used": stat([(t["user_s"] + t["sys_s"]) / t["wall_s"] for t in out]),
            "peak_rss_mb": stat([t["peak_rss_mb"] for t in out]),
            "index_bytes": size, "size_ratio": size / input_bytes}


def compacted_size(db):
    tmp = db.rstrip("/") + ".compact"
    rm(tmp)
    t = timed(["xapian-compact", "-m", db, tmp])
    s = size_of(tmp)
    rm(tmp)
    return s, t["wall_s"]


def count_docs(bins, db):
    p = subprocess.run([bins["index"], "stats", "--db", db, "--json"], capture_output=True,
                       text=True)
    try:
        return json.loads(p.stdout).get("documents")
    except ValueError:
        return None


def pressroom_serve(bins, db, queries, runs, seconds, work):
    res = {}
    starts, idle = [], []
    for i in range(runs):
        sd = Searchd(bins["searchd"], db, os.path.join(work, "searchd.log"))
        starts.append(sd.startup_s)
        time.sleep(0.2)
        idle.append(rss_mb(sd.pid))
        sd.stop()
    res["startup_s"] = stat(starts)
    res["idle_rss_mb"] = stat(idle)
    log(f"  searchd start-up {statistics.median(starts) * 1000:.0f} ms, idle RSS "
        f"{statistics.median(idle):.0f} MB")

    sd = Searchd(bins["searchd"], db, os.path.join(work, "searchd.log"))
    try:
        checks = validate_searches(sd, queries)
        res["validation"] = {
            "queries": len(checks),
            "client_ms": {"p50": statistics.median([c["client_ms"] for c in checks])},
            "took_ms_by_kind": {k: statistics.median([c["took_ms"] for c in checks
                                                      if c["kind"] == k])
                                for k in sorted({c["kind"] for c in checks})},
        }
        res["totals"] = [c["total"] for c in checks]
        targets = os.path.join(work, "targets.txt")
        with open(targets, "w") as f:
            f.write("\n".join(search_target(q) for q in queries) + "\n")
        one, four = [], []
        for i in range(runs):
            one.append(run_wrk(sd, targets, 1, 1, seconds))
            log(f"  1 client run {i + 1}: p50 {one[-1]['p50_us'] / 1000:.2f} ms, p95 "
                f"{one[-1]['p95_us'] / 1000:.2f} ms, p99 {one[-1]['p99_us'] / 1000:.2f} ms, "
                f"{one[-1]['rps']:.0f} req/s")
        for i in range(runs):
            four.append(run_wrk(sd, targets, 2, 4, seconds))
            log(f"  4 clients run {i + 1}: {four[-1]['rps']:.0f} req/s, p50 "
                f"{four[-1]['p50_us'] / 1000:.2f} ms, p99 {four[-1]['p99_us'] / 1000:.2f} ms")
        res["search_1"] = {k: stat([r[k] / 1000 for r in one])
                           for k in ("p50_us", "p95_us", "p99_us", "max_us")}
        res["search_1"] = {k.replace("_us", "_ms"): v for k, v in res["search_1"].items()}
        res["search_1"]["rps"] = stat([r["rps"] for r in one])
        res["search_1"]["server_cpu_ms_per_request"] = stat(
            [r["server_cpu_ms_per_request"] for r in one])
        res["search_4"] = {"rps": stat([r["rps"] for r in four]),
                           "p50_ms": stat([r["p50_us"] / 1000 for r in four]),
                           "p99_ms": stat([r["p99_us"] / 1000 for r in four]),
                           "server_cpu_ms_per_request": stat(
                               [r["server_cpu_ms_per_request"] for r in four])}
        res["rss_after_search_mb"] = rss_mb(sd.pid)
        ex = []
        for i in range(runs):
            ex.append(export_run(sd))
            log(f"  export run {i + 1}: {ex[-1]['records']} records in {ex[-1]['wall_s']:.2f} s "
                f"({ex[-1]['records_per_s']:.0f}/s), searchd RSS {ex[-1]['rss_before_mb']:.0f} -> "
                f"peak {ex[-1]['rss_peak_mb']:.0f} MB")
        nbytes = curl_bytes(f"{sd.url()}/api/v1/export?format=ndjson")
        res["export"] = {"records": ex[0]["records"], "bytes": nbytes,
                         "records_per_s": stat([e["records_per_s"] for e in ex]),
                         "mb_per_s": stat([nbytes / 1e6 / e["wall_s"] for e in ex]),
                         "wall_s": stat([e["wall_s"] for e in ex]),
                         "rss_before_mb": stat([e["rss_before_mb"] for e in ex]),
                         "rss_peak_mb": stat([e["rss_peak_mb"] for e in ex]),
                         "rss_growth_mb": stat([e["rss_growth_mb"] for e in ex])}
    finally:
        sd.stop()
    return res


def sqlite_suite(archive, queries_file, nqueries, records, input_bytes, runs, seconds, work,
                 index_runs):
    db = os.path.join(work, "fts5.sqlite")
    res = {}
    idx = []
    for i in range(index_runs):
        rm(db)
        idx.append(timed([PY, os.path.join(BENCH, "baselines.py"), "sqlite-index", archive, db]))
        log(f"  sqlite index run {i + 1}: {idx[-1]['wall_s']:.1f} s wall, "
            f"{idx[-1]['user_s']:.1f} s user ({records / idx[-1]['wall_s']:.0f} records/s)")
    size = size_of(db)
    res["index"] = {"records_per_s": stat([records / t["wall_s"] for t in idx]),
                    "mb_per_s": stat([input_bytes / 1e6 / t["wall_s"] for t in idx]),
                    "wall_s": stat([t["wall_s"] for t in idx]),
                    "user_s": stat([t["user_s"] for t in idx]),
                    "peak_rss_mb": stat([t["peak_rss_mb"] for t in idx]),
                    "index_bytes": size, "size_ratio": size / input_bytes}
    base = [PY, os.path.join(BENCH, "baselines.py"), "sqlite-search", db, queries_file,
            "--limit", str(nqueries)]
    one = []
    for i in range(runs):
        # The first run also warms the caches up and counts the matches of every query.
        p = subprocess.run(base + ["--seconds", str(seconds)] + (["--no-warmup"] if i else []),
                           capture_output=True, text=True)
        if p.returncode:
            raise BenchError(f"sqlite search failed: {p.stderr}")
        one.append(json.loads(p.stdout))
        log(f"  sqlite 1 client run {i + 1}: p50 {one[-1]['p50_ms']:.2f} ms, p99 "
            f"{one[-1]['p99_ms']:.2f} ms, {one[-1]['qps']:.0f} q/s")
    res["totals"] = one[0]["totals"]
    res["search_1"] = {k: stat([r[k] for r in one])
                       for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "qps")}
    four = []
    for i in range(runs):
        procs = [subprocess.Popen(base + ["--seconds", str(seconds), "--offset", str(1 + 53 * k),
                                          "--no-warmup"],
                                  stdout=subprocess.PIPE, text=True) for k in range(4)]
        outs = [json.loads(p.communicate()[0]) for p in procs]
        four.append({"qps": sum(o["searches"] for o in outs) / max(o["seconds"] for o in outs),
                     "p50_ms": statistics.median([o["p50_ms"] for o in outs]),
                     "p99_ms": max(o["p99_ms"] for o in outs)})
        log(f"  sqlite 4 clients run {i + 1}: {four[-1]['qps']:.0f} q/s")
    res["search_4"] = {k: stat([r[k] for r in four]) for k in ("qps", "p50_ms", "p99_ms")}
    ex = []
    sql = ("SELECT json_object('id',id,'date',date,'issuers',json(issuers),'topics',json(topics),"
           "'title',title,'body',body,'url',url,'language',language,'source',source) "
           "FROM docs ORDER BY day DESC, rowid")
    for i in range(runs):
        ex.append(timed(["sqlite3", "-readonly", db, sql]))
    res["export"] = {"records_per_s": stat([records / t["wall_s"] for t in ex]),
                     "peak_rss_mb": stat([t["peak_rss_mb"] for t in ex]),
                     "how": "sqlite3 CLI, json_object() per row, to /dev/null"}
    return res


def scriptindex_suite(archive, records, input_bytes, runs, work):
    dump = os.path.join(work, "scriptindex.dump")
    db = os.path.join(work, "scriptindex.db")
    conv = timed([PY, os.path.join(BENCH, "baselines.py"), "scriptindex-dump", archive, dump])
    res = {"convert_s": conv["wall_s"]}
    idx = []
    for i in range(runs):
        rm(db)
        idx.append(timed(["scriptindex", "--overwrite", db,
                          os.path.join(BENCH, "scriptindex.script"), dump]))
        log(f"  scriptindex run {i + 1}: {idx[-1]['wall_s']:.1f} s wall, "
            f"{idx[-1]['user_s']:.1f} s user ({records / idx[-1]['wall_s']:.0f} records/s)")
    size = size_of(db)
    csize, _ = compacted_size(db)
    res["index"] = {"records_per_s": stat([records / t["wall_s"] for t in idx]),
                    "mb_per_s": stat([input_bytes / 1e6 / t["wall_s"] for t in idx]),
                    "wall_s": stat([t["wall_s"] for t in idx]),
                    "user_s": stat([t["user_s"] for t in idx]),
                    "peak_rss_mb": stat([t["peak_rss_mb"] for t in idx]),
                    "index_bytes": size, "size_ratio": size / input_bytes,
                    "compacted_bytes": csize, "compacted_ratio": csize / input_bytes}
    rm(dump)
    return res


def corpus_suite(name, archive, queries, queries_file, bins, args, runs, seconds,
                 do_scriptindex, extra_import=None, index_runs=None):
    """Everything for one corpus. extra_import: (label, inputs, flags) of a second Pressroom
    import of the same records (the DOJ CSV + text files through the project's mapping).
    index_runs: runs of each indexer (default: runs)."""
    index_runs = index_runs or runs
    work = os.path.join(args.data, "work", name)
    os.makedirs(work, exist_ok=True)
    records = sum(1 for line in open(archive, encoding="utf-8") if line.strip())
    input_bytes = os.path.getsize(archive)
    log(f"corpus {name}: {records} records, {input_bytes / 1e6:.1f} MB JSONL (load {load_avg()})")
    out = {"corpus": {"name": name, "records": records, "jsonl_bytes": input_bytes,
                      "queries": len(queries)},
           "load_at_start": load_avg()}
    db = os.path.join(work, "pressroom.db")
    pr = {}
    if extra_import:
        label, inputs, flags = extra_import
        log(f"pressroom-index ({label})")
        pr["index_" + label] = pressroom_index(bins, inputs, db, index_runs, flags, records,
                                              input_bytes)
    log("pressroom-index (canonical JSONL)")
    pr["index"] = pressroom_index(bins, [archive], db, index_runs, (), records, input_bytes)
    docs = count_docs(bins, db)
    if docs is not None and docs != records:
        raise BenchError(f"{name}: the index holds {docs} documents, the input {records}")
    csize, _ = compacted_size(db)
    pr["index"]["compacted_bytes"] = csize
    pr["index"]["compacted_ratio"] = csize / input_bytes
    log("pressroom-searchd")
    pr.update(pressroom_serve(bins, db, queries, runs, seconds, work))
    out["pressroom"] = pr
    if not args.no_baselines:
        log("SQLite FTS5")
        out["sqlite"] = sqlite_suite(archive, queries_file, len(queries), records, input_bytes,
                                     runs, seconds, work, index_runs)
        if do_scriptindex:
            log("scriptindex")
            out["scriptindex"] = scriptindex_suite(archive, records, input_bytes, index_runs, work)
        a, b = out["pressroom"]["totals"], out["sqlite"]["totals"]
        out["totals_agreement"] = {
            "same": sum(1 for x, y in zip(a, b) if x == y),
            "within_10pct": sum(1 for x, y in zip(a, b) if abs(x - y) <= 0.1 * max(x, y, 1)),
            "queries": len(a), "pressroom_sum": sum(a), "sqlite_sum": sum(b)}
        rm(os.path.join(work, "fts5.sqlite"))
        rm(os.path.join(work, "scriptindex.db"))
    out["load_at_end"] = load_avg()
    if not args.keep:
        rm(db)
    return out


# --------------------------------------------------------------------------------- corpora
def shared_doj(args):
    if args.doj:
        return args.doj
    shared = os.environ.get("PRESSROOM_SHARED") or os.path.join(ROOT, "..", "shared")
    return os.path.join(shared, "corpus", "doj-opa")


def prepare_doj(args, bins):
    """Unpacks the DOJ text files once and imports the archive through the project's own CSV
    mapping; the canonical JSONL (Pressroom's NDJSON export) is the input of every engine."""
    src = shared_doj(args)
    csv = os.path.join(src, "main_out_pr_list.csv")
    if not os.path.exists(csv):
        raise BenchError(f"the DOJ archive is not at {src} (set PRESSROOM_SHARED or --doj)")
    root = os.path.join(args.data, "doj")
    if not os.path.isdir(os.path.join(root, "pressReleases_txt")):
        log(f"unpacking the DOJ text files into {root}")
        os.makedirs(root, exist_ok=True)
        subprocess.run(["tar", "-I", "zstd", "-xf",
                        os.path.join(src, "pressReleases_txt.tar.zst"), "-C", root], check=True)
    jsonl = os.path.join(args.data, "doj.jsonl")
    flags = ["--mapping", os.path.join(ROOT, "corpus", "mappings", "doj-csv.toml"),
             "--file-root", root]
    if not os.path.exists(jsonl):
        log("importing the DOJ CSV once to export its canonical JSONL")
        db = os.path.join(args.data, "doj-csv.db")
        rm(db)
        timed([bins["index"], "add", "--db", db, "--quiet"] + flags + [csv], ok=(0, 1))
        sd = Searchd(bins["searchd"], db, os.path.join(OUT_DIR, "searchd.log"))
        try:
            subprocess.run(["curl", "-sS", "-f", "-o", jsonl + ".part",
                            f"{sd.url()}/api/v1/export?format=ndjson"], check=True)
        finally:
            sd.stop()
        os.replace(jsonl + ".part", jsonl)
        rm(db)
    return jsonl, ("csv", [csv], flags)


def expanded(args, source, n, seed):
    path = os.path.join(args.data, f"expanded-{n}-seed{seed}.jsonl")
    if not os.path.exists(path):
        log(f"expanding to {n} records")
        subprocess.run([PY, os.path.join(BENCH, "expand.py"), "--records", str(n), "--seed",
                        str(seed), "--out", path] + list(source), check=True)
    return path


# ------------------------------------------------------------------------------------ report
def med(x):
    return x["median"] if isinstance(x, dict) and x else x


def fmt_stat(x, digits=0, scale=1.0):
    if not x:
        return "–"
    f = f"{{:,.{digits}f}}"
    if x["min"] == x["max"]:
        return f.format(x["median"] * scale)
    return (f.format(x["median"] * scale) + " (" + f.format(x["min"] * scale) + "–" +
            f.format(x["max"] * scale) + ")")


def ratio(a, b, higher_better=True):
    a, b = med(a), med(b)
    if not a or not b:
        return "–"
    return f"{a / b:.2f}×"


def check_targets(c):
    """Pass/miss per target of issue 6 that applies to this corpus."""
    pr, name = c["pressroom"], c["corpus"]["name"]
    t = []
    big = c["corpus"]["records"] >= 500000
    if name == "doj":
        t += [("search p50 ≤ 0.5 ms", med(pr["search_1"]["p50_ms"]) <= 0.5),
              ("search p99 ≤ 5 ms", med(pr["search_1"]["p99_ms"]) <= 5),
              ("≥ 2,500 requests/s with 4 clients", med(pr["search_4"]["rps"]) >= 2500),
              ("indexing ≥ 1,500 records/s", med(pr[("index_csv" if "index_csv" in pr
                                                       else "index")]["records_per_s"]) >= 1500),
              ("idle RSS ≤ 100 MB", med(pr["idle_rss_mb"]) <= 100),
              ("start-up < 1 s", med(pr["startup_s"]) < 1)]
    if big:
        t += [("search p50 ≤ 5 ms", med(pr["search_1"]["p50_ms"]) <= 5),
              ("search p99 ≤ 50 ms", med(pr["search_1"]["p99_ms"]) <= 50),
              ("export RSS growth < 50 MB", med(pr["export"]["rss_growth_mb"]) < 50)]
    t += [("index size ≤ 2× input", pr["index"]["size_ratio"] <= 2),
          ("export ≥ 50,000 records/s", med(pr["export"]["records_per_s"]) >= 50000)]
    return [{"target": a, "met": bool(b)} for a, b in t]


def markdown(results):
    lines = []
    m = results["machine"]
    lines.append(f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']:.0f} GiB, "
                 f"{m['os']}; load average {results['load_at_start']} at the start. "
                 f"Tree {results['git']}, binaries built "
                 f"{results['binaries']['searchd']['built']}; Xapian {m['xapian']}, "
                 f"SQLite {m['sqlite']}.")
    lines.append("")
    for c in results["corpora"]:
        pr, sq, si = c["pressroom"], c.get("sqlite"), c.get("scriptindex")
        cn = c["corpus"]
        lines.append(f"### {cn['name']}: {cn['records']:,} records, "
                     f"{cn['jsonl_bytes'] / 1e6:.1f} MB JSONL, {cn['queries']} queries")
        lines.append("")
        lines.append("| measure | Pressroom | SQLite FTS5 | scriptindex | Pressroom ÷ FTS5 | "
                     "Pressroom ÷ scriptindex |")
        lines.append("| --- | --- | --- | --- | --- | --- |")

        def row(label, p, s=None, x=None, digits=0, scale=1.0, inv=False):
            rs = ratio(p, s) if s else "–"
            rx = ratio(p, x) if x else "–"
            lines.append(f"| {label} | {fmt_stat(p, digits, scale) if isinstance(p, dict) else p}"
                         f" | {fmt_stat(s, digits, scale) if isinstance(s, dict) else (s or '–')}"
                         f" | {fmt_stat(x, digits, scale) if isinstance(x, dict) else (x or '–')}"
                         f" | {rs} | {rx} |")

        if "index_csv" in pr:
            row("indexing, records/s (DOJ CSV + text files, own mapping)",
                pr["index_csv"]["records_per_s"])
            row("  user CPU s · peak RSS MB (CSV import)",
                f"{fmt_stat(pr['index_csv']['user_s'], 1)} · "
                f"{fmt_stat(pr['index_csv']['peak_rss_mb'])}")
        row("indexing, records/s (canonical JSONL)", pr["index"]["records_per_s"],
            sq and sq["index"]["records_per_s"], si and si["index"]["records_per_s"])
        row("indexing, MB/s of JSONL", pr["index"]["mb_per_s"], sq and sq["index"]["mb_per_s"],
            si and si["index"]["mb_per_s"], 2)
        row("indexing, wall s", pr["index"]["wall_s"], sq and sq["index"]["wall_s"],
            si and si["index"]["wall_s"], 1)
        row("indexing, user CPU s", pr["index"]["user_s"], sq and sq["index"]["user_s"],
            si and si["index"]["user_s"], 1)
        row("indexing, peak RSS MB", pr["index"]["peak_rss_mb"],
            sq and sq["index"]["peak_rss_mb"], si and si["index"]["peak_rss_mb"])
        def sz(d, key="size_ratio"):
            return {"median": d[key], "min": d[key], "max": d[key]} if d else None
        row("index size ÷ input", sz(pr["index"]), sz(sq and sq["index"]),
            sz(si and si["index"]), 2)
        row("index size ÷ input after xapian-compact", sz(pr["index"], "compacted_ratio"), None,
            sz(si and si["index"], "compacted_ratio"), 2)
        s1 = pr["search_1"]
        q1 = sq and sq["search_1"]
        row("search p50 ms, 1 client", s1["p50_ms"], q1 and q1["p50_ms"], None, 2)
        row("search p95 ms, 1 client", s1["p95_ms"], q1 and q1["p95_ms"], None, 2)
        row("search p99 ms, 1 client", s1["p99_ms"], q1 and q1["p99_ms"], None, 2)
        row("searches/s, 1 client", s1["rps"], q1 and q1["qps"])
        row("searches/s, 4 clients", pr["search_4"]["rps"], sq and sq["search_4"]["qps"])
        row("search p99 ms, 4 clients", pr["search_4"]["p99_ms"], sq and sq["search_4"]["p99_ms"],
            None, 2)
        row("searchd CPU ms per search", s1["server_cpu_ms_per_request"], None, None, 3)
        row("export, records/s (NDJSON)", pr["export"]["records_per_s"],
            sq and sq["export"]["records_per_s"])
        row("export, MB/s", pr["export"]["mb_per_s"], None, None, 1)
        row("searchd RSS growth during export, MB", pr["export"]["rss_growth_mb"], None, None, 1)
        row("searchd start-up, ms", pr["startup_s"], None, None, 0, 1000.0)
        row("searchd idle RSS, MB", pr["idle_rss_mb"], None, None, 1)
        lines.append(f"| searchd RSS after the search runs, MB | {pr['rss_after_search_mb']:.0f} "
                     "| – | – | – | – |")
        lines.append("")
        if c.get("totals_agreement"):
            ta = c["totals_agreement"]
            lines.append(f"Match counts, Pressroom vs FTS5: {ta['same']} of {ta['queries']} "
                         f"queries equal, {ta['within_10pct']} within 10 % (stemmers differ).")
            lines.append("")
        lines.append("Targets: " + "; ".join(
            f"{t['target']} **{'met' if t['met'] else 'missed'}**" for t in c["targets"]) + ".")
        lines.append("")
    return "\n".join(lines)


def machine():
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) / 1024 / 1024
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break

    def ver(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return None

    os_name = ""
    if os.path.exists("/etc/debian_version"):
        os_name = "Debian " + open("/etc/debian_version").read().strip()
    return {"cores": os.cpu_count(), "memory_gib": mem, "cpu": cpu, "os": os_name,
            "kernel": platform.release(),
            "xapian": (ver(["xapian-config", "--version"]) or "").split()[-1],
            "sqlite": ver(["sqlite3", "--version"]).split()[0] if shutil.which("sqlite3") else None,
            "python": platform.python_version()}


def build(args):
    if args.build_dir:
        bdir = os.path.abspath(args.build_dir)
    else:
        bdir = os.path.join(ROOT, "build", "bench")
        log(f"building Release binaries into {bdir}")
        if not os.path.exists(os.path.join(bdir, "CMakeCache.txt")):
            subprocess.run(["cmake", "-S", ROOT, "-B", bdir, "-DCMAKE_BUILD_TYPE=Release",
                            "-DPRESSROOM_BUILD_TESTS=OFF"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["cmake", "--build", bdir, "-j", str(os.cpu_count() or 2)], check=True,
                       stdout=subprocess.DEVNULL)
    bins = {"index": os.path.join(bdir, "indexer", "pressroom-index"),
            "searchd": os.path.join(bdir, "searchd", "pressroom-searchd")}
    for b in bins.values():
        if not os.access(b, os.X_OK):
            raise BenchError(f"{b} is missing (build it, or pass --build-dir)")
    return bins


OUT_DIR = None


def main():
    global OUT_DIR
    ap = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n")[0])
    ap.add_argument("--smoke", action="store_true",
                    help="tiny generated corpus, 1 run, a few queries: checks the harness (~1 min)")
    ap.add_argument("--large", action="store_true",
                    help="also the expanded corpora (--sizes, default 100k and 1M records)")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--build-dir", help="folder with indexer/pressroom-index and "
                    "searchd/pressroom-searchd (default: build build/bench)")
    ap.add_argument("--runs", type=int, default=None, help="runs per measure (default 3, smoke 1)")
    ap.add_argument("--index-runs", type=int, default=None,
                    help="indexing runs per engine (default: --runs)")
    ap.add_argument("--large-index-runs", type=int, default=1,
                    help="indexing runs on corpora of 500k records or more (default 1)")
    ap.add_argument("--seconds", type=float, default=None,
                    help="seconds per search run (default 10, smoke 1)")
    ap.add_argument("--scriptindex-max", type=int, default=200000,
                    help="largest corpus on which scriptindex runs (it indexes ~500 records/s)")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--skip-doj", action="store_true",
                    help="with --large: only the expanded corpora (DOJ is still their source)")
    ap.add_argument("--doj", help="folder of the DOJ archive (default $PRESSROOM_SHARED/corpus/"
                    "doj-opa, else ../shared/corpus/doj-opa)")
    ap.add_argument("--data", help="folder for generated corpora, databases and work files "
                    "(default build/bench-data)")
    ap.add_argument("--out", help="folder for results (default build/bench-results/TIMESTAMP)")
    ap.add_argument("--keep", action="store_true", help="keep the Pressroom databases")
    args = ap.parse_args()

    runs = args.runs or (1 if args.smoke else 3)
    seconds = args.seconds or (1 if args.smoke else 10)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    scratch = None
    if args.smoke and not (args.data or args.out):
        # A fresh folder per smoke run (it runs as a CTest test), removed when the run passes.
        scratch = tempfile.mkdtemp(prefix="pressroom-bench-smoke-")
        args.data, args.out = os.path.join(scratch, "data"), os.path.join(scratch, "results")
    args.data = os.path.abspath(args.data or os.path.join(ROOT, "build", "bench-data"))
    OUT_DIR = os.path.abspath(args.out or os.path.join(ROOT, "build", "bench-results", stamp))
    os.makedirs(OUT_DIR, exist_ok=True)
    os.makedirs(args.data, exist_ok=True)
    for tool in ["wrk", "curl", "/usr/bin/time", "xapian-compact"] + (
            [] if args.no_baselines else ["sqlite3", "scriptindex"]):
        if not shutil.which(tool):
            raise BenchError(f"{tool} is missing: run scripts/install-deps")
    la = load_avg()
    if la[0] > 1.5:
        log(f"warning: load average {la} — other work competes for the 2 cores; figures will be "
            "low and noisy")
    bins = build(args)
    git = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip()
    binaries = {k: {"path": v, "built": time.strftime(
        "%Y-%m-%dT%H:%M:%S", time.localtime(os.path.getmtime(v))),
        "version": subprocess.run([v, "--version"], capture_output=True,
                                  text=True).stdout.strip()} for k, v in bins.items()}
    results = {"machine": machine(), "git": git, "binaries": binaries, "started": stamp,
               "runs": runs,
               "search_seconds": seconds, "load_at_start": la, "corpora": [],
               "command": " ".join(["bench/run"] + sys.argv[1:])}
    with open(os.path.join(BENCH, "queries.json"), encoding="utf-8") as f:
        mix_file = os.path.join(BENCH, "queries.json")
        mix = json.load(f)["queries"]

    def save():
        with open(os.path.join(OUT_DIR, "results.json"), "w") as f:
            json.dump(results, f, indent=1)
        md = markdown(results)
        with open(os.path.join(OUT_DIR, "summary.md"), "w") as f:
            f.write(md + "\n")
        return md

    def run_corpus(*a, **kw):
        c = corpus_suite(*a, **kw)
        c["targets"] = check_targets(c)
        results["corpora"].append(c)
        save()

    if args.smoke:
        src = sorted(glob.glob(os.path.join(ROOT, "corpus", "releases", "*.jsonl")))
        archive = expanded(args, src, 400, 1)
        qfile = os.path.join(args.data, "smoke-queries.json")
        subprocess.run([PY, os.path.join(BENCH, "make_queries.py"), "--counts",
                        "3,2,1,1,2,1,1,1,1", "--out", qfile, archive], check=True,
                       stderr=subprocess.DEVNULL)
        queries = json.load(open(qfile))["queries"]
        run_corpus("smoke", archive, queries, qfile, bins, args, runs, seconds, True)
    else:
        doj_jsonl, csv_import = prepare_doj(args, bins)
        if not args.skip_doj:
            run_corpus("doj", doj_jsonl, mix, mix_file, bins, args, runs, seconds, True,
                       extra_import=csv_import, index_runs=args.index_runs)
        if args.large:
            for n in (int(x) for x in args.sizes.split(",") if x):
                archive = expanded(args, [doj_jsonl], n, 1)
                r = args.large_index_runs if n >= 500000 else (args.index_runs or runs)
                run_corpus(f"expanded-{n}", archive, mix, mix_file, bins, args, runs, seconds,
                           n <= args.scriptindex_max, index_runs=r)
    results["load_at_end"] = load_avg()
    results["elapsed_s"] = time.time() - T0
    md = save()
    print(md)
    if scratch and not args.keep:
        rm(scratch)
        print(f"\nsmoke run passed ({results['elapsed_s']:.0f} s)", file=sys.stderr)
    else:
        print(f"\nresults: {OUT_DIR}/results.json, {OUT_DIR}/summary.md", file=sys.stderr)
    if not args.smoke:
        latest = os.path.join(ROOT, "build", "bench-results", "latest")
        try:
            rm(latest)
            os.symlink(OUT_DIR, latest)
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        log(f"error: {e}")
        if OUT_DIR:
            log(f"work files and logs kept in {os.path.dirname(OUT_DIR)}")
        sys.exit(1)
    except subprocess.CalledProcessError as e:
        log(f"error: {e}")
        sys.exit(1)
