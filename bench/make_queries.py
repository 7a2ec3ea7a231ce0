#!/usr/bin/env python3
"""Derive the benchmark's fixed query mix from an archive, reproducibly.

    bench/make_queries.py --seed 6 --out bench/queries.json ARCHIVE.jsonl

The committed bench/queries.json was made from the DOJ archive as Pressroom exports it (canonical
JSONL, 12,694 releases; `bench/run` writes it to build/bench-data/doj.jsonl). Kinds:

| kind | how it is chosen |
| --- | --- |
| `frequent` | a word found in 5–40 % of the releases |
| `rare` | a word found in 2–10 releases |
| `and2`, `and3` | 2 or 3 distinct words of one real title (so at least that release matches) |
| `phrase` | 2 or 3 consecutive words of one real body, as an exact phrase |
| `issuer`, `topic`, `dates`, `mixed` | a word of a real release plus that release's issuer, topic and/or a range of years around its date |

Words are letters only, at least 3 of them, not stop words, so every engine tokenises them the
same way. Standard library only.
"""
import argparse
import json
import random
import re
import sys

STOP = set("""a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves near adj said says mr ms mrs
""".split())

# Letters a-z only, not touching any other letter or digit ("Álvaro" is no "lvaro").
WORD = re.compile(r"(?<![^\W_])[a-z]{3,}(?![^\W_])")
RUN = re.compile(r"(?<![^\W_])(?<!['’-])([A-Za-z]{3,})((?: [A-Za-z]{3,}){1,2})(?![^\W_])(?!['’-])")


def words(text):
    return [w for w in WORD.findall(text.lower()) if w not in STOP]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("archive")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--out", default="-")
    ap.add_argument("--counts", default="50,40,20,20,30,15,15,15,15",
                    help="frequent,rare,and2,and3,phrase,issuer,topic,dates,mixed")
    args = ap.parse_args()
    counts = dict(zip("frequent rare and2 and3 phrase issuer topic dates mixed".split(),
                      (int(x) for x in args.counts.split(","))))

    recs = []
    with open(args.archive, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                recs.append(r)
    df = {}
    doc_words = []
    for r in recs:
        ws = set(words((r.get("title") or "") + " " + (r.get("body") or "")))
        doc_words.append(ws)
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = len(recs)
    rng = random.Random(args.seed)
    by_word = sorted(df)
    frequent = [w for w in by_word if 0.05 * n <= df[w] <= 0.40 * n]
    rare = [w for w in by_word if 2 <= df[w] <= 10 and len(w) >= 5]
    out = []

    def add(kind, q, issuer=(), topic=(), date_from=None, date_to=None):
        item = {"kind": kind, "q": q}
        if issuer:
            item["issuer"] = list(issuer)
        if topic:
            item["topic"] = list(topic)
        if date_from:
            item["from"] = date_from
        if date_to:
            item["to"] = date_to
        if item not in out:
            out.append(item)
            return True
        return False

    for w in rng.sample(frequent, counts["frequent"]):
        add("frequent", w)
    for w in rng.sample(rare, counts["rare"]):
        add("rare", w)
    for kind, k in (("and2", 2), ("and3", 3)):
        made = 0
        while made < counts[kind]:
            r = recs[rng.randrange(n)]
            ws = sorted(set(w for w in words(r.get("title") or "") if df.get(w, 0) >= 3))
            if len(ws) >= k:
                made += add(kind, " ".join(rng.sample(ws, k)))
    made = 0
    while made < counts["phrase"]:
        r = recs[rng.randrange(n)]
        runs = [m.group(0) for m in RUN.finditer(r.get("body") or "")]
        runs = [x.lower() for x in runs if not any(w.lower() in STOP for w in x.split())]
        if runs:
            made += add("phrase", '"' + rng.choice(runs) + '"')

    def year(r):
        d = r.get("date") or ""
        return d[:4] if re.match(r"\d{4}", d) else None

    for kind in ("issuer", "topic", "dates", "mixed"):
        made = 0
        while made < counts[kind]:
            i = rng.randrange(n)
            r = recs[i]
            ws = sorted(w for w in doc_words[i] if df[w] >= 20)
            if not ws:
                continue
            issuers, topics, y = r.get("issuers") or [], r.get("topics") or [], year(r)
            if kind == "issuer" and issuers:
                made += add(kind, rng.choice(ws), issuer=[rng.choice(issuers)])
            elif kind == "topic" and topics:
                made += add(kind, rng.choice(ws), topic=[rng.choice(topics)])
            elif kind == "dates" and y:
                lo = int(y) - rng.randint(0, 1)
                made += add(kind, rng.choice(ws), date_from=str(lo), date_to=str(lo + rng.randint(0, 2)))
            elif kind == "mixed" and issuers and y:
                two = " ".join(rng.sample(ws, 2)) if len(ws) >= 2 else ws[0]
                topic = [rng.choice(topics)] if topics and rng.random() < 0.5 else []
                made += add(kind, two, issuer=[rng.choice(issuers)], topic=topic,
                            date_from=str(int(y) - 2), date_to=y)

    doc = {
        "about": "Fixed query mix of the Pressroom benchmarks (bench/README.md). Made by "
                 "bench/make_queries.py from the DOJ archive as exported by Pressroom; do not edit "
                 "by hand.",
        "seed": args.seed,
        "source_records": n,
        "counts": {k: sum(1 for q in out if q["kind"] == k) for k in counts},
        "queries": out,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"make_queries: {len(out)} queries -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
