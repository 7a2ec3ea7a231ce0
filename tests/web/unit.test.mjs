// Unit tests of the UI's pure modules (no browser): snippet sanitising, dates, the address state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bodyParagraphs, bucketLabel, decodeEntities, describeError, formatDate, highlightText, queryTerms, snippetParts,
} from '../../web/js/format.js';
import {
  fillBuckets, histogramInterval, isValidBound, parseState, searchParams, stateToSearch, withFilters,
} from '../../web/js/state.js';

test('snippets keep <mark> and nothing else as markup', () => {
  assert.deepEqual(snippetParts('a <mark>fraud</mark> case'), [
    { text: 'a ', mark: false }, { text: 'fraud', mark: true }, { text: ' case', mark: false }]);
  // Other tags, escaped or not, stay literal text; entities are decoded once.
  assert.deepEqual(snippetParts('<script>alert(1)</script> &lt;b&gt; &amp;amp; <MARK>x</MARK>'), [
    { text: '<script>alert(1)</script> <b> &amp; ', mark: false }, { text: 'x', mark: true }]);
  assert.deepEqual(snippetParts('<mark onclick="x">a</mark>'), [{ text: '<mark onclick="x">a', mark: false }]);
  assert.deepEqual(snippetParts('<mark>a</mark><mark>b</mark>'), [{ text: 'ab', mark: true }]);
  assert.deepEqual(snippetParts('</mark>stray'), [{ text: 'stray', mark: false }]);
  assert.deepEqual(snippetParts(''), []);
  assert.deepEqual(snippetParts(null), []);
  assert.equal(decodeEntities('&#39;&#x27;&quot;&nbsp;&bogus;&#0;'), "''\"\u00a0&bogus;\ufffd");
});

test('dates show with the precision the record has', () => {
  assert.equal(formatDate('2018'), '2018');
  assert.equal(formatDate('2018-04'), 'April 2018');
  assert.equal(formatDate('2018-04-13'), '13 Apr 2018');
  assert.equal(formatDate('2018-04-13T00:00:00-04:00'), '13 Apr 2018, 00:00 (UTC-04:00)');
  assert.equal(formatDate('2021-06-07T16:25:00+12:00'), '7 Jun 2021, 16:25 (UTC+12:00)');
  assert.equal(formatDate('2021-06-07T16:25Z'), '7 Jun 2021, 16:25 (UTC)');
  assert.equal(formatDate('2021-06-07T16:25:00+1200'), '7 Jun 2021, 16:25 (UTC+12:00)');
  assert.equal(formatDate('April 13, 2018'), 'April 13, 2018');
  assert.equal(formatDate(undefined), '');
  assert.equal(bucketLabel('2017-03'), 'Mar 2017');
  assert.equal(bucketLabel('2017-03-05'), '5 Mar 2017');
});

test('bodies split into paragraphs on blank lines', () => {
  assert.deepEqual(bodyParagraphs('One\r\n\r\nTwo\nstill two\n \n\n\nThree  '), ['One', 'Two\nstill two', 'Three']);
  assert.deepEqual(bodyParagraphs(''), []);
  assert.deepEqual(bodyParagraphs(undefined), []);
});

test('query words are found for highlighting the full text', () => {
  assert.deepEqual(queryTerms('"wire fraud" AND bank NOT issuer:"Tax Division" immigra*'), ['wire', 'fraud', 'bank', 'immigra*']);
  assert.deepEqual(highlightText('Immigration and immigrants; a bank.', ['immigra*', 'bank']).filter((p) => p.mark).map((p) => p.text),
    ['Immigration', 'immigrants', 'bank']);
  assert.deepEqual(highlightText('embankment', ['bank']), [{ text: 'embankment', mark: false }]);
});

test('the address round-trips the state and leaves defaults out', () => {
  const s = parseState('?q=fraud&issuer=A&issuer=B%20C&topic=t&from=2015&to=2016-06&sort=oldest&page=3&doc=x%2Fy');
  assert.deepEqual(s, {
    q: 'fraud', issuers: ['A', 'B C'], topics: ['t'], from: '2015', to: '2016-06', sort: 'oldest', page: 3, doc: 'x/y',
    share: false,
  });
  assert.deepEqual(parseState(stateToSearch(s)), s);
  assert.equal(stateToSearch(parseState('')), '');
  assert.deepEqual(parseState('?page=-4&sort=bogus'), parseState(''));
  const next = withFilters(s, { issuers: ['A'] });
  assert.equal(next.page, 1);
  assert.equal(next.doc, '');
});

