// Adds the errors behind the captured one: its `cause` chain and an AggregateError's
// `errors`, so the event shows what really went wrong first.

import { exceptionFromError } from '../eventbuilder';
import type { ClientLike, Event, EventHint, Exception, Integration, StackParser } from '../types';

export interface LinkedErrorsOptions {
  /** The property that holds an error's cause, as Sentry's `key`. Default 'cause'. */
  key?: string;
  /** Most exceptions in one event, the captured one included. Default 5. */
  limit?: number;
}

/**
 * Walks `cause` (or `key`) and `AggregateError.errors` depth first, up to `limit` exceptions in all.
 * Each linked exception gets `mechanism { type: 'chained', source, exception_id,
 * parent_id }` and the captured error's `handled`; values are ordered oldest first, so the
 * captured error comes last.
 *
 * @example
 * init({ dsn, integrations: [linkedErrorsIntegration({ limit: 3 })] });
 * init({ dsn, integrations: [linkedErrorsIntegration({ key: 'inner' })] }); // follows error.inner
 */
export function linkedErrorsIntegration({ key = 'cause', limit = 5 }: LinkedErrorsOptions = {}): Integration {
  return {
    name: 'LinkedErrors',
    processEvent(event: Event, hint: EventHint, client: ClientLike): Event {
      const values = event.exception?.values;
      const original = hint.originalException;
      if (!values?.length || !isError(original)) return event;
      const linked = collectLinked(original, client.getOptions().stackParser, Math.max(0, limit - values.length), key);
      if (linked.length === 0 && !isAggregate(original)) return event;
      const root = values[values.length - 1];
      // The chain was handled or not as a whole, as Sentry's SDKs mark it.
      const handled = root.mechanism?.handled;
      if (handled !== undefined) for (const exception of linked) exception.mechanism!.handled = handled;
      root.mechanism = {
        type: 'generic',
        ...root.mechanism,
        exception_id: 0,
        ...(isAggregate(original) && { is_exception_group: true }),
      };
      event.exception = { values: [...linked.reverse(), ...values] };
      return event;
    },
  };
}

/** Linked exceptions in depth-first order (outermost first). */
function collectLinked(root: Error, stackParser: StackParser, room: number, key: string): Exception[] {
  const linked: Exception[] = [];
  const seen = new Set<unknown>([root]);
  const visit = (error: Error, parentId: number): void => {
    for (const [source, child] of childrenOf(error, key)) {
      if (linked.length >= room) return;
      if (!isError(child) || seen.has(child)) continue;
      seen.add(child);
      const exception = exceptionFromError(stackParser, child);
      const exceptionId = linked.length + 1;
      exception.mechanism = {
        type: 'chained',
        source,
        exception_id: exceptionId,
        parent_id: parentId,
        ...(isAggregate(child) && { is_exception_group: true }),
      };
      linked.push(exception);
      visit(child, exceptionId);
    }
  };
  visit(root, 0);
  return linked;
}

// Enough for any `limit` anyone sets; an AggregateError of a million errors is not copied.
const MAX_CHILDREN = 100;

function childrenOf(error: Error, key: string): Array<[string, unknown]> {
  const children: Array<[string, unknown]> = [];
  try {
    if (key in error) children.push([key, (error as unknown as Record<string, unknown>)[key]]);
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors)) errors.slice(0, MAX_CHILDREN).forEach((child, index) => children.push([`errors[${index}]`, child]));
  } catch {
    // A throwing getter hides the rest of the chain, nothing more.
  }
  return children;
}

function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

function isAggregate(error: Error): boolean {
  try {
    return Array.isArray((error as { errors?: unknown }).errors);
  } catch {
    return false;
  }
}
