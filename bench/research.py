#!/usr/bin/env python3
"""Issue #12's measurements on the DOJ archive: "did you mean" accuracy, "more like this"
precision on case families, and what each feature costs on search latency.

Starts BIN on DB (and, with --db-no-spelling, on the same archive imported with
`pressroom-index add --no-spelling`), then:

1. Suggestions: every pair of bench/misspellings.json ([typo, intended]) as q; a suggestion is
   right when its q is the intended text (case aside). Pairs whose two sides are equal are
   controls: right when no suggestion is made.
2. Similar releases: families are releases whose titles start with the same person's name
   followed by a court-news verb ("John A. Smith Sentenced ...", "John A. Smith Pleads ..."),
   2 to 8 releases each, whose name ends in a word of at most 15 titles (a surname, not
   "Army Soldier"). For every member, /api/v1/documents/{id}/similar?per_page=10: recall
   (the share of the other members in the top 10), precision at k = min(10, members - 1), and
   whether every other member is in the top 10.
3. Cost: client-side latency (one keep-alive client per configuration, the median of each pass,
   then the median of --passes passes, interleaved across configurations) of the 220-query
   mix of bench/queries.json with the web UI's parameters: as is (suggestions run for queries with
   at most 5 matches), with histogram_normalize=archive (the timeline's share view), and on the
   archive without spelling data (no suggestion work at all); the misspellings with and without
   spelling data; and the similar endpoint.

Prints a Markdown summary and writes everything to --out (JSON).

  bench/research.py --bin build/release/searchd/pressroom-searchd --db build/bench-data/doj-csv.db \\
      --db-no-spelling build/bench-data/doj-nospell.db --out build/research.json
"""
import argparse
import http.client
import json
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
import harness  # noqa: E402

VERBS = (r"(?:Sentenced|Pleads|Pleaded|Indicted|Convicted|Charged|Arrested|Found Guilty|"
         r"Extradited|Admits|Agrees|Ordered|Acquitted|Settles|Resentenced)")
NAME = r"((?:[A-Z][a-zA-Z'\-]+|[A-Z]\.)(?: (?:[A-Z][a-zA-Z'\-]+|[A-Z]\.|Jr\.|Sr\.|III|II)){1,3})"
FAMILY_RE = re.compile(r"^" + NAME + r",? (?:\w+ )?" + VERBS + r"\b")
NOT_NAMES = {"Former", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
             "New", "North", "South", "East", "West", "United", "Justice", "Department", "Man",
             "Woman", "Owner", "Doctor", "Texas", "California", "Florida", "Virginia", "Georgia",
             "Louisiana", "Alabama", "Michigan", "Ohio", "Illinois", "Pennsylvania", "Maryland",
             "Tennessee", "Kentucky", "Arizona", "Colorado", "Oklahoma", "Nevada", "Mississippi"}


# A family's name must end in a word found in at most this many titles of the archive.
MAX_SURNAME_TITLES = 15
# core/include/pressroom/suggest.h kFewMatches: only such queries get suggestions.
FEW_MATCHES = 5


def get(conn, target):
    conn.request("GET", target)
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise SystemExit(f"{target}: {r.status} {body[:300]!r}")
    return json.loads(body)


def timed_pass(conn, targets):
    out = []
    for t in targets:
        t0 = time.perf_counter()
        get(conn, t)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def latencies(configs, passes):
    """configs: [(name, Searchd, targets)]. The passes of all configurations are interleaved
    (round after round) so that a change of machine load hits them alike."""
    runs = {name: [] for name, _, _ in configs}
    cpu = {name: [0.0, 0] for name, _, _ in configs}  # searchd CPU seconds, requests
    # A new keep-alive connection per pass (searchd closes idle ones while the others run),
    # opened by a /healthz request that is not timed.
    def one_pass(sd, targets):
        conn = http.client.HTTPConnection(sd.host, sd.port, timeout=60)
        get(conn, "/healthz")
        t = timed_pass(conn, targets)
        conn.close()
        return statistics.median(t)
    for _, sd, targets in configs:
        one_pass(sd, targets)  # warm the caches
    for _ in range(passes):
        for name, sd, targets in configs:
            c0 = harness.cpu_s(sd.pid)
            runs[name].append(one_pass(sd, targets))
            cpu[name][0] += harness.cpu_s(sd.pid) - c0
            cpu[name][1] += len(targets) + 1
    return {name: {"p50_ms": round(statistics.median(runs[name]), 3),
                   "cpu_ms_per_request": round(cpu[name][0] * 1000 / cpu[name][1], 3),
                   "runs": [round(x, 3) for x in runs[name]], "requests": len(targets)}
            for name, _, targets in configs}


