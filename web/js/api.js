// The only module that talks to the server: JSON GETs under /api/v1 with one error shape.

export const API = 'api/v1';

/** An API or network failure: status 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field || '';
  }
}

/** URL (relative to the page) of an API path with parameters (URLSearchParams or string). */
export function apiUrl(path, params) {
  const qs = params ? String(params) : '';
  return `${API}/${path}${qs ? `?${qs}` : ''}`;
}

/** Absolute URL of an API path, for copying (feeds are read by other programs). */
export function absoluteApiUrl(path, params) {
  return new URL(apiUrl(path, params), document.baseURI).href;
}

/**
 * GET a JSON resource. Resolves with the parsed body; rejects with ApiError (server error body
 * decoded when present) or with the AbortError of the given signal.
 */
export async function getJSON(path, params, { signal } = {}) {
  pending(+1);
  try {
    return await fetchJSON(path, params, signal);
  } finally {
    pending(-1);
  }
}

// Requests in flight, published as <html data-pending="n"> so that tests (and curious readers)
// can tell when the page has settled.
let inFlight = 0;
function pending(delta) {
  inFlight += delta;
  if (typeof document !== 'undefined') document.documentElement.dataset.pending = String(inFlight);
}

async function fetchJSON(path, params, signal) {
  let res;
  try {
    res = await fetch(apiUrl(path, params), { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  let body = null;
  const text = await res.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = body && body.error ? body.error : {};
    throw new ApiError(res.status, e.code || `http_${res.status}`, e.message || res.statusText, e.field);
  }
  if (body === null) throw new ApiError(res.status, 'bad_response', 'The server sent an answer that is not JSON.');
  return body;
}

/** Runs one request at a time per channel: starting a new one aborts the previous one. */
export class Channel {
  constructor() {
    this.ctl = null;
  }

  get(path, params) {
    if (this.ctl) this.ctl.abort();
    const ctl = new AbortController();
    this.ctl = ctl;
    return getJSON(path, params, { signal: ctl.signal }).finally(() => {
      if (this.ctl === ctl) this.ctl = null;
    });
  }

  abort() {
    if (this.ctl) this.ctl.abort();
    this.ctl = null;
  }
}

export const isAbort = (e) => e && e.name === 'AbortError';
