#!/usr/bin/env python3
"""Grow an archive of canonical JSONL records to N records, deterministically.

    bench/expand.py --records 100000 --seed 1 --out big.jsonl SOURCE.jsonl [SOURCE2.jsonl ...]

Every generated release is recombined from real parts of the source archive, so the vocabulary
keeps its real distribution (word frequencies, phrase structure, issuer and topic mix, dates):

- the body is a run of real sentences, as many as a randomly chosen real release has, each drawn
  from the pool of every sentence of the archive (kept in paragraphs where the source has them:
  that release's paragraph lengths in sentences are reused);
- the title joins the first part of one real title with the rest of another (cut at a word);
- issuers and topics are the whole lists of one real release (joint statements stay joint, a
  release without topics stays without), taken from a different release than the date;
- the date is a real release's date text (so the year/month distribution and the precisions
  are the archive's own);
- ids are `x<seed>-<n>`, urls `https://expanded.invalid/<seed>/<n>`.

The same sources, --records and --seed always give the same bytes (Python's random.Random with
a fixed seed; the sources are read in the order given). Standard library only.
"""
import argparse
import json
import os
import random
import re
import sys

PARA_SPLIT = re.compile(r"\n\s*\n|\n")
# A sentence ends at . ! or ? followed by white space and a capital letter or a quote.
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def load(paths):
    """Returns (records, sentences). Records keep title, date, issuers, topics and their shape:
    the number of sentences of each paragraph."""
    records, paragraphs = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                body = r.get("body") or ""
                paras = [p.strip() for p in PARA_SPLIT.split(body) if p.strip()]
                shape = []
                for p in paras:
                    sents = [x for x in SENT_SPLIT.split(p) if x.strip()]
                    paragraphs.extend(sents)
                    shape.append(len(sents))
                records.append({
                    "title": (r.get("title") or "").split(),
                    "date": r.get("date") or "",
                    "issuers": r.get("issuers") or [],
                    "topics": r.get("topics") or [],
                    "shape": shape or [1],
                    "language": r.get("language") or "en",
                })
    if not records or not paragraphs:
        raise SystemExit("expand: the sources hold no records with a body")
    # (the pool is called paragraphs for history; it holds sentences)
    return records, paragraphs


def generate(records, paragraphs, n, seed, out):
    """Writes n JSONL records to the open text file `out`. Returns bytes written."""
    rng = random.Random(seed)
    nrec, npara = len(records), len(paragraphs)
    written = 0
    for i in range(n):
        shape = records[rng.randrange(nrec)]
        meta = records[rng.randrange(nrec)]
        when = records[rng.randrange(nrec)]
        t1 = records[rng.randrange(nrec)]["title"]
        t2 = records[rng.randrange(nrec)]["title"]
        cut1 = rng.randint(1, max(1, len(t1))) if t1 else 0
        cut2 = rng.randint(0, max(0, len(t2) - 1)) if t2 else 0
        title = " ".join(t1[:cut1] + t2[cut2:]) or "Untitled"
        body = "\n\n".join(" ".join(paragraphs[rng.randrange(npara)] for _ in range(k))
                             for k in shape["shape"])
        rec = {"id": f"x{seed}-{i:07d}"}
        if when["date"]:
            rec["date"] = when["date"]
        rec.update({
            "issuers": meta["issuers"],
            "topics": meta["topics"],
            "title": title,
            "body": body,
            "url": f"https://expanded.invalid/{seed}/{i}",
            "language": shape["language"],
            "source": "expanded",
        })
        line = json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sources", nargs="+", help="canonical JSONL files to recombine")
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output JSONL file ('-' for standard output)")
    args = ap.parse_args()
    records, paragraphs = load(args.sources)
    if args.out == "-":
        generate(records, paragraphs, args.records, args.seed, sys.stdout)
    else:
        tmp = args.out + ".part"
        with open(tmp, "w", encoding="utf-8") as f:
            size = generate(records, paragraphs, args.records, args.seed, f)
        os.replace(tmp, args.out)
        print(f"expand: {args.records} records, {size / 1e6:.1f} MB -> {args.out} "
              f"(from {len(records)} records, {len(paragraphs)} sentences)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
