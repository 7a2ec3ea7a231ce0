#!/usr/bin/env python3
"""Search quality: known-item queries over the DOJ archive and corpus/ (issue #14).

A journalist half-remembers a release and types a few of its words. For each target release the
script derives, deterministically (seeds below), one query of each kind:

  title   the 3 rarest words of its title (document frequency over the whole collection)
  gist    4 of the 8 most characteristic body words (tf-idf), one of them in another inflection
          seen in the collection (same Snowball stem, another surface form: "sentenced" for
          "sentencing"), in random order
  phrase  5 consecutive words of one body sentence, typed without quotes, that no other release
          holds in that order (else another phrase is drawn, 5 tries)

Targets whose body is shared verbatim with a release of another title are skipped; the exact
copies of a target (same title and body) all count as the right answer. Each engine answers the
same queries over the same records:

  pressroom  pressroom-searchd's HTTP API, GET /api/v1/search?q=...&per_page=10 (every other
             parameter at its default)
  fts5       SQLite FTS5 as bench/baselines.py builds it (porter unicode61, bm25 with the title
             weighted 5), words ANDed
  xapian     stock Xapian (python3-xapian): TermGenerator with the English stemmer over title and
             body, QueryParser with its defaults (OR between words, STEM_SOME), BM25 defaults

Metrics per kind and overall: MRR@10, success@1, success@10, and the misses (target not in the
top 10) by cause: `no_match` (the target is not in the match set), `near_copy` (the first hit is a
near copy of the target: same title or 60 % of the body's distinct words in common) and
`outranked` (the rest).

Two halves: `tuning` (seed 11) for choosing ranking changes and `held_back` (seed 29, other
targets) that tuning never looks at. Results: a Markdown table on standard output and
build/bench-results/quality-<time>/results.json (every query with each engine's rank).

  bench/quality/run [--build-dir build/release] [--half tuning|held_back|both] [--per-kind 300]
"""
import argparse
import collections
import glob
import http.client
import json
import math
import os
import random
import re
import sqlite3
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
import baselines  # noqa: E402
import harness  # noqa: E402

SEEDS = {"tuning": 11, "held_back": 29}
KINDS = ("title", "gist", "phrase")
GIST_POOL = 8  # the gist words are drawn from this many top tf-idf body words
NEAR_COPY_JACCARD = 0.6
PHRASE_TRIES = 5  # phrases drawn per target before it is given up
STOPWORDS = set("""a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves
then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves said says say
none near adj xor""".split())
WORD = re.compile(r"[a-z0-9]+")


def log(msg):
    print(f"[quality] {msg}", file=sys.stderr, flush=True)


def words(text):
    return WORD.findall((text or "").lower())


def usable(w):
    return w.isalpha() and len(w) >= 3 and w not in STOPWORDS


def norm_title(t):
    return " ".join((t or "").split()).lower()


# ------------------------------------------------------------------------------ the collection
class Collection:
    """The records, their word statistics and the groups of exact copies."""

    def __init__(self, paths, fts_path):
        import xapian
        self.fts = sqlite3.connect(fts_path)
        self.recs = []
        for p in paths:
            with open(p, encoding="utf-8") as f:
                self.recs += [json.loads(line) for line in f if line.strip()]
        self.by_id = {r["id"]: r for r in self.recs}
        self.df = collections.Counter()
        self.body_sets = {}
        for r in self.recs:
            body = set(words(r.get("body")))
            self.body_sets[r["id"]] = body
            self.df.update(body | set(words(r.get("title"))))
        self.n = len(self.recs)
        stem = xapian.Stem("english")
        self.forms = collections.defaultdict(set)  # stem -> surface forms in the collection
        for w in self.df:
            if w.isalpha():
                self.forms[stem(w.encode()).decode()].add(w)
        self.stem = lambda w: stem(w.encode()).decode()
        groups = collections.defaultdict(list)
        for r in self.recs:
            groups[(r.get("body") or "").strip()].append(r)
        self.copies = {}  # id -> ids of its exact copies (itself included); absent: ambiguous
        for body, rs in groups.items():
            if len({norm_title(r.get("title")) for r in rs}) == 1 and len(words(body)) >= 20:
                for r in rs:
                    self.copies[r["id"]] = {x["id"] for x in rs}

    def phrase_holders(self, span):
        """Ids of the releases whose title or body holds these words in this order (looked up
        in the FTS5 index of the same records, whose porter stems make it a superset)."""
        if self.fts is None:
            raise RuntimeError("phrase queries need the FTS5 index")
        rows = self.fts.execute("SELECT d.id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE "
                                "fts MATCH ?", ('"' + " ".join(span) + '"',)).fetchall()
        return {x[0] for x in rows}

    def idf(self, w):
        return math.log(self.n / (1 + self.df[w]))

    def near_copy(self, a, b):
        ra, rb = self.by_id.get(a), self.by_id.get(b)
        if not ra or not rb:
            return False
        if norm_title(ra.get("title")) == norm_title(rb.get("title")):
            return True
        sa, sb = self.body_sets[a], self.body_sets[b]
        return bool(sa) and len(sa & sb) / len(sa | sb) >= NEAR_COPY_JACCARD


