// Export of the whole result set (NDJSON, CSV, JSON), its manifest, and the Atom feed URL.

import { h, fill } from './dom.js';
import { absoluteApiUrl, apiUrl, Channel, isAbort } from './api.js';
import { describeError, formatNumber, plural } from './format.js';
import { effectiveSort, filterParams } from './state.js';

const FORMATS = [
  { id: 'ndjson', label: 'NDJSON', ext: 'ndjson', note: 'one JSON record a line' },
  { id: 'csv', label: 'CSV', ext: 'csv', note: 'for spreadsheets' },
  { id: 'json', label: 'JSON', ext: 'json', note: 'the records with their manifest' },
];

const manifests = new Map(); // resultSetKey -> manifest
const channel = new Channel();

/**
 * Renders the export panel body. opts: {state, result, open}
 * When the panel is open, the manifest is fetched to state the exact record count.
 */
export function renderExport(root, { state, result, open }) {
  // Exports keep the order of the view (the server accepts sort there); the feed is newest first.
  const feedParams = filterParams(state);
  const params = filterParams(state);
  params.set('sort', effectiveSort(state));
  const key = params.toString();
  const total = result ? result.total : null;
  const exportHref = (fmt) => {
    const p = new URLSearchParams(params);
    p.set('format', fmt);
    return apiUrl('export', p);
  };
  const manifestHref = apiUrl('export/manifest', params);
  const feedUrl = absoluteApiUrl('feed', feedParams);

  const status = h('p', { class: 'manifest-status', id: 'manifest-status', role: 'status' });
  const count = h('strong', { id: 'export-count' }, total === null ? '…' : formatNumber(total));
  const showManifest = (m) => {
    count.textContent = formatNumber(m.count);
    count.dataset.count = String(m.count);
    const bits = [`Manifest: ${plural(m.count, 'record')}`];
    if (m.index && m.index.revision !== undefined) bits.push(`index revision ${m.index.revision}`);
    if (m.ids_sha256) bits.push(`ids SHA-256 ${String(m.ids_sha256).slice(0, 12)}…`);
    fill(status, bits.join(' · '));
  };

  const copyStatus = h('span', { class: 'copy-status', role: 'status' });
  const feedInput = h('input', { id: 'feed-url', type: 'text', readonly: true, value: feedUrl, 'aria-describedby': 'feed-hint' });
  feedInput.addEventListener('focus', () => feedInput.select());
  const copy = h('button', { type: 'button', id: 'copy-feed', 'data-focus-key': 'copy-feed' }, 'Copy');
  copy.addEventListener('click', async () => {
    const ok = await copyText(feedUrl, feedInput);
    copyStatus.textContent = ok ? 'Copied.' : 'Select the address and copy it.';
  });

  fill(root,
    h('p', { class: 'export-count' },
      'The whole result set: ', count, ' ', total === 1 ? 'record' : 'records',
      '. No cap: every match, from one snapshot of the index.'),
    h('ul', { class: 'export-formats' }, FORMATS.map((f) => h('li', null,
      h('a', {
        href: exportHref(f.id),
        download: true, // the server names the file (with the start of the ids hash)
        class: 'export-link',
        'data-format': f.id,
      }, f.label),
      h('span', { class: 'hint' }, ` ${f.note}`)))),
    h('p', null, h('a', { href: manifestHref, id: 'manifest-link', target: '_blank', rel: 'noopener' }, 'Open the manifest'),
      h('span', { class: 'hint' }, ' (count, ids hash, index revision: to cite and check the export)')),
    status,
    h('div', { class: 'feed' },
      h('label', { for: 'feed-url' }, 'Atom feed of this search'),
      h('div', { class: 'feed-row' }, feedInput, copy),
      h('p', { class: 'hint', id: 'feed-hint' }, 'Paste into a feed reader to follow new releases that match. ', copyStatus)));

  if (!open) return;
  if (manifests.has(key)) {
    showManifest(manifests.get(key));
    return;
  }
  fill(status, 'Checking the count…');
  channel.get('export/manifest', params).then((m) => {
    manifests.set(key, m);
    showManifest(m);
  }, (e) => {
    if (isAbort(e)) return;
    const d = describeError(e);
    fill(status, `${d.title} ${d.detail}`);
  });
}

async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