def search(q, **extra):
    p = [("q", q), ("per_page", "1"), ("facets", "none")] + list(extra.items())
    return "/api/v1/search?" + urllib.parse.urlencode(p)


def suggestions(sd, pairs):
    conn = http.client.HTTPConnection(sd.host, sd.port, timeout=60)
    rows, right, wrong, none, controls_ok, controls = [], 0, 0, 0, 0, 0
    for typo, meant in pairs:
        d = get(conn, search(typo))
        s = d.get("suggestion")
        got = s["q"] if s else None
        if typo == meant:
            controls += 1
            controls_ok += got is None
        elif got is None:
            none += 1
        elif got.lower() == meant.lower():
            right += 1
        else:
            wrong += 1
        rows.append({"typo": typo, "meant": meant, "total": d["total"], "suggestion": got,
                     "suggestion_total": s["total"] if s else None})
    n = len(pairs) - controls
    few = [r for r in rows if r["typo"] != r["meant"] and r["total"] <= FEW_MATCHES]
    few_right = sum(1 for r in few if (r["suggestion"] or "").lower() == r["meant"].lower())
    return {"misspellings": n, "right": right, "wrong": wrong, "none": none,
            "with_few_matches": len(few), "with_few_matches_right": few_right,
            "accuracy": round(right / n, 3) if n else None, "controls": controls,
            "controls_without_suggestion": controls_ok, "rows": rows}


def families(sd):
    conn = http.client.HTTPConnection(sd.host, sd.port, timeout=120)
    conn.request("GET", "/api/v1/export?format=ndjson&fields=id,title")
    r = conn.getresponse()
    groups, titles_with = {}, {}
    for line in r.read().decode().splitlines():
        rec = json.loads(line)
        title = rec.get("title") or ""
        for w in set(re.findall(r"[A-Za-z'\-]+", title)):
            titles_with[w] = titles_with.get(w, 0) + 1
        m = FAMILY_RE.match(title)
        if not m or m.group(1).split()[0] in NOT_NAMES:
            continue
        groups.setdefault(m.group(1), []).append(rec["id"])
    # A person's (or company's) name ends in a rare word; "Army Soldier" or "Alaska Man" do not.
    return {k: v for k, v in groups.items()
            if 2 <= len(v) <= 8 and titles_with.get(k.split()[-1], 0) <= MAX_SURNAME_TITLES}


