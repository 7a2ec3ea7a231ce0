#!/usr/bin/env python3
"""Export benchmark: start searchd on DB, run the export N times, report wall, searchd CPU,
and RSS growth (VmRSS sampled every 10 ms) per run. Usage: export_bench.py SEARCHD DB [QUERY] [RUNS]"""
import os, subprocess, sys, threading, time, re, statistics
searchd, db = sys.argv[1], sys.argv[2]
query = sys.argv[3] if len(sys.argv) > 3 else "format=ndjson"
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
p = subprocess.Popen([searchd, "--db", db, "--listen", "127.0.0.1:0", "--log-level", "warn",
                      "--threads", "2"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
line = p.stdout.readline()
port = int(re.search(r":(\d+)\s*$", line.strip()).group(1))
tick = os.sysconf("SC_CLK_TCK")
def rss():
    with open(f"/proc/{p.pid}/status") as f:
        for l in f:
            if l.startswith("VmRSS:"): return int(l.split()[1])
def cpu():
    with open(f"/proc/{p.pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / tick
url = f"http://127.0.0.1:{port}/api/v1/export?{query}"
idle = rss()
# warm-up (page cache), also gives the count
out = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", url], capture_output=True, text=True).stdout
count = int(re.search(r"X-Pressroom-Count: (\d+)", out).group(1))
sha = re.search(r"X-Pressroom-Ids-Sha256: (\w+)", out).group(1)
res = []
for i in range(runs):
    base = rss(); peak = [base]; stop = [False]
    def sample():
        while not stop[0]:
            r = rss(); peak[0] = max(peak[0], r); time.sleep(0.01)
    t = threading.Thread(target=sample); t.start()
    c0 = cpu(); w0 = time.monotonic()
    subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=True)
    w = time.monotonic() - w0; c = cpu() - c0
    stop[0] = True; t.join()
    res.append((w, c, (peak[0] - base) / 1024, base / 1024))
    print(f"run {i+1}: wall {w:.3f} s ({count/w:,.0f} rec/s), searchd cpu {c:.2f} s, RSS {base/1024:.1f} MB -> +{(peak[0]-base)/1024:.1f} MB", flush=True)
p.terminate(); p.wait()
w = statistics.median(r[0] for r in res); c = statistics.median(r[1] for r in res)
print(f"count {count} sha {sha[:16]} | median wall {w:.3f} s = {count/w:,.0f} rec/s | median searchd cpu {c:.2f} s = {count/c if c else 0:,.0f} rec/cpu-s | max RSS growth per run {max(r[2] for r in res):.1f} MB, idle {idle/1024:.1f} MB, peak over idle {max(r[2]+r[3] for r in res) - idle/1024:.1f} MB | load {os.getloadavg()[0]:.2f}")
