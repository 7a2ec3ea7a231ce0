#!/usr/bin/env python3
"""The engines a user would pick instead of Pressroom, on the same input and query mix.

SQLite FTS5 (Python's sqlite3 module, in process):
    baselines.py sqlite-index ARCHIVE.jsonl DB
    baselines.py sqlite-search DB QUERIES.json [--rounds N] [--seconds S --offset K]
    baselines.py sqlite-export DB           (NDJSON of every record to standard output)
  Schema: a `docs` table (id, date, day YYYYMMDD, year, title, body, url, issuers and topics as
  JSON), an external-content FTS5 table over title and body (porter stemming, ranked by
  bm25 with the title weighted 5), and `doc_issuer` / `doc_topic` tables (one row per value,
  indexed both ways) for filters and facets. One search = the match set into a temporary table,
  its count, the top 20 by bm25 with snippet(), exact facets by GROUP BY over the match set
  (issuer, topic, year) and the year or month histogram, i.e. what Pressroom's UI asks for.

Xapian scriptindex (Debian's xapian-omega):
    baselines.py scriptindex-dump ARCHIVE.jsonl DUMP     (JSONL -> scriptindex's field=value format)
  and bench/scriptindex.script: title prefixed (S) and weighted 5, body indexed and stored,
  issuers and topics as boolean terms (XI, XT) plus their words (XA, XB), the date as YYYYMMDD in
  value slot 0, the id as the unique Q term.

Dates are reduced to YYYYMMDD with a small parser (ISO 8601, "April 13, 2018", "13 April 2018",
any 4-digit year); Pressroom's own parser reads more forms, which only matters for the tiny
smoke corpus.
"""
import argparse
import json
import os
import re
import sqlite3
import statistics
import sys
import time

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})