def similar_precision(sd, fams):
    conn = http.client.HTTPConnection(sd.host, sd.port, timeout=60)
    recall, precision, complete, rows = [], [], 0, []
    for name, ids in sorted(fams.items()):
        for i in ids:
            d = get(conn, f"/api/v1/documents/{urllib.parse.quote(i, safe='')}/similar?per_page=10")
            top = [h["id"] for h in d["hits"]]
            others = set(ids) - {i}
            found = len(others & set(top))
            k = min(10, len(others))
            recall.append(found / len(others))
            precision.append(len(others & set(top[:k])) / k)
            complete += found == len(others)
            rows.append({"family": name, "id": i, "others": len(others), "in_top10": found})
    n = len(recall)
    return {"families": len(fams), "releases": n,
            "recall_at_10": round(sum(recall) / n, 3) if n else None,
            "precision_at_k": round(sum(precision) / n, 3) if n else None,
            "all_others_in_top10": round(complete / n, 3) if n else None, "rows": rows}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--db-no-spelling")
    ap.add_argument("--passes", type=int, default=9)
    ap.add_argument("--out")
    a = ap.parse_args()
    with open(os.path.join(BENCH, "queries.json"), encoding="utf-8") as f:
        mix = json.load(f)["queries"]
    with open(os.path.join(BENCH, "misspellings.json"), encoding="utf-8") as f:
        pairs = json.load(f)["pairs"]
    work = tempfile.mkdtemp(prefix="research-")
    harness.OUT_DIR = work
    plain = [harness.search_target(q) for q in mix]
    shares = [t + "&histogram_normalize=archive" for t in plain]
    typos = [harness.search_target({"q": t}) for t, m in pairs if t != m]
    out = {"load_before": os.getloadavg()}
    sd = harness.Searchd(a.bin, a.db, os.path.join(work, "searchd.log"))
    plain_sd = None
    try:
        out["suggestions"] = suggestions(sd, pairs)
        fams = families(sd)
        out["similar"] = similar_precision(sd, fams)
        conn = http.client.HTTPConnection(sd.host, sd.port, timeout=60)
        few = [get(conn, t) for t in plain]
        out["mix_with_few_matches"] = sum(1 for d in few if d["total"] <= FEW_MATCHES)
        out["mix_with_suggestion"] = sum(1 for d in few if "suggestion" in d)
        sim_targets = [f"/api/v1/documents/{urllib.parse.quote(r['id'], safe='')}/similar?per_page=10"
                       for r in out["similar"]["rows"]][:200]
        configs = [("mix", sd, plain), ("mix_share", sd, shares), ("typos", sd, typos),
                   ("similar", sd, sim_targets)]
        if a.db_no_spelling:
            plain_sd = harness.Searchd(a.bin, a.db_no_spelling, os.path.join(work, "searchd.log"))
            configs += [("mix_no_spelling", plain_sd, plain),
                        ("typos_no_spelling", plain_sd, typos)]
        out["cost"] = latencies(configs, a.passes)
        # Paired per round (the passes of one round ran one after the other, under the same load).
        pairs_of = [("mix_share", "mix"), ("mix", "mix_no_spelling"), ("typos", "typos_no_spelling")]
        out["cost_added"] = {
            f"{x} - {y}": round(statistics.median(
                p - q for p, q in zip(out["cost"][x]["runs"], out["cost"][y]["runs"])), 3)
            for x, y in pairs_of if x in out["cost"] and y in out["cost"]}
    finally:
        sd.stop()
        if plain_sd:
            plain_sd.stop()
    out["load_after"] = os.getloadavg()
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
    s, m, c = out["suggestions"], out["similar"], out["cost"]
    print(f"suggestions: {s['right']}/{s['misspellings']} right ({s['accuracy']:.1%}), "
          f"{s['wrong']} wrong, {s['none']} none; of the {s['with_few_matches']} with at most "
          f"{FEW_MATCHES} matches {s['with_few_matches_right']} right; controls without suggestion "
          f"{s['controls_without_suggestion']}/{s['controls']}")
    print(f"mix: {out['mix_with_few_matches']} of {len(plain)} queries have at most {FEW_MATCHES} "
          f"matches, {out['mix_with_suggestion']} get a suggestion")
    print(f"similar: {m['families']} families, {m['releases']} releases: recall@10 "
          f"{m['recall_at_10']}, precision@k {m['precision_at_k']}, all others in top 10 "
          f"{m['all_others_in_top10']}")
    for k, v in c.items():
        print(f"{k}: p50 {v['p50_ms']} ms, searchd CPU {v['cpu_ms_per_request']} ms per request, "
              f"{v['requests']} requests (runs {v['runs']})")
    for k, v in out.get("cost_added", {}).items():
        print(f"added, median of the rounds' differences: {k} = {v} ms")


if __name__ == "__main__":
    main()
