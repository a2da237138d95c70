import { describe, expect, it } from 'vitest';
import { eventFromException, eventFromMessage, exceptionFromError } from '../src/eventbuilder';
import { createStackParser, v8StackLineParser } from '../src/stack/index';
import { testStackParser } from './helpers';

const options = { stackParser: testStackParser };
const STACK = 'TypeError: x is undefined\n    at render (https://shop.example/app.js:10:5)\n    at main (https://shop.example/app.js:2:1)';

function fromError(message: string, name = 'Error'): Error {
  const error = new Error(message);
  error.name = name;
  error.stack = `${name}: ${message}\n    at thrower (https://shop.example/app.js:10:5)\n    at caller (https://shop.example/app.js:20:1)`;
  return error;
}

describe('eventFromException', () => {
  it('turns an Error into type, value and frames ordered caller -> callee', () => {
    const error = new TypeError('x is undefined');
    error.stack = STACK;
    const event = eventFromException(options, error);
    expect(event.level).toBe('error');
    expect(event.exception?.values).toEqual([
      {
        type: 'TypeError',
        value: 'x is undefined',
        stacktrace: {
          frames: [
            { function: 'main', filename: 'https://shop.example/app.js', lineno: 2, colno: 1 },
            { function: 'render', filename: 'https://shop.example/app.js', lineno: 10, colno: 5 },
          ],
        },
        mechanism: { type: 'generic', handled: true },
      },
    ]);
  });

  it('skips frame-like lines quoted in a multi-line message', () => {
    const message = 'upstream said:\n    at evil (https://attacker.example/fake.js:1:1)\n    end';
    const error = new Error(message);
    error.stack = `Error: ${message}\n    at render (https://shop.example/app.js:10:5)`;
    const frames = eventFromException({ stackParser: createStackParser(v8StackLineParser) }, error).exception?.values?.[0].stacktrace?.frames;
    expect(frames?.map((frame) => frame.filename)).toEqual(['https://shop.example/app.js']);
  });

  it('skips frame-like lines quoted in a multi-line name, with or without a message', () => {
    const name = 'Upstream\n    at evil (https://attacker.example/fake.js:1:1)';
    for (const message of ['', 'failed:\n    at evil2 (https://attacker.example/fake.js:2:2)']) {
      const error = new Error(message);
      error.name = name;
      error.stack = `${message ? `${name}: ${message}` : name}\n    at render (https://shop.example/app.js:10:5)`;
      const frames = eventFromException({ stackParser: createStackParser(v8StackLineParser) }, error).exception?.values?.[0].stacktrace?.frames;
      expect(frames?.map((frame) => frame.filename)).toEqual(['https://shop.example/app.js']);
    }
  });

  it('takes the type from a custom error class name', () => {
    class PaymentError extends Error {}
    expect(eventFromException(options, new PaymentError('declined')).exception?.values?.[0].type).toBe('PaymentError');
    const named = fromError('nope', 'ValidationError');
    expect(eventFromException(options, named).exception?.values?.[0].type).toBe('ValidationError');
  });

  it('lets hint.mechanism override the default mechanism', () => {
    const event = eventFromException(options, new Error('x'), { mechanism: { type: 'onerror', handled: false } });
    expect(event.exception?.values?.[0].mechanism).toEqual({ type: 'onerror', handled: false });
  });

  it('makes a thrown string readable, marked synthetic, with the caller stack', () => {
    const syntheticException = new Error();
    syntheticException.stack = 'Error\n    at captureException (sdk.js:1:1)\n    at handler (https://shop.example/app.js:5:3)';
    const event = eventFromException(options, 'payment failed', { syntheticException });
    expect(event.exception?.values?.[0]).toEqual({
      type: 'Error',
      value: 'payment failed',
      stacktrace: { frames: [{ function: 'handler', filename: 'https://shop.example/app.js', lineno: 5, colno: 3 }] },
      mechanism: { type: 'generic', handled: true, synthetic: true },
    });
  });

  it.each([
    [42, 'Non-Error exception captured with value: 42'],
    [null, 'Non-Error exception captured with value: null'],
    [undefined, 'Non-Error exception captured with value: undefined'],
    [true, 'Non-Error exception captured with value: true'],
    [Symbol('s'), 'Non-Error exception captured with value: Symbol(s)'],
    [10n, 'Non-Error exception captured with value: 10'],
  ])('describes a thrown primitive %s', (value, text) => {
    expect(eventFromException(options, value).exception?.values?.[0]).toMatchObject({ type: 'Error', value: text, mechanism: { synthetic: true } });
  });

  it('describes a plain object by its keys and serializes it into extra', () => {
    const event = eventFromException(options, { code: 'E42', status: 500 });
    expect(event.exception?.values?.[0].value).toBe('Object captured as exception with keys: code, status');
    expect(event.extra?.__serialized__).toEqual({ code: 'E42', status: 500 });
  });

  it('titles a rejected plain object as a promise rejection', () => {
    const [value] = eventFromException(options, { code: 'E42' }, {}, true).exception?.values ?? [];
    expect(value).toMatchObject({ type: 'UnhandledRejection', value: 'Object captured as promise rejection with keys: code' });
    expect(eventFromException(options, { type: 'x' }, {}, true).exception?.values?.[0].type).toBe('UnhandledRejection');
  });

  it('uses an error-like object message when it has one', () => {
    const event = eventFromException(options, { name: 'ApiError', message: 'quota exceeded' });
    expect(event.exception?.values?.[0].value).toBe("'ApiError' captured as exception with message 'quota exceeded'");
  });

  it('cuts a long key list short', () => {
    const keys = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`key${String(i).padStart(3, '0')}`, i]));
    const value = eventFromException(options, keys).exception?.values?.[0].value ?? '';
    expect(value.startsWith('Object captured as exception with keys: key000, key001')).toBe(true);
    expect(value.length).toBeLessThan(100);
  });

  it('uses the Error inside an ErrorEvent-like object and the reason of a rejection event', () => {
    const error = fromError('inner');
    const errorEvent = Object.assign(Object.create({ [Symbol.toStringTag]: 'ErrorEvent' }), { error, message: 'Uncaught Error: inner' });
    expect(eventFromException(options, errorEvent).exception?.values?.[0]).toMatchObject({ type: 'Error', value: 'inner' });
    expect(eventFromException(options, { reason: fromError('rejected') }).exception?.values?.[0].value).toBe('rejected');
  });

  it('describes an ErrorEvent without an error by its message ("Script error.")', () => {
    const errorEvent = Object.assign(Object.create({ [Symbol.toStringTag]: 'ErrorEvent' }), { error: null, message: 'Script error.' });
    expect(eventFromException(options, errorEvent).exception?.values?.[0]).toMatchObject({ type: 'Error', value: 'Script error.' });
  });

  it('describes a DOM-like Event by its type', () => {
    const event = Object.assign(Object.create({ [Symbol.toStringTag]: 'Event' }), { type: 'error' });
    const value = eventFromException(options, event).exception?.values?.[0];
    expect(value).toMatchObject({ type: 'Event', value: 'Event `Event` (type=error) captured as exception' });
  });

  it('never throws for hostile values', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    const badError = new Error('x');
    Object.defineProperty(badError, 'stack', { get: () => { throw new Error('getter'); } });
    Object.defineProperty(badError, 'message', { get: () => { throw new Error('getter'); } });
    expect(() => eventFromException(options, hostile)).not.toThrow();
    expect(eventFromException(options, badError).exception?.values?.[0]).toMatchObject({ type: 'Error', value: '' });
    const throwingParser = () => { throw new Error('parser'); };
    expect(() => eventFromException({ stackParser: throwingParser }, new Error('x'))).not.toThrow();
  });
});

