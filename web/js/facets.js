// Facet lists (issuers, topics, years): each value a toggle button with its count.

import { h, fill } from './dom.js';
import { formatNumber, plural } from './format.js';

/**
 * Renders one facet group into `root`.
 * opts: {
 *   name: 'issuer' | 'topic' | 'year', title, values: [{value, count}] (top values),
 *   all: [{value, count}] | null (every value, when loaded), selected: [value],
 *   isSelected(value) (defaults to selected.includes), onToggle(value),
 *   filter: string | null (null: no filter box), onFilter(text), expanded, onExpand(bool),
 *   canExpand, exact, loadingAll,
 * }
 */
export function renderFacetGroup(root, opts) {
  const { name, title, selected = [], onToggle } = opts;
  const isSelected = opts.isSelected || ((v) => selected.includes(v));
  const headingId = `${name}-heading`;
  const listId = `facet-list-${name}`;
  const filterText = (opts.filter || '').trim().toLowerCase();
  const source = (filterText || opts.expanded) && opts.all ? opts.all : opts.values;
  let shown = filterText ? source.filter((v) => v.value.toLowerCase().includes(filterText)) : source.slice();

  // A selected value always shows, even when it is not among the top values.
  for (const v of selected) {
    if (!shown.some((s) => s.value === v) && (!filterText || v.toLowerCase().includes(filterText))) {
      const known = (opts.all || []).find((s) => s.value === v) || opts.values.find((s) => s.value === v);
      shown.unshift({ value: v, count: known ? known.count : null });
    }
  }
  if (name === 'year') shown.sort((a, b) => b.value.localeCompare(a.value));

  // The heading, the filter box and the list live in fixed slots so that typing in the filter
  // box re-renders the list without replacing (and so blurring) the box itself.
  if (root.dataset.built !== name) {
    root.dataset.built = name;
    const slots = [h('div', { class: 'facet-head' }), h('div', { class: 'facet-filter-slot' }), h('div', { class: 'facet-body' })];
    fill(root, ...slots);
  }
  const [headSlot, filterSlot, body] = root.children;
  fill(headSlot, h('h2', { id: headingId }, title,
    opts.exact === false ? h('span', { class: 'facet-approx', title: 'Counts are estimates' }, ' (approx.)') : null));

  const wantFilter = opts.filter !== null && opts.filter !== undefined;
  let input = filterSlot.querySelector('input');
  if (wantFilter && !input) {
    input = h('input', {
      type: 'search',
      class: 'facet-filter',
      id: `facet-filter-${name}`,
      placeholder: `Filter all ${title.toLowerCase()}…`,
      autocomplete: 'off',
      'aria-label': `Filter ${title.toLowerCase()}`,
      'aria-controls': listId,
    });
    input.addEventListener('input', () => input.onFilter(input.value));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && input.value) {
        e.stopPropagation();
        e.preventDefault();
        input.value = '';
        input.onFilter('');
      }
    });
    filterSlot.append(input);
  } else if (!wantFilter && input) {
    input.remove();
    input = null;
  }
  if (input) {
    input.onFilter = opts.onFilter;
    if (input.value !== opts.filter) input.value = opts.filter;
  }

  const parts = [];
  const list = h('ul', { class: 'facet-list', id: listId, 'aria-labelledby': headingId });
  for (const v of shown) {
    const on = isSelected(v.value);
    list.append(h('li', null, h('button', {
      type: 'button',
      class: on ? 'facet facet-on' : 'facet',
      'aria-pressed': on ? 'true' : 'false',
      'data-facet': name,
      'data-value': v.value,
      'data-focus-key': `facet:${name}:${v.value}`,
      on: { click: () => onToggle(v.value) },
    },
    h('span', { class: 'facet-name' }, v.value),
    h('span', { class: 'facet-count', 'aria-label': v.count === null ? false : plural(v.count, 'release') },
      v.count === null ? '' : formatNumber(v.count)))));
  }
  if (shown.length) parts.push(list);
  else if (opts.loadingAll) parts.push(h('p', { class: 'facet-note' }, 'Loading…'));
  else if (filterText) parts.push(h('p', { class: 'facet-note' }, `No ${title.toLowerCase()} match “${opts.filter.trim()}”.`));
  else parts.push(h('p', { class: 'facet-note' }, 'None in these results.'));

  if (filterText && opts.all && shown.length) {
    parts.push(h('p', { class: 'facet-note', role: 'status' }, `${shown.length} of ${opts.all.length} match.`));
  }
  if (opts.canExpand && !filterText) {
    const label = opts.expanded ? `Show top ${title.toLowerCase()}` : `Show all ${title.toLowerCase()}`;
    parts.push(h('button', {
      type: 'button',
      class: 'link-button facet-more',
      'aria-expanded': opts.expanded ? 'true' : 'false',
      'aria-controls': listId,
      'data-focus-key': `more:${name}`,
      on: { click: () => opts.onExpand(!opts.expanded) },
    }, opts.loadingAll ? 'Loading…' : label));
  }
  fill(body, ...parts);
}
