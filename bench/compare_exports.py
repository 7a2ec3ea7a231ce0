#!/usr/bin/env python3
"""Byte-compare exports of several searchd binaries/databases. Usage: compare.py BIN:DB BIN:DB ..."""
import hashlib, re, subprocess, sys, urllib.request, itertools
procs, ports = [], []
for spec in sys.argv[1:]:
    b, d = spec.split(":")
    p = subprocess.Popen([b, "--db", d, "--listen", "127.0.0.1:0", "--log-level", "warn", "--threads", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ports.append(int(re.search(r":(\d+)\s*$", p.stdout.readline().strip()).group(1))); procs.append(p)
bad = 0
queries = ["", "q=fraud", "q=bribery+OR+tax", "issuer=Antitrust+Division", "q=%22grand+jury%22&from=2015"]
for fmt, sort, q in itertools.product(["ndjson", "csv", "json"], ["relevance", "newest", "oldest"], queries):
    qs = f"format={fmt}&sort={sort}" + (f"&{q}" if q else "")
    res = []
    for port in ports:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/export?{qs}") as r:
            body = r.read(); h = r.headers
        if fmt == "json":
            body = body[body.index(b'"records":['):]
        res.append((h["X-Pressroom-Count"], h["X-Pressroom-Ids-Sha256"], hashlib.sha256(body).hexdigest(), len(body)))
    same = all(r == res[0] for r in res)
    bad += not same
    print(("same " if same else "DIFF ") + qs, res[0][0], res[0][1][:12], res[0][2][:12], res[0][3], "" if same else res)
for p in procs: p.terminate()
print("all identical" if not bad else f"{bad} differ")