describe('exceptionFromError', () => {
  it('omits the stacktrace when there is no stack', () => {
    const error = new Error('no stack');
    error.stack = undefined;
    expect(exceptionFromError(testStackParser, error)).toEqual({ type: 'Error', value: 'no stack' });
  });
});

describe('eventFromMessage', () => {
  it('makes a message event at the given level', () => {
    expect(eventFromMessage(options, 'cart empty', 'warning')).toEqual({ level: 'warning', message: 'cart empty' });
    expect(eventFromMessage(options, 'hello').level).toBe('info');
  });

  it('with attachStacktrace, adds the caller stack as a synthetic exception', () => {
    const syntheticException = new Error();
    syntheticException.stack = 'Error\n    at captureMessage (sdk.js:1:1)\n    at checkout (https://shop.example/app.js:7:2)';
    const event = eventFromMessage({ ...options, attachStacktrace: true }, 'slow', 'info', { syntheticException });
    expect(event.exception?.values).toEqual([
      {
        value: 'slow',
        stacktrace: { frames: [{ function: 'checkout', filename: 'https://shop.example/app.js', lineno: 7, colno: 2 }] },
        mechanism: { type: 'generic', handled: true, synthetic: true },
      },
    ]);
    expect(eventFromMessage(options, 'slow', 'info', { syntheticException }).exception).toBeUndefined();
  });
});
