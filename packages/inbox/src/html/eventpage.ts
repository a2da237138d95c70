// `GET /event/<id>/<item>`: one event with its stack traces (source context included),
// breadcrumbs, context and attachments. Frames are shown most recent call first, as a reader expects.

import type { Breadcrumb, Exception, StackFrame } from '@faultline/core';
import type { EventRef } from '../events';
import { eventTime, exceptions, exceptionTitle, formatFrame, framesOf, summarize } from '../summary';
import { renderAttachments } from './attachments';
import { html, join, type Html } from './escape';
import { layout } from './layout';

export function renderEventPage({ envelope, event }: EventRef): string {
  const summary = summarize(event);
  const facts: Array<[string, unknown]> = [
    ['Level', summary.level],
    ['Time', summary.time?.toISOString()],
    ['Received', envelope.received],
    ['Release', summary.release],
    ['Environment', summary.environment],
    ['Platform', event.platform],
    ['SDK', sdkName(event.sdk)],
    ['Event id', event.event_id],
    // A user_report's author.
    ['Name', event.name],
    ['Email', event.email],
    ['Project', envelope.project],
  ];
  const body = html`<p><a href="/">← all events</a></p><h1>${summary.title}</h1>
${table(facts.filter(([, value]) => value !== undefined && value !== ''))}
${join(exceptions(event).reverse().map(renderException))}
${renderBreadcrumbs(event.breadcrumbs)}
${renderAttachments(envelope.items)}
${join(['tags', 'user', 'request', 'contexts', 'extra'].map((key) => section(key, event[key])))}
<details><summary>Raw JSON</summary><pre>${event}</pre></details>`;
  return layout(summary.title, body);
}

function renderException(exception: Exception, index: number): Html {
  const frames = framesOf(exception).reverse();
  const mechanism = exception.mechanism;
  return html`<h2>${index > 0 ? 'Caused by ' : ''}${exceptionTitle(exception) || 'Exception'}</h2>
${mechanism ? html`<p class="muted">mechanism: ${mechanism.type}, handled: ${String(mechanism.handled ?? 'unknown')}</p>` : ''}
${frames.length ? join(frames.map(renderFrame)) : html`<p class="muted">No stack trace.</p>`}`;
}

function renderFrame(frame: StackFrame): Html {
  const inApp = frame.in_app === true;
  return html`<details ${inApp ? html`open` : ''}><summary><code>${formatFrame(frame)}</code> ${inApp ? html`<span class="tag">in app</span>` : ''}</summary>
${renderContext(frame)}${renderVars((frame as { vars?: unknown }).vars)}</details>`;
}

/** The frame's local variables, as the Python SDK sends them. */
function renderVars(vars: unknown): Html {
  if (!isNonEmptyObject(vars)) return html``;
  const rows = Object.entries(vars).map(([name, value]) => html`<tr><th><code>${name}</code></th><td><code>${value}</code></td></tr>`);
  return html`<table class="vars">${join(rows)}</table>`;
}

/** pre_context, the frame's line (highlighted) and post_context, with line numbers when known. */
function renderContext(frame: StackFrame): Html {
  if (typeof frame.context_line !== 'string') return html`<p class="muted">No source context.</p>`;
  const before = stringList(frame.pre_context);
  const after = stringList(frame.post_context);
  const lineno = typeof frame.lineno === 'number' ? frame.lineno : undefined;
  const number = (offset: number) => (lineno === undefined ? '' : `${String(lineno + offset).padStart(5)}  `);
  const lines = [
    ...before.map((line, i) => html`${number(i - before.length)}${line}\n`),
    html`<span class="current">${number(0)}${frame.context_line}</span>`,
    ...after.map((line, i) => html`${number(i + 1)}${line}\n`),
  ];
  return html`<pre>${join(lines)}</pre>`;
}

function renderBreadcrumbs(breadcrumbs: unknown): Html {
  const values = (breadcrumbs as { values?: unknown } | undefined)?.values;
  if (!Array.isArray(values) || values.length === 0) return html``;
  const rows = (values as Breadcrumb[]).map(
    (crumb) => html`<tr><td>${eventTime(crumb.timestamp)?.toISOString() ?? ''}</td><td>${crumb.category ?? crumb.type ?? ''}</td>
<td>${crumb.level ?? ''}</td><td>${crumb.message ?? ''}${hasContent(crumb.data) ? html`<pre>${crumb.data}</pre>` : ''}</td></tr>`,
  );
  return html`<h2>Breadcrumbs</h2><table><thead><tr><th>Time</th><th>Category</th><th>Level</th><th>Message</th></tr></thead>
<tbody>${join(rows)}</tbody></table>`;
}

function section(title: string, value: unknown): Html {
  if (value === undefined || value === null) return html``;
  return html`<h2>${title[0].toUpperCase() + title.slice(1)}</h2><pre>${value}</pre>`;
}

function table(rows: Array<[string, unknown]>): Html {
  return html`<table>${join(rows.map(([name, value]) => html`<tr><th>${name}</th><td>${value}</td></tr>`))}</table>`;
}

function sdkName(sdk: unknown): string | undefined {
  const { name, version } = (sdk ?? {}) as { name?: unknown; version?: unknown };
  return typeof name === 'string' ? `${name} ${typeof version === 'string' ? version : ''}`.trim() : undefined;
}

function isNonEmptyObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && hasContent(value);
}

/** False for nothing and for `{}` or `[]`, which Python SDKs send as empty breadcrumb data. */
function hasContent(value: unknown): boolean {
  return value !== undefined && value !== null && (typeof value !== 'object' || Object.keys(value).length > 0);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map((line) => (typeof line === 'string' ? line : String(line))) : [];
}
