// The timeline: a bar chart of matching releases over time for the whole result set.
// Bars are buttons: click one, or drag across several, to filter by their dates. From the
// keyboard it is one tab stop: arrows move, Shift+arrows extend, Enter applies, Esc cancels.

import { h, fill } from './dom.js';
import { bucketLabel, formatNumber, plural, rangeLabel } from './format.js';

const INTERVAL_WORDS = { year: 'by year', month: 'by month', day: 'by day' };
const TICK_WIDTH = { year: 40, month: 34, day: 24 };

/**
 * Renders into `root` (emptied first).
 * opts: {buckets: [{key, count, share?, releases?}] in time order, interval, state, total (hits in
 *        the result set), onSelect(fromKey, toKey), onClear(), onShare(bool) (the count / share
 *        switch; bars show each period's share of its releases when state.share)}
 */
export function renderTimeline(root, opts) {
  const { buckets, interval, state, onSelect, onClear, onShare } = opts;
  const share = Boolean(state.share);
  const switcher = onShare ? h('span', { class: 'tl-mode', role: 'group', 'aria-label': 'Bar height' },
    ...[['count', 'Count', false], ['share', 'Share of output', true]].map(([id, label, on]) => h('button', {
      type: 'button',
      class: 'link-button',
      id: `tl-${id}`,
      'aria-pressed': String(share === on),
      'data-focus-key': `tl-${id}`,
      title: on ? 'Matches as a share of all the releases of each period (of the chosen issuers, if any)' : 'Matching releases per period',
      on: { click: () => { if (share !== on) onShare(on); } },
    }, label))) : null;
  const ranged = Boolean(state.from || state.to);
  const heading = h('h2', { id: 'timeline-heading' }, 'Over time');
  const readout = h('p', { class: 'tl-readout', id: 'tl-readout', 'aria-live': 'polite' });
  const head = h('div', { class: 'tl-head' },
    heading,
    h('span', { class: 'tl-interval' }, INTERVAL_WORDS[interval] || ''),
    ranged
      ? h('span', { class: 'tl-range' }, rangeLabel(state.from, state.to), ' ',
        h('button', { type: 'button', class: 'link-button', 'data-focus-key': 'tl-clear', on: { click: onClear } },
          'Clear dates'))
      : null,
    switcher,
  );

  if (!buckets.length) {
    fill(root, head, h('p', { class: 'tl-empty' }, 'Nothing to chart.'));
    return;
  }

  const valueOf = (b) => (share ? (Number.isFinite(b.share) ? b.share : 0) : b.count);
  const max = share ? Math.max(1e-9, ...buckets.map(valueOf)) : Math.max(1, ...buckets.map((b) => b.count));
  const total = buckets.reduce((s, b) => s + b.count, 0);
  const bars = h('div', {
    class: 'tl-bars',
    role: 'group',
    'aria-label': `Matching releases ${INTERVAL_WORDS[interval] || ''}. Click a bar or drag across bars to filter by date.`,
    'aria-describedby': 'tl-readout',
  });
  if (buckets.length > 40) bars.classList.add('tl-dense');
  const buttons = buckets.map((b, i) => {
    const fillEl = h('span', { class: 'tl-fill' });
    // Heights go through the CSSOM (allowed under a strict CSP), never a style attribute.
    fillEl.style.height = b.count ? `max(2px, ${(valueOf(b) / max) * 100}%)` : '0';
    const btn = h('button', {
      type: 'button',
      class: b.count ? 'tl-bar' : 'tl-bar tl-zero',
      tabindex: '-1',
      'aria-label': `${bucketLabel(b.key)}: ${plural(b.count, 'release')}${share ? ` (${sharePercent(b)} of ${plural(b.releases || 0, 'release')})` : ''}`,
      'data-i': String(i),
      'data-key': b.key,
      'data-count': String(b.count),
      'data-share': share ? String(Number.isFinite(b.share) ? b.share : 0) : false,
      'data-focus-key': `tl-bar:${b.key}`,
    }, fillEl);
    bars.append(btn);
    return btn;
  });

  // Tick labels: as many as fit, on round positions (every 1, 2, 5… years; 1, 3, 6 months…).
  const ticks = h('div', { class: 'tl-ticks', 'aria-hidden': 'true' });
  const width = Math.max((root.clientWidth || 600) - 60, 100);
  const room = Math.max(1, Math.floor(width / (TICK_WIDTH[interval] || 40)));
  const steps = { year: [1, 2, 5, 10, 20, 50], month: [1, 2, 3, 6, 12, 24, 60], day: [1, 2, 5, 10, 15, 31] }[interval] || [1];
  const stepNeeded = buckets.length / room;
  const stepSize = steps.find((s) => s >= stepNeeded) || Math.ceil(stepNeeded);
  buckets.forEach((b, i) => {
    const t = tickOf(b.key, interval, stepSize);
    // Near the right edge a label wider than its bar is right-aligned so it stays inside the chart.
    const narrow = width / buckets.length < (TICK_WIDTH[interval] || 40);
    const cls = narrow && i > buckets.length * 0.85 ? 'tl-tick tl-tick-end' : 'tl-tick';
    ticks.append(h('span', { class: cls }, t ? h('span', null, t) : null));
  });

  const axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' },
    h('span', null, share ? percent(max) : formatNumber(max)), h('span', null, share ? '0 %' : '0'));

  const plot = h('div', { class: 'tl-plot' }, axis, h('div', { class: 'tl-chart' }, bars, ticks));

  // ---- selection state ----
  let anchor = null; // index where a drag or Shift-selection started
  let current = null;
  let focusIdx = buckets.length - 1;
  let dragging = false;

  const describe = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let n = 0;
    for (let i = lo; i <= hi; i++) n += buckets[i].count;
    const label = lo === hi ? bucketLabel(buckets[lo].key) : `${bucketLabel(buckets[lo].key)} – ${bucketLabel(buckets[hi].key)}`;
    return `${label}: ${plural(n, 'release')}`;
  };
  const showSelection = (a, b) => {
    const lo = a === null ? -1 : Math.min(a, b);
    const hi = a === null ? -2 : Math.max(a, b);
    buttons.forEach((btn, i) => btn.classList.toggle('tl-selected', i >= lo && i <= hi));
    bars.classList.toggle('tl-selecting', a !== null);
  };
  const coarse = Number.isFinite(opts.total) && opts.total > total ? opts.total - total : 0;
  const idle = () => `${plural(total, 'release')} charted${
    coarse ? ` (${plural(coarse, 'other has', 'others have')} a date too coarse for this scale)` : ''
  }. Click a bar or drag across bars to narrow the dates.`;
  readout.textContent = idle();
  const apply = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    anchor = null;
    showSelection(null);
    onSelect(buckets[lo].key, buckets[hi].key);
  };
  const setFocus = (i) => {
    focusIdx = Math.max(0, Math.min(buckets.length - 1, i));
    buttons.forEach((btn, j) => btn.setAttribute('tabindex', j === focusIdx ? '0' : '-1'));
    buttons[focusIdx].focus();
  };
  buttons[focusIdx].setAttribute('tabindex', '0');

  const indexAt = (clientX) => {
    const r = bars.getBoundingClientRect();
    const i = Math.floor(((clientX - r.left) / r.width) * buckets.length);
    return Math.max(0, Math.min(buckets.length - 1, i));
  };

  bars.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault(); // no text selection while dragging
    dragging = true;
    anchor = indexAt(e.clientX);
    current = anchor;
    bars.setPointerCapture(e.pointerId);
    showSelection(anchor, current);
    readout.textContent = describe(anchor, current);
  });
  bars.addEventListener('pointermove', (e) => {
    if (dragging) {
      current = indexAt(e.clientX);
      showSelection(anchor, current);
      readout.textContent = describe(anchor, current);
    } else if (e.target.closest('.tl-bar')) {
      readout.textContent = describe(indexAt(e.clientX), indexAt(e.clientX));
    }
  });
  bars.addEventListener('pointerleave', () => {
    if (!dragging) readout.textContent = idle();
  });
  bars.addEventListener('pointerup', (e) => {
    if (!dragging) return;
    dragging = false;
    const end = indexAt(e.clientX);
    const start = anchor;
    apply(start, end);
  });
  bars.addEventListener('pointercancel', () => {
    dragging = false;
    anchor = null;
    showSelection(null);
    readout.textContent = idle();
  });
  bars.addEventListener('click', (e) => {
    // Pointer clicks are handled on pointerup; this is Enter/Space on a focused bar.
    const btn = e.target.closest('.tl-bar');
    if (!btn || e.detail !== 0) return;
    const i = Number(btn.dataset.i);
    apply(anchor === null ? i : anchor, i);
  });
  bars.addEventListener('focusin', (e) => {
    const btn = e.target.closest('.tl-bar');
    if (!btn) return;
    const i = Number(btn.dataset.i);
    focusIdx = i;
    readout.textContent = anchor === null ? describe(i, i) : describe(anchor, i);
  });
  bars.addEventListener('keydown', (e) => {
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 };
    if (e.key in moves || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      if (e.shiftKey && anchor === null) anchor = focusIdx;
      if (!e.shiftKey) anchor = null;
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? buckets.length - 1 : focusIdx + moves[e.key];
      setFocus(next);
      showSelection(anchor, focusIdx);
      readout.textContent = anchor === null ? describe(focusIdx, focusIdx) : describe(anchor, focusIdx);
    } else if (e.key === 'Escape' && anchor !== null) {
      e.preventDefault();
      e.stopPropagation();
      anchor = null;
      showSelection(null);
      readout.textContent = describe(focusIdx, focusIdx);
    }
  });

  fill(root, head, plot, readout);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The tick label of a bucket when it falls on a round position for the step, else ''. */
function tickOf(key, interval, stepSize) {
  const [y, m, d] = key.split('-').map(Number);
  if (interval === 'year') return y % stepSize === 0 || stepSize === 1 ? String(y) : '';
  if (interval === 'month') {
    if (stepSize >= 12) return m === 1 && y % (stepSize / 12) === 0 ? String(y) : '';
    if ((m - 1) % stepSize !== 0) return '';
    return m === 1 ? String(y) : MONTHS[m - 1];
  }
  if (interval === 'day') {
    if (d === 1) return `${MONTHS[m - 1]}`;
    return (d - 1) % stepSize === 0 && d <= 31 - Math.ceil(stepSize / 2) ? String(d) : '';
  }
  return key;
}

/** "12.5 %" for a share of 0.125 (one decimal under 10 %). */
function percent(x) {
  const p = (Number.isFinite(x) ? x : 0) * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)} %`;
}

function sharePercent(b) {
  return percent(b.share);
}
