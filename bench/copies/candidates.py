#!/usr/bin/env python3
"""How the candidate pairs of bench/copies/pairs.jsonl were found (the labels come from reading
the two bodies, not from this script). Lists DOJ pairs that share at least 5 distinct 5-word
shingles, with their shingle Jaccard and containment, as TSV on stdout:

    bench/copies/candidates.py TXT_DIR > candidates.tsv

TXT_DIR holds the archive's pressReleases_txt/release_NNNNN.txt. Shingles found in more than 40
bodies are skipped (boilerplate). About a minute on the whole archive.
"""
import collections
import itertools
import os
import re
import sys
import zlib


def words(text):
    return re.findall(r"[a-z0-9]+", re.sub(r"None$", "", text.strip()).lower())


def main():
    folder = sys.argv[1]
    shingles, postings = {}, collections.defaultdict(list)
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
            w = words(f.read())
        if len(w) < 30:
            continue
        n = int(name[8:13])
        s = {zlib.crc32(" ".join(w[k:k + 5]).encode()) for k in range(len(w) - 4)}
        shingles[n] = s
        for h in s:
            postings[h].append(n)
    shared = collections.Counter()
    for ids in postings.values():
        if 2 <= len(ids) <= 40:
            shared.update(itertools.combinations(ids, 2))
    for (a, b), c in sorted(shared.items()):
        if c >= 5:
            union = len(shingles[a] | shingles[b])
            small = min(len(shingles[a]), len(shingles[b]))
            print(f"{a}\t{b}\t{c / union:.3f}\t{c / small:.3f}")


if __name__ == "__main__":
    main()
