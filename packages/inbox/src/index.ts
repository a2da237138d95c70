export { startInbox } from './inbox';
export { InboxStartError } from './errors';
export { BODY_LIMIT, EVENT_ITEM_LIMIT } from './limits';
export type {
  Inbox,
  InboxOptions,
  ReceivedEvent,
  RecordedRequest,
  Respond,
  ScriptedAnswer,
  ScriptedRequest,
  ScriptedResponse,
  StoredEnvelope,
} from './types';
