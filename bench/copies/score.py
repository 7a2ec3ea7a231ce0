#!/usr/bin/env python3
"""Pair precision and recall of the wire-copy rule (core/include/pressroom/near_dup.h) on the
labelled sample bench/copies/pairs.jsonl, and a sweep of each threshold.

    bench/copies/score.py [--cli build/release/bench/copies/near_dup_pairs] [--errors]

The DOJ bodies are the archive's text files: --txt DIR (a folder holding release_NNNNN.txt),
else they are unpacked once from $PRESSROOM_SHARED/corpus/doj-opa/pressReleases_txt.tar.zst
(or ../shared/...) into build/bench-data/doj-txt. corpus/ bodies come from corpus/releases.
Derived pairs (kind "derived") are one DOJ release and a copy of it edited here (edit_body):
their label is "same" by construction. See bench/copies/README.md.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# near_dup.h's Thresholds: keep in step (the script checks the binary's verdicts against it).
RULE = {"one_sided_containment": 0.95, "one_sided_name_novelty": 0.035,
        "one_sided_number_swaps": 0, "one_sided_resemblance": 0.40,
        "two_sided_resemblance": 0.78, "two_sided_containment": 0.90,
        "two_sided_number_changes": 0}

CITIES = ["MIAMI", "DENVER", "BOSTON", "SEATTLE", "ATLANTA", "CHICAGO", "PHOENIX", "DALLAS"]
DISTRICTS = ["Southern District of Florida", "District of Colorado", "District of Massachusetts",
             "Western District of Washington", "Northern District of Georgia",
             "Northern District of Illinois", "District of Arizona", "Northern District of Texas"]
NAMES = ["Maria Okafor", "Daniel Reyes", "Priya Lindqvist", "Thomas Achebe", "Helen Marsh",
         "Omar Castellano", "Grace Whitfield", "Victor Nakamura"]
WIRES = ["NewsLine Wire", "Capitol Press Service", "GovRelease Network", "Federal Newsdesk"]


def sentences(body):
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", body.strip()) if s]


def edit_body(body, edit, n):
    """The re-issued copy of `body` (deterministic in n, the release number)."""
    city, district = CITIES[n % 8], DISTRICTS[n % 8]
    name, name2, wire = NAMES[n % 8], NAMES[(n + 3) % 8], WIRES[n % 4]
    if edit == "reissue":
        return (f"{city} – United States Attorney {name} for the {district} announced today the "
                f"following action, taken together with the Department of Justice.\n\n{body}\n\n"
                f"The {district} has made the prosecution of such cases a priority. Anyone with "
                f"information is asked to call the U.S. Attorney's Office at (555) 01{n % 100:02d}. "
                f"Assistant U.S. Attorney {name2} of the {district} assisted in this matter.")
    if edit == "footer":
        return (f"{body}\n\n###\n\nAbout {wire}: {wire} distributes news releases from government "
                f"agencies to newsrooms across the country. Media contact: press@wire{n % 4}.example, "
                f"+1 555 01{n % 100:02d}. Re-posted by {wire}. All rights reserved.")
    s = sentences(body)
    if edit == "lead":
        new = (f"The U.S. Attorney's Office for the {district} joined the Department of Justice "
               f"today in announcing the case described below.")
        return " ".join([new] + s[1:])
    if edit == "trim":
        s = s[:-2] if len(s) > 4 else s[:-1]
        text = " ".join(s)
        return re.sub(r"^\s*WASHINGTON\s*[-–—]*\s*", "", text)
    if edit == "format":
        text = re.sub(r" ", lambda m: "  " if (m.start() * 7 + n) % 11 == 0 else " ", body)
        text = re.sub(r"(?<=[.!?]) (?=[A-Z])", "\n\n", text)
        text = re.sub(r'"([^"]*)"', "“\\1”", text)
        text = text.replace("'", "’").replace(" - ", " — ").replace(",", " ,")
        return text
    raise ValueError(f"unknown edit {edit!r}")


def doj_txt_dir(arg):
    if arg:
        return arg
    shared = os.environ.get("PRESSROOM_SHARED", os.path.join(ROOT, "..", "shared"))
    tarball = os.path.join(shared, "corpus", "doj-opa", "pressReleases_txt.tar.zst")
    cache = os.path.join(ROOT, "build", "bench-data", "doj-txt")
    target = os.path.join(cache, "pressReleases_txt")
    if not os.path.isdir(target):
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["tar", "-I", "zstd", "-xf", tarball, "-C", cache], check=True)
    return target


def load_bodies(pairs, txt_dir):
    corpus = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "releases", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                corpus[r["id"]] = r["body"]

    def body(ref):
        if ref["source"] == "corpus":
            text = corpus[ref["id"]]
        else:
            path = os.path.join(txt_dir, f"release_{ref['id']:05d}.txt")
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
        if "edit" in ref:
            text = edit_body(text, ref["edit"], int(ref["id"]))
        return text

    return [(body(p["a"]), body(p["b"])) for p in pairs]


def run_cli(cli, bodies):
    data = "".join(json.dumps({"a": a, "b": b}) + "\n" for a, b in bodies)
    out = subprocess.run([cli], input=data, capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        r, c, n, z, x, v = line.split("\t")
        rows.append({"resemblance": float(r), "containment": float(c), "name_novelty": float(n),
                     "number_swaps": float(z), "number_changes": float(x), "verdict": v == "1"})
    if len(rows) != len(bodies):
        sys.exit("near_dup_pairs answered a different number of pairs")
    return rows


def decide(f, rule):
    if f["containment"] <= 0:
        return False
    one_sided = (f["containment"] >= rule["one_sided_containment"]
                 and f["name_novelty"] <= rule["one_sided_name_novelty"]
                 and f["number_swaps"] <= rule["one_sided_number_swaps"]
                 and f["resemblance"] >= rule["one_sided_resemblance"])
    two_sided = (f["resemblance"] >= rule["two_sided_resemblance"]
                 and f["containment"] >= rule["two_sided_containment"]
                 and f["number_changes"] <= rule["two_sided_number_changes"])
    return one_sided or two_sided


def prf(pairs, feats, rule, keep=lambda p: True):
    tp = fp = fn = tn = 0
    for p, f in zip(pairs, feats):
        if not keep(p):
            continue
        said, truth = decide(f, rule), p["label"] == "same"
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
        tn += not said and not truth
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn, tn


def line(name, res):
    p, r, tp, fp, fn, tn = res
    return f"| {name} | {tp + fn} | {fp + tn} | {p:.3f} | {r:.3f} | {tp} | {fp} | {fn} |"


def cross_validate(pairs, feats):
    """Chooses the thresholds on half of the pairs (highest recall with precision ≥ 0.98, then the
    highest precision) and scores them on the other half: how much the figures above owe to having
    tuned the rule on this very sample."""
    import itertools
    import random
    grid = list(itertools.product([0.9, 0.93, 0.95, 0.97, 0.99], [0.7, 0.75, 0.78, 0.8, 0.85],
                                  [0.85, 0.9, 0.93], [0, 1, 2]))
    print("\n## 2-fold cross-validation (5 random splits)\n")
    print("| split | fold | chosen (one-sided cont., two-sided res., cont., number changes) "
          "| precision | recall |")
    print("| ---: | ---: | --- | ---: | ---: |")
    for split in range(5):
        idx = list(range(len(pairs)))
        random.Random(split).shuffle(idx)
        halves = [set(idx[: len(idx) // 2]), set(idx[len(idx) // 2:])]
        for fold in (0, 1):
            train, test = halves[fold], halves[1 - fold]
            best = None
            for c1, r2, c2, nc in grid:
                rule = dict(RULE, one_sided_containment=c1, two_sided_resemblance=r2,
                            two_sided_containment=c2, two_sided_number_changes=nc)
                ids = iter(range(len(pairs)))
                p, r, *_ = prf(pairs, feats, rule, lambda q, ids=ids: next(ids) in train)
                key = (p >= 0.98, r, p)
                if best is None or key > best[0]:
                    best = (key, rule, (c1, r2, c2, nc))
            ids = iter(range(len(pairs)))
            p, r, *_ = prf(pairs, feats, best[1], lambda q, ids=ids: next(ids) in test)
            print(f"| {split} | {fold} | {best[2]} | {p:.3f} | {r:.3f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=os.path.join(ROOT, "bench", "copies", "pairs.jsonl"))
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "release", "bench", "copies",
                                                  "near_dup_pairs"))
    ap.add_argument("--txt", help="folder of the DOJ release_NNNNN.txt files")
    ap.add_argument("--errors", action="store_true", help="list the misjudged pairs")
    ap.add_argument("--cv", action="store_true",
                    help="also 2-fold cross-validation: thresholds chosen on one half, scored on "
                         "the other (5 random splits)")
    ap.add_argument("--cost", action="store_true",
                    help="also time the signatures of every DOJ text file (median of 3 runs)")
    args = ap.parse_args()

    with open(args.pairs, encoding="utf-8") as f:
        pairs = [json.loads(l) for l in f if l.strip()]
    feats = run_cli(args.cli, load_bodies(pairs, doj_txt_dir(args.txt)))
    for p, f in zip(pairs, feats):
        if f["verdict"] != decide(f, RULE):
            sys.exit("score.py's RULE differs from near_dup.h's thresholds: update RULE")

    print(f"# Wire copies: {len(pairs)} labelled pairs, rule {RULE}\n")
    print("| pairs | same | different | precision | recall | TP | FP | FN |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(line("all", prf(pairs, feats, RULE)))
    print(line("real (read and labelled)", prf(pairs, feats, RULE, lambda p: p["kind"] == "real")))
    print(line("  DOJ", prf(pairs, feats, RULE,
                            lambda p: p["kind"] == "real" and p["a"]["source"] == "doj")))
    print(line("  corpus/", prf(pairs, feats, RULE, lambda p: p["a"]["source"] == "corpus")))
    print(line("derived re-issues", prf(pairs, feats, RULE, lambda p: p["kind"] == "derived")))

    for key, values in [("one_sided_containment", [0.8, 0.9, 0.93, 0.95, 0.97, 0.99, 1.01]),
                        ("one_sided_name_novelty", [0, 0.02, 0.035, 0.05, 0.1, 1]),
                        ("one_sided_number_swaps", [0, 1, 2, 1e9]),
                        ("one_sided_resemblance", [0, 0.2, 0.3, 0.4, 0.5, 0.6]),
                        ("two_sided_resemblance", [0.5, 0.6, 0.7, 0.75, 0.78, 0.8, 0.85, 0.9, 1.01]),
                        ("two_sided_containment", [0.7, 0.8, 0.85, 0.9, 0.93, 0.95]),
                        ("two_sided_number_changes", [0, 1, 2, 4, 1e9])]:
        print(f"\n## Sweep of {key} (the other thresholds as documented)\n")
        print(f"| {key} | precision | recall | TP | FP | FN |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for v in values:
            p, r, tp, fp, fn, _ = prf(pairs, feats, dict(RULE, **{key: v}))
            mark = " ←" if v == RULE[key] else ""
            print(f"| {v}{mark} | {p:.3f} | {r:.3f} | {tp} | {fp} | {fn} |")

    if args.cv:
        cross_validate(pairs, feats)

    if args.cost:
        txt = doj_txt_dir(args.txt)
        paths = "".join(os.path.join(txt, n) + "\n" for n in sorted(os.listdir(txt)))
        runs = []
        for _ in range(3):
            out = subprocess.run([args.cli, "--cost"], input=paths, capture_output=True,
                                 text=True, check=True).stdout.split("\t")
            runs.append((float(out[2]), int(out[0]), int(out[1])))
        secs, files, size = sorted(runs)[1]
        print(f"\n## Cost\n\nSignatures of the {files} DOJ text files ({size / 1e6:.1f} MB): "
              f"{secs:.2f} s (median of 3), {files / secs:,.0f} bodies/s, "
              f"{size / 1e6 / secs:.1f} MB/s on one core.")

    if args.errors:
        print("\n## Misjudged pairs\n")
        for p, f in zip(pairs, feats):
            if decide(f, RULE) != (p["label"] == "same"):
                ref = lambda r: f"{r['source']}:{r['id']}" + (f"+{r['edit']}" if "edit" in r else "")
                print(f"- {p['label']}: {ref(p['a'])} {ref(p['b'])} — res {f['resemblance']:.2f} "
                      f"cont {f['containment']:.2f} names {f['name_novelty']:.3f} "
                      f"numbers {f['number_swaps']:.0f}/{f['number_changes']:.0f} — {p['reason']}")


if __name__ == "__main__":
    main()
