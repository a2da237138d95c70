// Runs an event through the processing steps, synchronously until a step returns a
// promise: most events never touch the microtask queue.

import { logger } from './logger';
import type { Event, Outcome } from './types';

type MaybePromise<T> = T | PromiseLike<T>;

/** One step of event processing and the outcome recorded when it drops the event. */
export interface Step {
  label: string;
  outcome: Outcome;
  run(event: Event): MaybePromise<Event | null>;
}

/**
 * Runs steps from `index`, synchronously while they return plain values. Returns a promise
 * only when a step went async. A step returning null, a non-object, or throwing drops the
 * event with the step's outcome.
 */
export function runSteps(
  event: Event,
  steps: Step[],
  index: number,
  send: (event: Event) => void,
  drop: (outcome: Outcome) => void,
): PromiseLike<void> | undefined {
  let current = event;
  for (let i = index; i < steps.length; i++) {
    const step = steps[i];
    let result: MaybePromise<Event | null>;
    try {
      result = step.run(current);
      if (isThenable(result)) {
        return Promise.resolve(result).then(
          (next) => (isEvent(next) ? runSteps(next, steps, i + 1, send, drop) : dropBy(step, drop)),
          (error) => dropBy(step, drop, error ?? 'rejected'),
        );
      }
    } catch (error) {
      return dropBy(step, drop, error ?? 'threw');
    }
    if (!isEvent(result)) return dropBy(step, drop);
    current = result;
  }
  try {
    send(current);
  } catch (error) {
    logger.warn('Event dropped: it could not be sent.', error);
    drop('internal_sdk_error');
  }
  return undefined;
}

/** Drops the event with `step`'s outcome; no closure per step and event in the synchronous path. */
function dropBy(step: Step, drop: (outcome: Outcome) => void, error?: unknown): undefined {
  if (error === undefined) logger.warn(`Event dropped by ${step.label}.`);
  else logger.warn(`Event dropped: ${step.label} threw.`, error);
  drop(step.outcome);
  return undefined;
}

/**
 * One promise, already resolved, for every send with nothing left to wait for (spilled,
 * filtered, dropped): nothing is allocated per envelope, and callers can tell it apart.
 */
export const SETTLED: Promise<void> = /* @__PURE__ */ Promise.resolve();

/** Whether `value` has a `then` method; a throwing getter means no. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
  } catch {
    return false;
  }
}

/** A plain object: not an array, Date, Map, typed array or promise a buggy processor returned. */
function isEvent(value: unknown): value is Event {
  try {
    return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Object]';
  } catch {
    return false;
  }
}

