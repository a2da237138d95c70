// What arrived in clear: the planted secrets found in the stored envelopes of one project,
// and for each, the JSON paths of the events where it was found.

/**
 * Leak report of `envelopes` (the inbox's stored envelopes of one SDK): the number of
 * events, and per leaked secret kind the places it was found.
 *
 * @example
 * const { events, leaked } = countLeaks(inbox.envelopes().filter((e) => e.project === '2'), corpus);
 * // leaked: Map { 'jwt' => Set { 'request.headers.x-note' } }
 */
export function countLeaks(envelopes, { leakedSecrets }) {
  const leaked = new Map();
  const add = (kind, where) => {
    if (!leaked.has(kind)) leaked.set(kind, new Set());
    if (where) leaked.get(kind).add(where);
  };
  let events = 0;
  for (const envelope of envelopes) {
    // The whole body first: any form anywhere counts, even where no JSON path leads.
    for (const secret of leakedSecrets(Buffer.from(envelope.body).toString('utf8'))) add(secret.kind);
    walk(envelope.headers, 'envelope header', (path, text) => leakedSecrets(text).forEach((secret) => add(secret.kind, path)));
    for (const [header, payload] of envelope.items) {
      if (header.type === 'event') events++;
      const label = header.type === 'event' ? '' : `${header.type}:`;
      walk(payload, label, (path, text) => leakedSecrets(text).forEach((secret) => add(secret.kind, path)));
    }
  }
  return { events, leaked };
}

/** Calls `visit(path, text)` for every string (keys included) below `value`; array indexes become `[]`. */
function walk(value, path, visit) {
  if (typeof value === 'string') return visit(path, value);
  if (value instanceof Uint8Array) return visit(path, Buffer.from(value).toString('utf8'));
  if (Array.isArray(value)) return value.forEach((item) => walk(item, `${path}[]`, visit));
  if (!value || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const step = /^[\w-]+$/.test(key) ? key : JSON.stringify(key);
    const child = path ? (step === key ? `${path}.${key}` : `${path}[${step}]`) : step;
    visit(`${child} (key)`, key);
    walk(item, child, visit);
  }
}

/**
 * The leaks by place: each JSON path with the secret kinds found there, most kinds first.
 *
 * @example
 * byPlace(leaked); // [['breadcrumbs.values[].data["http.query"]', ['bearer-token', ...]], ...]
 */
export function byPlace(leaked) {
  const places = new Map();
  for (const [kind, paths] of leaked) {
    for (const path of paths.size > 0 ? paths : ['(outside any JSON string)']) {
      if (!places.has(path)) places.set(path, []);
      places.get(path).push(kind);
    }
  }
  return [...places].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}