test('the timeline share view is in the address and asks for shares of the right output', () => {
  const s = parseState('?q=fraud&share=1');
  assert.equal(s.share, true);
  assert.equal(stateToSearch(s), '?q=fraud&share=1');
  assert.equal(searchParams(s).get('histogram_normalize'), 'archive');
  assert.equal(searchParams({ ...s, issuers: ['Tax Division'] }).get('histogram_normalize'), 'issuer');
  assert.equal(searchParams(parseState('?q=fraud')).get('histogram_normalize'), null);
  const filled = fillBuckets({ interval: 'year', buckets: [{ key: '2015', count: 1, releases: 4, share: 0.25 }, { key: '2017', count: 2, releases: 2, share: 1 }] }, s);
  assert.deepEqual(filled, [
    { key: '2015', count: 1, releases: 4, share: 0.25 }, { key: '2016', count: 0 }, { key: '2017', count: 2, releases: 2, share: 1 },
  ]);
});

test('API parameters: sort defaults by query, histogram by range', () => {
  assert.equal(searchParams(parseState('?q=x')).get('sort'), 'relevance');
  assert.equal(searchParams(parseState('')).get('sort'), 'newest');
  assert.equal(searchParams(parseState('?sort=oldest')).get('sort'), 'oldest');
  assert.equal(searchParams(parseState('?doc=a')).has('doc'), false);
  assert.equal(histogramInterval(parseState('')), 'year');
  assert.equal(histogramInterval(parseState('?from=2015')), 'year');
  assert.equal(histogramInterval(parseState('?from=2015&to=2016')), 'month');
  assert.equal(histogramInterval(parseState('?from=2015&to=2015')), 'month');
  assert.equal(histogramInterval(parseState('?from=2010&to=2020')), 'year');
  assert.equal(histogramInterval(parseState('?from=2015-03&to=2015-04')), 'day');
  assert.equal(histogramInterval(parseState('?from=2016-02-29&to=2016-02-29')), 'day');
  assert.equal(isValidBound('2015-02-29'), false);
  assert.equal(isValidBound('2016-02-29'), true);
  assert.equal(isValidBound('2016-13'), false);
});

test('timeline buckets: gaps filled with zeros, range widened to from/to within the archive', () => {
  const h = { interval: 'year', buckets: [{ key: '2015', count: 2 }, { key: '2018', count: 1 }] };
  assert.deepEqual(fillBuckets(h, parseState('')).map((b) => `${b.key}:${b.count}`), ['2015:2', '2016:0', '2017:0', '2018:1']);
  const archive = { min: '2014-01-02', max: '2024-12-31' };
  assert.deepEqual(fillBuckets(h, parseState('?from=2014&to=2019'), archive).map((b) => b.key),
    ['2014', '2015', '2016', '2017', '2018', '2019']);
  assert.deepEqual(fillBuckets(h, parseState('?from=1900&to=2016'), archive).map((b) => b.key), ['2014', '2015', '2016', '2017', '2018']);
  const m = { interval: 'month', buckets: [{ key: '2016-11', count: 1 }, { key: '2017-02', count: 3 }] };
  assert.deepEqual(fillBuckets(m, parseState('')).map((b) => b.key), ['2016-11', '2016-12', '2017-01', '2017-02']);
  const d = { interval: 'day', buckets: [{ key: '2016-02-28', count: 1 }, { key: '2016-03-01', count: 1 }] };
  assert.deepEqual(fillBuckets(d, parseState('')).map((b) => b.key), ['2016-02-28', '2016-02-29', '2016-03-01']);
  assert.deepEqual(fillBuckets({ interval: 'year', buckets: [] }, parseState('')), []);
});

test('errors read as plain language', () => {
  const e = describeError({ status: 400, code: 'invalid_argument', message: '"2016-13" is not a valid date', field: 'from' });
  assert.match(e.detail, /"2016-13" is not a valid date\. Check the “from” date\./);
  assert.match(describeError({ status: 0 }).title, /can’t be reached/);
  assert.match(describeError({ status: 500, message: 'internal error' }).title, /ran into a problem/);
});
