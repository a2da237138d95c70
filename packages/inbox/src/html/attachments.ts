// The attachments sent with an event (the `attachment` items of its envelope): name, type
// and size, and the start of the content when it is text.

import type { EnvelopeItem } from '@faultline/core';
import { html, join, type Html } from './escape';

const PREVIEW_CHARS = 4096;
// Control characters other than tab and line breaks mean binary content.
const CONTROL = /[\u0000-\u0008\u000e-\u001f]/;
const TEXT_TYPE = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:json|xml)\b)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function renderAttachments(items: EnvelopeItem[]): Html {
  const attachments = items.filter(([headers]) => headers.type === 'attachment');
  if (attachments.length === 0) return html``;
  return html`<h2>Attachments</h2>${join(attachments.map(renderAttachment))}`;
}

function renderAttachment([headers, payload]: EnvelopeItem): Html {
  const bytes = payload instanceof Uint8Array ? payload : new TextEncoder().encode(JSON.stringify(payload));
  const contentType = typeof headers.content_type === 'string' ? headers.content_type : undefined;
  const kind = [contentType, typeof headers.attachment_type === 'string' ? headers.attachment_type : undefined].filter(Boolean).join(', ');
  const preview = textPreview(bytes, contentType);
  return html`<details ${preview !== undefined ? html`open` : ''}><summary><code>${String(headers.filename ?? '(no name)')}</code>
<span class="muted">${kind ? `${kind}, ` : ''}${bytes.length} bytes</span></summary>
${preview !== undefined ? html`<pre>${preview}</pre>` : html`<p class="muted">Binary content, not shown.</p>`}</details>`;
}

/** The start of the text, when the type says text (or none is given) and it is UTF-8. */
function textPreview(bytes: Uint8Array, contentType: string | undefined): string | undefined {
  if (contentType !== undefined && !TEXT_TYPE.test(contentType)) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  if (CONTROL.test(text)) return undefined;
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}\n… (${text.length - PREVIEW_CHARS} more characters)` : text;
}
