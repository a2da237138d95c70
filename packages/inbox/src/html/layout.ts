// The page shell and its headers. The pages run no script at all; the CSP says so, so even
// a missed escape could not run one.

import { createHash } from 'node:crypto';
import { Html, html } from './escape';

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;margin:.2rem 0}code,pre{font:12px/1.4 ui-monospace,monospace}
.current{background:#ffe9a8;display:block}.muted{color:#777}.tag{font-size:11px;background:#dde;padding:0 .3rem;border-radius:3px}
.level-error,.level-fatal{color:#b00}.level-warning{color:#a60}details{margin:.3rem 0}summary{cursor:pointer}
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function layout(title: string, body: Html, head: Html = html``): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title} · Faultline inbox</title>${head}<style>${new Html(STYLE)}</style></head>
<body>${body}</body></html>
`.markup;
}
