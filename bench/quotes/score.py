#!/usr/bin/env python3
"""Scores the quotation extractor against the annotated sample (bench/quotes/sample.jsonl).

Prints, per source and overall, span precision/recall (a predicted quotation counts when its text
equals an annotated one after normalisation, one to one) and speaker precision/recall (the speaker
name of a matched quotation against the annotation, compared by speaker_name_key()).

  bench/quotes/score.py [--build build/release] [--errors] [--html-dir DIR]

The DOJ bodies are read from the saved pages in $PRESSROOM_SHARED/corpus/doj-opa (the sample's
100 pages are unpacked once into a temporary folder, or read from --html-dir), the text of
div.field--name-field-pr-body with one paragraph per block element, as the doj-html mapping does.
Standard library only.
"""
import argparse
import collections
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'


class BodyParser(html.parser.HTMLParser):
    """The text of div.field--name-field-pr-body, paragraphs separated by a blank line."""

    BLOCKS = ('p', 'br', 'div', 'li', 'h2', 'h3', 'tr')

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.inside = False
        self.paras = []
        self.cur = []

    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get('class') or '').split()
        if not self.inside and tag == 'div' and 'field--name-field-pr-body' in cls:
            self.inside, self.depth = True, 0
        if self.inside:
            if tag == 'div':
                self.depth += 1
            if tag in self.BLOCKS:
                self.flush()

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag in self.BLOCKS:
            self.flush()
        if tag == 'div':
            self.depth -= 1
            if self.depth == 0:
                self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.cur.append(data)

    def flush(self):
        text = re.sub(r'\s+', ' ', ''.join(self.cur)).strip()
        self.cur = []
        if text:
            self.paras.append(text)


def doj_bodies(records, html_dir):
    paths = [r['path'] for r in records if r['source'] == 'doj-opa']
    if not paths:
        return {}
    if html_dir is None:
        shared = os.environ.get('PRESSROOM_SHARED', os.path.join(os.path.dirname(ROOT), 'shared'))
        archive = os.path.join(shared, 'corpus', 'doj-opa', 'pressReleases_html.tar.zst')
        html_dir = tempfile.mkdtemp(prefix='quotes-score-')
        subprocess.run(['tar', '-I', 'zstd', '-xf', archive, '-C', html_dir] + paths, check=True)
    out = {}
    for r in records:
        if r['source'] == 'doj-opa':
            p = BodyParser()
            with open(os.path.join(html_dir, r['path']), encoding='utf-8', errors='replace') as f:
                p.feed(f.read())
            out[r['id']] = '\n\n'.join(p.paras)
    return out


def corpus_bodies(records):
    out = {}
    for path in sorted({r['path'] for r in records if r['source'] == 'corpus'}):
        with open(os.path.join(ROOT, path), encoding='utf-8') as f:
            for line in f:
                rec = json.loads(line)
                out[rec['id']] = rec['body']
    return out


def norm_text(t):
    t = ''.join(' ' if c in MARKS else c for c in t)
    t = re.sub(r'\s+', ' ', t)
    return t.strip(' ,.;:!?')


def name_key(n):
    if not n:
        return None
    n = re.sub(r'[.,]', '', n)
    return re.sub(r'\s+', ' ', n).strip().lower()


def score(records, predicted, show_errors):
    stats = collections.defaultdict(collections.Counter)
    for r in records:
        src = r['source']
        gold = list(r['quotes'])
        pred = predicted.get(r['id'], [])
        s = stats[src]
        s['releases'] += 1
        s['gold'] += len(gold)
        s['pred'] += len(pred)
        unmatched = {i: norm_text(g['text']) for i, g in enumerate(gold)}
        for p in pred:
            pn = norm_text(p['text'])
            hit = next((i for i, gn in unmatched.items() if gn == pn), None)
            if hit is None:
                if show_errors:
                    print(f"{r['id']}: FP span {p['text'][:150]!r} ({p['name']})")
                continue
            del unmatched[hit]
            g = gold[hit]
            s['span_ok'] += 1
            if p['name']:
                s['pred_named'] += 1
            if name_key(p['name']) == name_key(g['name']) and g['name']:
                s['speaker_ok'] += 1
            elif show_errors and (p['name'] or g['name']):
                print(f"{r['id']}: speaker {p['name']!r} != {g['name']!r} for {g['text'][:60]!r}"
                      f" [{p['attribution'][:80]}]")
        for g in gold:
            if g['name']:
                s['gold_named'] += 1
        if show_errors:
            for i in unmatched:
                print(f"{r['id']}: FN span {gold[i]['text'][:150]!r}")
    return stats


def ratio(a, b):
    return a / b if b else 1.0


def report(stats):
    total = collections.Counter()
    rows = []
    for src in sorted(stats):
        total.update(stats[src])
        rows.append((src, stats[src]))
    rows.append(('all', total))
    print(f"{'source':10} {'releases':>8} {'gold':>5} {'pred':>5} {'span P':>7} {'span R':>7}"
          f" {'spkr P':>7} {'spkr R':>7}")
    for src, s in rows:
        print(f"{src:10} {s['releases']:8} {s['gold']:5} {s['pred']:5}"
              f" {ratio(s['span_ok'], s['pred']):7.3f} {ratio(s['span_ok'], s['gold']):7.3f}"
              f" {ratio(s['speaker_ok'], s['pred_named']):7.3f}"
              f" {ratio(s['speaker_ok'], s['gold_named']):7.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default=os.path.join(ROOT, 'build', 'release'))
    ap.add_argument('--sample', default=os.path.join(HERE, 'sample.jsonl'))
    ap.add_argument('--html-dir', help='folder holding pressReleases/release_NNNNN.html')
    ap.add_argument('--bodies', help='JSON lines {"id", "body"} to use instead (e.g. an export '
                    'of an index built with the doj-html mapping)')
    ap.add_argument('--errors', action='store_true', help='list every mismatch')
    args = ap.parse_args()
    with open(args.sample, encoding='utf-8') as f:
        records = [json.loads(line) for line in f if line.strip()]
    bodies = {}
    if args.bodies:
        with open(args.bodies, encoding='utf-8') as f:
            for line in f:
                rec = json.loads(line)
                bodies[rec['id']] = rec['body']
    missing = [r for r in records if r['id'] not in bodies]
    bodies.update(corpus_bodies(missing))
    bodies.update(doj_bodies(missing, args.html_dir))
    tool = os.path.join(args.build, 'bench', 'quotes', 'quotes_extract')
    feed = ''.join(json.dumps({'id': r['id'], 'body': bodies[r['id']]}) + '\n' for r in records)
    res = subprocess.run([tool], input=feed, capture_output=True, text=True, check=True)
    predicted = {}
    for line in res.stdout.splitlines():
        out = json.loads(line)
        predicted[out['id']] = out['quotes']
    report(score(records, predicted, args.errors))
    sys.stderr.write(res.stderr)


if __name__ == '__main__':
    main()
