// `GET /`: the errors and user feedback received, newest first, each linking to its page.

import { eventPath, type EventRef } from '../events';
import { summarize } from '../summary';
import { html, join } from './escape';
import { layout } from './layout';

export function renderListPage(refs: EventRef[], dsn: string): string {
  const rows = refs
    .slice()
    .reverse()
    .map((ref) => {
      const summary = summarize(ref.event);
      const time = (summary.time ?? new Date(ref.envelope.received)).toISOString();
      return html`<tr><td><time>${time}</time></td>
<td class="level-${summary.level}">${summary.level}</td>
<td><a href="${eventPath(ref)}">${summary.title}</a></td>
<td>${summary.release ?? ''}</td><td>${summary.environment ?? ''}</td><td>${ref.envelope.project}</td></tr>`;
    });
  const body = refs.length
    ? html`<table><thead><tr><th>Time</th><th>Level</th><th>Error</th><th>Release</th><th>Environment</th><th>Project</th></tr></thead>
<tbody>${join(rows)}</tbody></table>`
    : html`<p>No events yet. Send one to <code>${dsn}</code>.</p>`;
  const refresh = html`<meta http-equiv="refresh" content="5">`;
  return layout('Events', html`<h1>Faultline inbox</h1><p class="muted">DSN: <code>${dsn}</code></p>${body}`, refresh);
}
