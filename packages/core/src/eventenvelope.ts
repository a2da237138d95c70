// Envelopes for what the capture pipeline sends: events (with attachments), sessions and
// user feedback.

import { dsnToString } from './dsn';
import type { Dsn } from './dsn';
import { sessionToJSON } from './session';
import type { Session } from './session';
import type { Attachment, Envelope, EnvelopeHeaders, EnvelopeItem, Event, SdkInfo } from './types';

export interface EnvelopeContext {
  sdk?: SdkInfo;
  dsn?: Dsn;
  /** When set, the DSN goes into the envelope header so the tunnel knows where to forward. */
  tunnel?: string;
}

/**
 * An envelope with the event item (a `feedback` item for a feedback event) and one item
 * per attachment. `json`, the event already serialized, becomes the payload as it is.
 *
 * @example
 * createEventEnvelope(event, { sdk: { name: 'faultline.javascript.node', version: '0.1.0' }, attachments });
 */
export function createEventEnvelope(
  event: Event,
  context: EnvelopeContext & { attachments?: Attachment[]; json?: string } = {},
): Envelope {
  const type = event.type === 'feedback' ? 'feedback' : 'event';
  const items: EnvelopeItem[] = [[{ type }, context.json ?? event]];
  for (const attachment of context.attachments ?? []) items.push(attachmentItem(attachment));
  return [envelopeHeaders(context, event.event_id), items];
}

/**
 * An envelope with one `session` item.
 *
 * @example
 * createSessionEnvelope(session, { sdk, dsn });
 */
export function createSessionEnvelope(session: Session, context: EnvelopeContext = {}): Envelope {
  return [envelopeHeaders(context), [[{ type: 'session' }, sessionToJSON(session)]]];
}

/**
 * An envelope with one `feedback` item: an event of `type: 'feedback'` whose
 * `contexts.feedback` holds the user's message and contact details.
 *
 * @example
 * createFeedbackEnvelope({ event_id, timestamp, type: 'feedback', contexts: { feedback: { message: 'Broken' } } }, { sdk });
 */
export function createFeedbackEnvelope(feedback: Event, context: EnvelopeContext = {}): Envelope {
  return createEventEnvelope({ ...feedback, type: 'feedback' }, context);
}

function envelopeHeaders({ sdk, dsn, tunnel }: EnvelopeContext, eventId?: string): EnvelopeHeaders {
  const headers: EnvelopeHeaders = {};
  if (eventId) headers.event_id = eventId;
  headers.sent_at = new Date().toISOString();
  if (sdk) headers.sdk = { name: sdk.name, version: sdk.version };
  if (tunnel && dsn) headers.dsn = dsnToString(dsn);
  return headers;
}

function attachmentItem(attachment: Attachment): EnvelopeItem {
  const headers: EnvelopeItem[0] = { type: 'attachment', filename: attachment.filename };
  if (attachment.contentType) headers.content_type = attachment.contentType;
  if (attachment.attachmentType) headers.attachment_type = attachment.attachmentType;
  return [headers, attachment.data];
}
