#!/usr/bin/env python3
"""RSS growth and time of one export manifest request (the ranking + id hashing walk only).
Usage: manifest_mem.py SEARCHD DB QUERY"""
import os, re, subprocess, sys, threading, time
p = subprocess.Popen([sys.argv[1], "--db", sys.argv[2], "--listen", "127.0.0.1:0", "--log-level", "warn", "--threads", "2"],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
port = int(re.search(r":(\d+)\s*$", p.stdout.readline().strip()).group(1))
def rss():
    for l in open(f"/proc/{p.pid}/status"):
        if l.startswith("VmRSS:"): return int(l.split()[1])
def cpu():
    parts = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
base = rss(); peak = [base]; stop = [False]
def sample():
    while not stop[0]:
        peak[0] = max(peak[0], rss()); time.sleep(0.01)
t = threading.Thread(target=sample); t.start()
w0 = time.monotonic(); c0 = cpu()
out = subprocess.run(["curl", "-s", f"http://127.0.0.1:{port}/api/v1/export/manifest?{sys.argv[3]}"], capture_output=True, text=True).stdout
w = time.monotonic() - w0; c = cpu() - c0
stop[0] = True; t.join(); p.terminate()
count = re.search(r'"count": ?(\d+)', out).group(1)
print(f"manifest {sys.argv[3]}: count {count}, wall {w:.2f} s, searchd cpu {c:.2f} s, RSS {base/1024:.1f} MB -> +{(peak[0]-base)/1024:.1f} MB")
