// A tiny element builder. Text is always set as text; no HTML strings anywhere in the UI.

/**
 * h('a', {href: '#', class: 'x', on: {click: fn}, dataset: {id: 1}}, 'text', childNode, [more])
 * Attributes with value false/null/undefined are left out; true sets an empty attribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'hidden') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Text parts [{text, mark}] as nodes, marked parts in <mark>. */
export function markedNodes(parts) {
  return parts.map((p) => (p.mark ? h('mark', null, p.text) : document.createTextNode(p.text)));
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/**
 * Re-rendering replaces elements; this keeps keyboard focus on "the same" control, identified by
 * its data-focus-key, across the update. When that control is gone and focus was inside an
 * element matching fallback.within, focus moves to fallback.to (if any).
 */
export function preservingFocus(update, fallback) {
  const active = document.activeElement;
  const key = active && active.dataset ? active.dataset.focusKey : undefined;
  const inFallback = Boolean(fallback && active && active.closest && active.closest(fallback.within));
  update();
  if (!active || active === document.body || document.contains(active)) return;
  const again = key ? document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`) : null;
  const target = again || (inFallback ? document.querySelector(fallback.to) : null);
  if (target) target.focus({ preventScroll: true });
}