def day_key(text):
    """'2018-04-13T…' -> 20180413, '2018-04' -> 20180400, '2018' -> 20180000, None if unknown."""
    if not text:
        return None
    m = re.match(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", text)
    if m:
        return int(m.group(1)) * 10000 + int(m.group(2) or 0) * 100 + int(m.group(3) or 0)
    low = text.lower()
    y = re.search(r"\b(1[89]\d\d|2\d\d\d)\b", low)
    if not y:
        return None
    month = next((MONTHS[w] for w in re.findall(r"[a-z]+", low) if w in MONTHS), 0)
    d = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", low.replace(y.group(1), " "))
    return int(y.group(1)) * 10000 + month * 100 + (int(d.group(1)) if (d and month) else 0)


def fts_match(q):
    """The FTS5 match expression for a query of the mix: words ANDed, or one exact phrase."""
    q = q.strip()
    if q.startswith('"') and q.endswith('"'):
        return '"' + q.strip('"').replace('"', "") + '"'
    return " ".join('"' + w.replace('"', "") + '"' for w in q.split())


# ----------------------------------------------------------------------------------- SQLite
SCHEMA = """
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, date TEXT, day INTEGER,
                  year INTEGER, title TEXT, body TEXT, url TEXT, issuers TEXT, topics TEXT,
                  language TEXT, source TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', content_rowid='rowid',
                                    tokenize='porter unicode61');
CREATE TABLE doc_date(doc INTEGER PRIMARY KEY, day INTEGER, year INTEGER);
CREATE TABLE doc_issuer(doc INTEGER NOT NULL, issuer TEXT NOT NULL COLLATE NOCASE);
CREATE TABLE doc_topic(doc INTEGER NOT NULL, topic TEXT NOT NULL COLLATE NOCASE);
"""
INDEXES = """
CREATE INDEX doc_issuer_v ON doc_issuer(issuer, doc);
CREATE INDEX doc_issuer_d ON doc_issuer(doc);
CREATE INDEX doc_topic_v ON doc_topic(topic, doc);
CREATE INDEX doc_topic_d ON doc_topic(doc);
CREATE INDEX doc_date_day ON doc_date(day);
"""


def sqlite_index(archive, db_path):
    if os.path.exists(db_path):
        os.remove(db_path)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(SCHEMA)
    n = 0
    with con, open(archive, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            day = day_key(r.get("date"))
            iss, top = r.get("issuers") or [], r.get("topics") or []
            cur = con.execute(
                "INSERT INTO docs(id,date,day,year,title,body,url,issuers,topics,language,source)"
                " VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                (r["id"], r.get("date"), day, day // 10000 if day else None, r.get("title") or "",
                 r.get("body") or "", r.get("url"), json.dumps(iss), json.dumps(top),
                 r.get("language"), r.get("source")))
            rowid = cur.lastrowid
            con.execute("INSERT INTO fts(rowid,title,body) VALUES(?,?,?)",
                        (rowid, r.get("title") or "", r.get("body") or ""))
            if day:
                con.execute("INSERT INTO doc_date VALUES(?,?,?)", (rowid, day, day // 10000))
            con.executemany("INSERT INTO doc_issuer VALUES(?,?)", [(rowid, v) for v in iss])
            con.executemany("INSERT INTO doc_topic VALUES(?,?)", [(rowid, v) for v in top])
            n += 1
        con.executescript(INDEXES)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return n


class SqliteSearcher:
    def __init__(self, db_path):
        self.con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        self.con.execute("PRAGMA temp_store=MEMORY")
        self.con.execute("CREATE TEMP TABLE m(rowid INTEGER PRIMARY KEY)")

    def search(self, item):
        """One search as the UI asks it. Returns (total, hits, facets, histogram)."""
        con = self.con
        where, args = ["fts MATCH ?"], [fts_match(item["q"])]
        if item.get("issuer"):
            where.append("+rowid IN (SELECT doc FROM doc_issuer WHERE issuer IN (%s))"
                         % ",".join("?" * len(item["issuer"])))
            args += item["issuer"]
        if item.get("topic"):
            where.append("+rowid IN (SELECT doc FROM doc_topic WHERE topic IN (%s))"
                         % ",".join("?" * len(item["topic"])))
            args += item["topic"]
        if item.get("from") or item.get("to"):
            lo = int(item.get("from") or "0") * 10000 if item.get("from") else 0
            hi = int(item.get("to")) * 10000 + 9999 if item.get("to") else 99999999
            where.append("+rowid IN (SELECT doc FROM doc_date WHERE day BETWEEN ? AND ?)")
            args += [lo, hi]
        cond = " AND ".join(where)
        con.execute("DELETE FROM m")
        con.execute(f"INSERT INTO m SELECT rowid FROM fts WHERE {cond}", args)
        total = con.execute("SELECT count(*) FROM m").fetchone()[0]
        # The top 20 first, then their snippets and fields for those 20 rowids as a literal list:
        # SQLite computes every output column before it sorts (snippet() would run for every
        # match), a subquery for the rowids is 30x slower than the literal list, and FTS5's
        # `rank` column is 40x slower than ORDER BY bm25() with explicit weights.
        top = con.execute(f"SELECT rowid, bm25(fts, 5.0, 1.0) s FROM fts WHERE {cond} "
                          "ORDER BY s LIMIT 20", args).fetchall()
        hits = []
        if top:
            ids = ",".join(str(r[0]) for r in top)
            rows = {r[0]: r for r in con.execute(
                "SELECT fts.rowid, d.id, d.title, d.date, d.issuers, d.topics, d.url, "
                "snippet(fts, 1, '<mark>', '</mark>', '…', 40) FROM fts JOIN docs d "
                f"ON d.rowid = fts.rowid WHERE fts MATCH ? AND fts.rowid IN ({ids})",
                args[:1]).fetchall()}
            hits = [rows[r[0]] + (r[1],) for r in top]
        facets = {
            "issuer": con.execute(
                "SELECT issuer, count(*) c FROM m JOIN doc_issuer ON doc = m.rowid "
                "GROUP BY issuer ORDER BY c DESC, issuer LIMIT 10").fetchall(),
            "topic": con.execute(
                "SELECT topic, count(*) c FROM m JOIN doc_topic ON doc = m.rowid "
                "GROUP BY topic ORDER BY c DESC, topic LIMIT 10").fetchall(),
        }
        month = histogram_interval(item) == "month"
        years = con.execute("SELECT d.year, count(*) FROM m JOIN doc_date d ON d.doc = m.rowid "
                            "GROUP BY d.year").fetchall()
        facets["year"] = sorted(sorted(years, key=lambda kv: -kv[1])[:10])
        if month:
            buckets = con.execute(
                "SELECT d.day / 100 k, count(*) FROM m JOIN doc_date d ON d.doc = m.rowid "
                "WHERE d.day % 10000 >= 100 GROUP BY k ORDER BY k").fetchall()
        else:
            buckets = years
        return total, hits, facets, buckets


def histogram_interval(item):
    """The web UI's choice (web/js/state.js): month when from and to span at most 3 years."""
    f, t = item.get("from"), item.get("to")
    if f and t and len(f) == 4 and len(t) == 4 and 0 <= int(t) - int(f) <= 2:
        return "month"
    return "year"


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def sqlite_search(db_path, queries, rounds, seconds, offset, warmup=True):
    """Runs the mix (rotated by offset): one untimed round first (warm-up, and the match counts),
    then `rounds` rounds, or as many searches as fit in `seconds`."""
    s = SqliteSearcher(db_path)
    qs = queries[offset:] + queries[:offset]
    totals = [s.search(q)[0] for q in qs] if warmup else None
    lat = []
    t_start = time.perf_counter()
    i = 0
    while True:
        t0 = time.perf_counter()
        s.search(qs[i % len(qs)])
        lat.append((time.perf_counter() - t0) * 1000.0)
        i += 1
        el = time.perf_counter() - t_start
        if (seconds and el >= seconds) or (not seconds and i >= rounds * len(qs)):
            break
    wall = time.perf_counter() - t_start
    return {"searches": len(lat), "seconds": wall, "qps": len(lat) / wall,
            "p50_ms": statistics.median(lat), "p95_ms": percentile(lat, 95),
            "p99_ms": percentile(lat, 99), "max_ms": max(lat),
            "totals": totals if offset == 0 else None}


def sqlite_export(db_path, out):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    n = 0
    for row in con.execute("SELECT id,date,issuers,topics,title,body,url,language,source "
                           "FROM docs ORDER BY day DESC, rowid"):
        rec = {"id": row[0], "date": row[1], "issuers": json.loads(row[2]),
               "topics": json.loads(row[3]), "title": row[4], "body": row[5], "url": row[6],
               "language": row[7], "source": row[8]}
        out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        n += 1
    return n


# ------------------------------------------------------------------------------ scriptindex
def scriptindex_dump(archive, dump_path):
    """JSONL -> scriptindex input: records of `name=value` lines, newlines escaped as `\\n=`."""
    def esc(v):
        return str(v).replace("\r", " ").replace("\n", "\n=")

    n = 0
    with open(archive, encoding="utf-8") as f, open(dump_path, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            parts = ["id=" + esc(r["id"]), "title=" + esc(r.get("title") or "")]
            day = day_key(r.get("date"))
            if day:
                parts.append("day=%08d" % day)
            if r.get("date"):
                parts.append("date=" + esc(r["date"]))
            if r.get("url"):
                parts.append("url=" + esc(r["url"]))
            parts += ["issuer=" + esc(v) for v in r.get("issuers") or []]
            parts += ["topic=" + esc(v) for v in r.get("topics") or []]
            parts.append("body=" + esc(r.get("body") or ""))
            out.write("\n".join(parts) + "\n\n")
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("sqlite-index")
    a.add_argument("archive")
    a.add_argument("db")
    a = sub.add_parser("sqlite-search")
    a.add_argument("db")
    a.add_argument("queries")
    a.add_argument("--rounds", type=int, default=5)
    a.add_argument("--seconds", type=float, default=0)
    a.add_argument("--offset", type=int, default=0)
    a.add_argument("--limit", type=int, default=0)
    a.add_argument("--no-warmup", action="store_true")
    a = sub.add_parser("sqlite-export")
    a.add_argument("db")
    a = sub.add_parser("scriptindex-dump")
    a.add_argument("archive")
    a.add_argument("dump")
    args = ap.parse_args()
    if args.cmd == "sqlite-index":
        n = sqlite_index(args.archive, args.db)
        print(json.dumps({"records": n}))
    elif args.cmd == "sqlite-search":
        with open(args.queries, encoding="utf-8") as f:
            queries = json.load(f)["queries"]
        if args.limit:
            queries = queries[:args.limit]
        print(json.dumps(sqlite_search(args.db, queries, args.rounds, args.seconds,
                                       args.offset % len(queries), not args.no_warmup)))
    elif args.cmd == "sqlite-export":
        n = sqlite_export(args.db, sys.stdout)
        print(json.dumps({"records": n}), file=sys.stderr)
    elif args.cmd == "scriptindex-dump":
        n = scriptindex_dump(args.archive, args.dump)
        print(json.dumps({"records": n}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
