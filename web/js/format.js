// Pure formatting helpers: numbers, dates, snippets, bodies, error messages.
// No DOM access at import time, so node's test runner can import this module directly.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

const numberFormat = new Intl.NumberFormat('en');

/** 1234 -> "1,234"; anything that is not a finite number -> "?" */
export function formatNumber(n) {
  return Number.isFinite(n) ? numberFormat.format(n) : '?';
}

/** plural(1, 'release') -> "1 release"; plural(2, 'release') -> "2 releases" */
export function plural(n, word, many = word + 's') {
  return `${formatNumber(n)} ${n === 1 ? word : many}`;
}

/** Milliseconds as a short human figure: 0.4 -> "0.4 ms", 12.34 -> "12 ms", 1534 -> "1.5 s". */
export function formatDuration(ms) {
  if (!Number.isFinite(ms)) return '';
  if (ms < 10) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

const DATE_RE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * Parses the date strings records carry ("2018", "2018-04", "2018-04-13", "2018-04-13T16:25",
 * "2018-04-13T16:25:00+12:00", "...Z"). Returns null for anything else.
 * The date is kept as written (local to the issuer): no shift to the reader's time zone.
 */
export function parseDate(text) {
  if (typeof text !== 'string') return null;
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const d = {
    year: +m[1],
    month: m[2] ? +m[2] : 0,
    day: m[3] ? +m[3] : 0,
    hour: m[4] !== undefined ? +m[4] : null,
    minute: m[5] !== undefined ? +m[5] : null,
    offset: m[7] || null,
  };
  if (d.month > 12 || d.day > 31) return null;
  return d;
}

/**
 * A date as a reader wants to see it, with the precision the record has:
 * "2018" -> "2018", "2018-04" -> "April 2018", "2018-04-13" -> "13 Apr 2018",
 * "2021-06-07T16:25:00+12:00" -> "7 Jun 2021, 16:25 (UTC+12:00)". Unparseable text is returned as is.
 */
export function formatDate(text) {
  const d = parseDate(text);
  if (!d) return typeof text === 'string' ? text : '';
  if (!d.month) return String(d.year);
  if (!d.day) return `${MONTHS_LONG[d.month - 1]} ${d.year}`;
  let out = `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
  if (d.hour !== null) {
    out += `, ${String(d.hour).padStart(2, '0')}:${String(d.minute).padStart(2, '0')}`;
    if (d.offset === 'Z') out += ' (UTC)';
    else if (d.offset) {
      const off = d.offset.includes(':') ? d.offset : `${d.offset.slice(0, 3)}:${d.offset.slice(3)}`;
      out += ` (UTC${off})`;
    }
  }
  return out;
}

/** The machine-readable value for <time datetime>, or "" when the text is not a date we know. */
export function datetimeAttr(text) {
  const d = parseDate(text);
  if (!d) return '';
  return text.trim().replace(' ', 'T');
}

/** Label for a histogram bucket key: "2017" -> "2017", "2017-03" -> "Mar 2017", "2017-03-05" -> "5 Mar 2017". */
export function bucketLabel(key) {
  const d = parseDate(key);
  if (!d) return String(key);
  if (!d.month) return String(d.year);
  if (!d.day) return `${MONTHS[d.month - 1]} ${d.year}`;
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** Short tick label for a bucket key on the timeline axis. */
export function bucketTick(key) {
  const d = parseDate(key);
  if (!d) return String(key);
  if (!d.month) return String(d.year);
  if (!d.day) return d.month === 1 ? String(d.year) : MONTHS[d.month - 1];
  return String(d.day);
}

/** Label for a filter bound as typed in from/to ("2015", "2015-06", "2015-06-30"). */
export function boundLabel(text) {
  const d = parseDate(text);
  if (!d || d.hour !== null) return text;
  if (!d.month) return String(d.year);
  if (!d.day) return `${MONTHS[d.month - 1]} ${d.year}`;
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** Describes a date range as chosen with from/to. */
export function rangeLabel(from, to) {
  if (from && to) return from === to ? boundLabel(from) : `${boundLabel(from)} – ${boundLabel(to)}`;
  if (from) return `from ${boundLabel(from)}`;
  if (to) return `until ${boundLabel(to)}`;
  return '';
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references an HTML-escaping server writes (&amp; &lt; &#39; &#x27; …). */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return '\ufffd';
      }
      return String.fromCodePoint(code);
    }
    const named = ENTITIES[ref.toLowerCase()];
    return named === undefined ? whole : named;
  });
}

/**
 * Splits a server snippet into plain-text parts, keeping only the server's <mark> highlighting.
 * The server escapes the snippet except for <mark>…</mark>. We never hand it to innerHTML: every
 * other tag-like text stays literal text, entities are decoded, and each part is later set as a
 * text node. Returns [{text, mark}] with adjacent parts of the same kind merged.
 */
export function snippetParts(snippet) {
  if (typeof snippet !== 'string' || snippet === '') return [];
  const parts = [];
  let depth = 0;
  let last = 0;
  const push = (raw) => {
    if (!raw) return;
    const text = decodeEntities(raw);
    const mark = depth > 0;
    const prev = parts[parts.length - 1];
    if (prev && prev.mark === mark) prev.text += text;
    else parts.push({ text, mark });
  };
  const re = /<(\/?)mark\s*>/gi;
  let m;
  while ((m = re.exec(snippet)) !== null) {
    push(snippet.slice(last, m.index));
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    last = re.lastIndex;
  }
  push(snippet.slice(last));
  return parts;
}

/** A plain-text body as paragraphs: split on blank lines, trimmed, empty ones dropped. */
export function bodyParagraphs(body) {
  if (typeof body !== 'string') return [];
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * The words of a query worth highlighting in a full text: drops operators, field prefixes,
 * brackets and quotes, keeps trailing-* stems as prefixes. Used for the document view only;
 * hits come highlighted by the server.
 */
export function queryTerms(q) {
  if (typeof q !== 'string') return [];
  const terms = new Set();
  const re = /(?:(?:[a-z_]+):)?("[^"]*"|[^\s()"]+)/gi;
  let m;
  while ((m = re.exec(q)) !== null) {
    const whole = m[0];
    if (/^(issuer|topic|from|to|date|year|id):/i.test(whole)) continue; // filters, not words
    let tok = m[1].replace(/^"|"$/g, '');
    for (const w of tok.split(/\s+/)) {
      if (!w || /^(AND|OR|NOT|XOR|NEAR|ADJ)$/.test(w)) continue;
      const word = w.replace(/^[+-]/, '').replace(/[^\p{L}\p{N}*'’-]/gu, '');
      if (word.replace(/\*$/, '').length >= 2) terms.add(word.toLowerCase());
    }
  }
  return [...terms];
}

/**
 * Splits plain text into [{text, mark}] parts around whole-word matches of terms
 * ("immigra*" matches words beginning "immigra").
 */
export function highlightText(text, terms) {
  if (!terms.length || !text) return [{ text, mark: false }];
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alts = terms.map((t) => (t.endsWith('*') ? `${esc(t.slice(0, -1))}[\\p{L}\\p{N}]*` : esc(t)));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const parts = [];
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') { re.lastIndex++; continue; }
    if (m.index > last) parts.push({ text: text.slice(last, m.index), mark: false });
    parts.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mark: false });
  return parts;
}

const FIELD_NAMES = {
  q: 'the search box', from: 'the “from” date', to: 'the “to” date', page: 'the page number',
  per_page: 'the page size', sort: 'the sort order', issuer: 'the issuer filter', topic: 'the topic filter',
  format: 'the export format', histogram: 'the timeline', facets: 'the filters', facet_size: 'the filters',
};

/**
 * A server or network error in plain language: {title, detail}.
 * err: {status, code, message, field} as thrown by api.js.
 */
export function describeError(err) {
  const status = err && err.status;
  const message = err && typeof err.message === 'string' ? err.message.trim() : '';
  const field = err && err.field ? FIELD_NAMES[err.field] || `“${err.field}”` : '';
  if (!status) {
    return {
      title: 'Pressroom can’t be reached.',
      detail: 'The search server did not answer. Check that pressroom-searchd is running, then try again.',
    };
  }
  if (status === 404) {
    return { title: 'Not found.', detail: message || 'The archive has nothing at this address.' };
  }
  if (status >= 400 && status < 500) {
    const where = field ? ` Check ${field}.` : '';
    return {
      title: 'Pressroom couldn’t read that request.',
      detail: (message ? ensureStop(message) : 'Something in the search was not understood.') + where,
    };
  }
  if (status === 503) {
    return { title: 'Pressroom is busy or starting up.', detail: message ? ensureStop(message) + ' Try again in a moment.' : 'Try again in a moment.' };
  }
  return {
    title: 'The search server ran into a problem.',
    detail: (message ? ensureStop(message) + ' ' : '') + 'Try again; if it keeps happening, tell whoever runs this archive.',
  };
}

function ensureStop(s) {
  return /[.!?…]$/.test(s) ? s : s + '.';
}