# ---------------------------------------------------------------------------------- queries
def title_query(c, r, rng):
    ws = list(dict.fromkeys(w for w in words(r.get("title")) if usable(w)))
    if len(ws) < 3:
        return None
    rare = sorted(ws, key=lambda w: (c.df[w], w))[:3]
    return " ".join(w for w in ws if w in rare)


def gist_query(c, r, rng):
    body = words(r.get("body"))
    tf = collections.Counter(w for w in body if usable(w) and len(w) >= 4 and c.df[w] >= 2)
    top = sorted(tf, key=lambda w: (-tf[w] * c.idf(w), w))[:GIST_POOL]
    if len(top) < 4:
        return None
    chosen = rng.sample(top, 4)
    present = set(body)
    for i, w in enumerate(chosen):
        others = sorted(c.forms[c.stem(w)] - {w}, key=lambda x: (x in present, -c.df[x], x))
        if others:
            chosen[i] = others[0]
            return " ".join(chosen)
    return None


def phrase_query(c, r, rng):
    sentences = [s for s in re.split(r"[.!?;:]\s+|\n+", r.get("body") or "")]
    spans = []
    for s in sentences:
        ws = words(s)
        for i in range(len(ws) - 4):
            span = ws[i:i + 5]
            if sum(usable(w) for w in span) >= 3:
                spans.append(span)
    # A phrase the journalist copied down tells the release apart: one that other releases
    # also hold ("the case was investigated by") has no single right answer, so it is redrawn.
    for _ in range(PHRASE_TRIES):
        if not spans:
            return None
        span = spans.pop(rng.randrange(len(spans)))
        if c.phrase_holders(span) <= c.copies[r["id"]]:
            return " ".join(span)
    return None


MAKERS = {"title": title_query, "gist": gist_query, "phrase": phrase_query}


def make_queries(c, seed, per_kind, exclude=()):
    rng = random.Random(seed)
    ids = sorted(c.copies)
    out = []
    for kind in KINDS:
        order = ids[:]
        rng.shuffle(order)
        n = 0
        for tid in order:
            if n == per_kind:
                break
            if (kind, tid) in exclude:
                continue
            q = MAKERS[kind](c, c.by_id[tid], rng)
            if q:
                out.append({"kind": kind, "target": tid, "q": q})
                n += 1
    return out


# ---------------------------------------------------------------------------------- engines
class Pressroom:
    name = "pressroom"

    def __init__(self, sd):
        self.sd = sd
        self.conn = http.client.HTTPConnection(sd.host, sd.port, timeout=60)

    def _get(self, target):
        try:
            self.conn.request("GET", target)
            r = self.conn.getresponse()
        except (http.client.HTTPException, OSError):  # searchd closed the idle keep-alive
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.sd.host, self.sd.port, timeout=60)
            self.conn.request("GET", target)
            r = self.conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise harness.BenchError(f"{target}: HTTP {r.status}: {body[:300]!r}")
        return body

    def top(self, q):
        d = json.loads(self._get("/api/v1/search?" + urllib.parse.urlencode(
            [("q", q), ("per_page", "10")])))
        return [h["id"] for h in d["hits"]], d.get("warning", "")

    def matches(self, q, ids):
        body = self._get("/api/v1/export?" + urllib.parse.urlencode([("q", q), ("fields", "id")]))
        got = {json.loads(line)["id"] for line in body.decode().splitlines() if line.strip()}
        return bool(got & ids)


