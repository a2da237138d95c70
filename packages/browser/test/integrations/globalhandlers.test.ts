// @vitest-environment happy-dom
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { globalHandlersIntegration } from '../../src/integrations/globalhandlers';
import { initForTest, settle, type BrowserTestSdk } from '../helpers';

let sdk: BrowserTestSdk;
beforeAll(() => {
  sdk = initForTest({ defaultIntegrations: false, integrations: [globalHandlersIntegration()] });
});
beforeEach(() => sdk.reset());

/** What the browser dispatches for an uncaught error. */
function uncaught(init: ErrorEventInit): void {
  window.dispatchEvent(new ErrorEvent('error', init));
}

/** What the browser dispatches for a rejection nobody handled (happy-dom lacks the class). */
function unhandledRejection(reason: unknown): void {
  window.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason, promise: Promise.resolve() }));
}

async function onlyException() {
  await settle();
  expect(sdk.events()).toHaveLength(1);
  return sdk.events()[0].exception!.values![0];
}

describe('GlobalHandlers', () => {
  test('an uncaught Error, unhandled, with its stack', async () => {
    const error = new RangeError('index out of range');
    uncaught({ error, message: `Uncaught ${error}`, filename: 'http://localhost:3000/app.js', lineno: 3, colno: 9 });
    const exception = await onlyException();
    expect(exception).toMatchObject({ type: 'RangeError', value: 'index out of range', mechanism: { type: 'auto.browser.global_handlers.onerror', handled: false } });
    expect(exception.stacktrace?.frames?.at(-1)?.filename).toContain('globalhandlers.test.ts');
    expect(sdk.events()[0].level).toBe('error');
  });

  test('"Script error." without an Error object still says where it happened', async () => {
    uncaught({ message: 'Script error.', filename: 'https://cdn.example.com/widget.js', lineno: 12, colno: 4 });
    const exception = await onlyException();
    expect(exception).toMatchObject({ type: 'Error', value: 'Script error.', mechanism: { type: 'auto.browser.global_handlers.onerror', handled: false } });
    expect(exception.stacktrace?.frames).toEqual([
      { filename: 'https://cdn.example.com/widget.js', function: '?', lineno: 12, colno: 4, in_app: true },
    ]);
  });

  test('a thrown string is reported with its text', async () => {
    uncaught({ error: 'out of coffee', message: 'Uncaught out of coffee', filename: location.href, lineno: 1, colno: 1 });
    const exception = await onlyException();
    expect(exception).toMatchObject({ type: 'Error', value: 'out of coffee', mechanism: { type: 'auto.browser.global_handlers.onerror', handled: false } });
  });

  test('an Error rejected and not handled', async () => {
    unhandledRejection(new Error('payment declined'));
    const exception = await onlyException();
    expect(exception).toMatchObject({
      type: 'Error',
      value: 'payment declined',
      mechanism: { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false },
    });
    expect(exception.stacktrace?.frames?.length).toBeGreaterThan(0);
  });

  test('a plain value rejected and not handled reads clearly', async () => {
    unhandledRejection(404);
    const exception = await onlyException();
    expect(exception).toEqual({
      type: 'UnhandledRejection',
      value: 'Non-Error promise rejection captured with value: 404',
      mechanism: { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false },
    });
  });

  test('a rejected plain object is titled as a rejection that names its keys, as Sentry titles it', async () => {
    unhandledRejection({ code: 'E_STOCK', sku: 'A1' });
    const exception = await onlyException();
    expect(exception).toEqual({
      type: 'UnhandledRejection',
      value: 'Object captured as promise rejection with keys: code, sku',
      mechanism: { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false, synthetic: true },
    });
    expect(sdk.events()[0].extra).toEqual({ __serialized__: { code: 'E_STOCK', sku: 'A1' } });
  });

  test('a rejection event from a promise library, with the reason in `detail`', async () => {
    window.dispatchEvent(new CustomEvent('unhandledrejection', { detail: { reason: new Error('library rejection') } }));
    const exception = await onlyException();
    expect(exception).toMatchObject({ value: 'library rejection', mechanism: { type: 'auto.browser.global_handlers.onunhandledrejection', handled: false } });
  });
});