class Fts5:
    name = "fts5"

    def __init__(self, path):
        self.con = sqlite3.connect(path)

    def top(self, q):
        rows = self.con.execute(
            "SELECT d.id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? "
            "ORDER BY bm25(fts, 5.0, 1.0) LIMIT 10", (baselines.fts_match(q),)).fetchall()
        return [x[0] for x in rows], ""

    def matches(self, q, ids):
        marks = ",".join("?" * len(ids))
        return self.con.execute(
            f"SELECT 1 FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? "
            f"AND d.id IN ({marks}) LIMIT 1", (baselines.fts_match(q), *sorted(ids))).fetchone() \
            is not None


class StockXapian:
    name = "xapian"

    def __init__(self, path):
        import xapian
        self.x = xapian
        self.db = xapian.Database(path)
        self.qp = xapian.QueryParser()
        self.qp.set_database(self.db)
        self.qp.set_stemmer(xapian.Stem("english"))
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)

    @staticmethod
    def build(archive, path):
        import xapian
        db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        with open(archive, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                doc = xapian.Document()
                tg.set_document(doc)
                tg.index_text(r.get("title") or "")
                tg.increase_termpos()
                tg.index_text(r.get("body") or "")
                doc.set_data(r["id"])
                doc.add_boolean_term("Q" + r["id"])
                db.replace_document("Q" + r["id"], doc)
        db.close()

    def _query(self, q):
        return self.qp.parse_query(q)

    def top(self, q):
        enq = self.x.Enquire(self.db)
        enq.set_query(self._query(q))
        return [m.document.get_data().decode() for m in enq.get_mset(0, 10)], ""

    def matches(self, q, ids):
        enq = self.x.Enquire(self.db)
        terms = [self.x.Query("Q" + i) for i in sorted(ids)]
        enq.set_query(self.x.Query(self.x.Query.OP_FILTER, self._query(q),
                                   self.x.Query(self.x.Query.OP_OR, terms)))
        return enq.get_mset(0, 1).size() > 0


# ---------------------------------------------------------------------------------- scoring
def judge(c, engine, item):
    ids, warning = engine.top(item["q"])
    right = c.copies[item["target"]]
    rank = next((i + 1 for i, x in enumerate(ids) if x in right), None)
    out = {"rank": rank}
    if warning:
        out["warning"] = warning
    if rank is None:
        if not engine.matches(item["q"], right):
            out["miss"] = "no_match"
        elif ids and c.near_copy(ids[0], item["target"]):
            out["miss"] = "near_copy"
        else:
            out["miss"] = "outranked"
    return out


def summarise(judged):
    n = len(judged)
    if not n:
        return {}
    misses = collections.Counter(j.get("miss") for j in judged if j.get("miss"))
    return {"queries": n,
            "mrr10": sum(1.0 / j["rank"] for j in judged if j["rank"]) / n,
            "success1": sum(1 for j in judged if j["rank"] == 1) / n,
            "success10": sum(1 for j in judged if j["rank"]) / n,
            "no_match": misses["no_match"], "outranked": misses["outranked"],
            "near_copy": misses["near_copy"]}


def table(results, half):
    lines = [f"#### {half} half", "",
             "| kind | engine | queries | MRR@10 | success@1 | success@10 | no match | "
             "outranked | near copy on top |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | "
             "---: | ---: |"]
    for kind in KINDS + ("overall",):
        for eng, per in results[half].items():
            s = per[kind]
            lines.append(f"| {kind} | {eng} | {s['queries']} | {s['mrr10']:.3f} | "
                         f"{100 * s['success1']:.1f} % | {100 * s['success10']:.1f} % | "
                         f"{s['no_match']} | {s['outranked']} | {s['near_copy']} |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- main
def prepare(a, bins):
    """The collection's JSONL (DOJ's canonical export + corpus/releases) and the baselines'
    indexes, built once per data folder."""
    os.makedirs(a.data, exist_ok=True)
    if a.doj_text and not os.path.exists(os.path.join(a.data, "doj")):
        os.symlink(os.path.abspath(a.doj_text), os.path.join(a.data, "doj"))
    doj, _ = harness.prepare_doj(a, bins)
    qdir = os.path.join(a.data, "quality")
    os.makedirs(qdir, exist_ok=True)
    archive = os.path.join(qdir, "collection.jsonl")
    if not os.path.exists(archive):
        with open(archive + ".part", "w", encoding="utf-8") as out:
            for p in [doj] + sorted(glob.glob(os.path.join(ROOT, "corpus", "releases",
                                                           "*.jsonl"))):
                with open(p, encoding="utf-8") as f:
                    out.writelines(line for line in f if line.strip())
        os.replace(archive + ".part", archive)
    fts = os.path.join(qdir, "fts5.sqlite")
    if not os.path.exists(fts):  # also where phrase queries are checked
        log("indexing the collection in SQLite FTS5")
        baselines.sqlite_index(archive, fts + ".part")
        os.replace(fts + ".part", fts)
    xdb = os.path.join(qdir, "xapian.db")
    if "xapian" in a.engines and not os.path.exists(xdb):
        log("indexing the collection with stock Xapian")
        StockXapian.build(archive, xdb + ".part")
        os.replace(xdb + ".part", xdb)
    return archive, fts, xdb


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("--half", choices=["tuning", "held_back", "both"], default="both")
    ap.add_argument("--per-kind", type=int, default=300, help="queries per kind and half")
    ap.add_argument("--engines", default="pressroom,fts5,xapian")
    ap.add_argument("--doj", help="the DOJ archive (default $PRESSROOM_SHARED/corpus/doj-opa)")
    ap.add_argument("--doj-text", help="an unpacked copy of its pressReleases_txt folder's parent")
    ap.add_argument("--db", help="an existing Pressroom database of the collection (else built)")
    ap.add_argument("--data", default=os.path.join(ROOT, "build", "bench-data"))
    ap.add_argument("--out")
    a = ap.parse_args()
    a.engines = a.engines.split(",")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    a.out = a.out or os.path.join(ROOT, "build", "bench-results", f"quality-{stamp}")
    os.makedirs(a.out, exist_ok=True)
    harness.OUT_DIR = a.out
    bins = {"index": os.path.join(a.build_dir, "indexer", "pressroom-index"),
            "searchd": os.path.join(a.build_dir, "searchd", "pressroom-searchd")}
    archive, fts, xdb = prepare(a, bins)
    c = Collection([archive], fts)
    log(f"{c.n} records, {len(c.copies)} usable targets")

    halves = ["tuning", "held_back"] if a.half == "both" else [a.half]
    queries = {"tuning": make_queries(c, SEEDS["tuning"], a.per_kind)}
    seen = {(q["kind"], q["target"]) for q in queries["tuning"]}
    queries["held_back"] = make_queries(c, SEEDS["held_back"], a.per_kind, seen)

    db = a.db
    if "pressroom" in a.engines and not db:
        db = os.path.join(a.out, "pressroom.db")
        log("indexing the collection with pressroom-index")
        harness.timed([bins["index"], "add", "--db", db, "--quiet", archive], ok=(0, 1))
    engines, sd = [], None
    try:
        for name in a.engines:
            if name == "pressroom":
                sd = harness.Searchd(bins["searchd"], db, os.path.join(a.out, "searchd.log"))
                engines.append(Pressroom(sd))
            elif name == "fts5":
                engines.append(Fts5(fts))
            elif name == "xapian":
                engines.append(StockXapian(xdb))
        results, detail = {}, {}
        for half in halves:
            results[half], detail[half] = {}, [dict(q) for q in queries[half]]
            for e in engines:
                t = time.perf_counter()
                judged = [judge(c, e, q) for q in queries[half]]
                for d, j in zip(detail[half], judged):
                    d[e.name] = j
                per = {k: summarise([j for q, j in zip(queries[half], judged) if q["kind"] == k])
                       for k in KINDS}
                per["overall"] = summarise(judged)
                results[half][e.name] = per
                log(f"{half} {e.name}: MRR@10 {per['overall']['mrr10']:.3f} "
                    f"({time.perf_counter() - t:.1f} s)")
    finally:
        if sd:
            sd.stop()
    with open(os.path.join(a.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"records": c.n, "seeds": SEEDS, "per_kind": a.per_kind, "results": results,
                   "queries": detail}, f, indent=1)
    md = "\n\n".join(table(results, h) for h in halves)
    with open(os.path.join(a.out, "summary.md"), "w", encoding="utf-8") as f:
        f.write(md + "\n")
    print(md)
    log(f"results in {a.out}")


if __name__ == "__main__":
    main()
