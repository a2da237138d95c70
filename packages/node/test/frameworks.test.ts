import { describe, expect, it } from 'vitest';
import { isServerError } from '../src/frameworks/servererror';
import { setupExpressErrorHandler } from '../src/frameworks/express';
import { setupFastifyErrorHandler } from '../src/frameworks/fastify';
import { setupHonoErrorHandler } from '../src/frameworks/hono';
import { setupKoaErrorHandler } from '../src/frameworks/koa';
import { captureException, withIsolationScope } from '@faultline/core';
import { initNodeTest, resetGlobals } from './helpers';

describe('isServerError', () => {
  it('reports errors without a status or with a 5xx status', () => {
    expect(isServerError(new Error('plain'))).toBe(true);
    expect(isServerError(Object.assign(new Error('x'), { status: 503 }))).toBe(true);
    expect(isServerError(Object.assign(new Error('x'), { statusCode: '500' }))).toBe(true);
    expect(isServerError('a string')).toBe(true);
    expect(isServerError(Object.assign(new Error('x'), { status: 'weird' }))).toBe(true);
  });

  it('skips client errors', () => {
    expect(isServerError(Object.assign(new Error('x'), { status: 404 }))).toBe(false);
    expect(isServerError(Object.assign(new Error('x'), { statusCode: 400 }))).toBe(false);
  });
});

describe('framework error handlers name their mechanism as Sentry does', () => {
  type Handler = (...args: any[]) => unknown;
  const boom = (): Error => new Error('handler failed');

  async function mechanismOf(run: () => Promise<void>) {
    resetGlobals();
    const { client, events } = initNodeTest([]);
    await run();
    await client.flush(2000);
    return events()[0]?.exception?.values?.[0]?.mechanism;
  }

  it('express, fastify, koa and hono', async () => {
    const express = await mechanismOf(async () => {
      let handler: Handler = () => undefined;
      setupExpressErrorHandler({ use: (fn: Handler) => void (handler = fn) });
      handler(boom(), {}, {}, () => undefined);
    });
    const fastify = await mechanismOf(async () => {
      const hooks: Record<string, Handler> = {};
      setupFastifyErrorHandler({ addHook: (name: string, fn: Handler) => void (hooks[name] = fn) });
      await hooks.onError({}, {}, boom());
    });
    const koa = await mechanismOf(async () => {
      let middleware: Handler = () => undefined;
      setupKoaErrorHandler({ use: (fn: Handler) => void (middleware = fn) });
      await Promise.resolve(middleware({}, async () => { throw boom(); })).catch(() => undefined);
    });
    const hono = await mechanismOf(async () => {
      let middleware: Handler = () => undefined;
      setupHonoErrorHandler({ use: (_path: string, fn: Handler) => void (middleware = fn) });
      const context: { error?: unknown } = {};
      await middleware(context, async () => void (context.error = boom()));
    });
    expect([express, fastify, koa, hono]).toEqual([
      // What Sentry's Express instrumentation sends (its middleware alone says auto.middleware.express).
      { type: 'auto.http.express', handled: false },
      { type: 'auto.function.fastify', handled: false },
      { type: 'auto.middleware.koa', handled: false },
      { type: 'auto.http.hono.context_error', handled: false },
    ]);
  });
});

describe('setupFastifyErrorHandler', () => {
  type Handler = (...args: any[]) => Promise<void>;

  it("names the request's events after its route, as Sentry does", async () => {
    resetGlobals();
    const { client, events } = initNodeTest([]);
    const hooks: Record<string, Handler> = {};
    setupFastifyErrorHandler({ addHook: (name: string, fn: Handler) => void (hooks[name] = fn) });
    await withIsolationScope(async () => {
      await hooks.onRequest({ method: 'GET', url: '/items/3', routeOptions: { url: '/items/:id' } }, {});
      captureException(new Error('in the handler'));
    });
    // Outside a request's own scope nothing is named: the process-wide scope stays as it was.
    await hooks.onRequest({ method: 'GET', routeOptions: { url: '/other' } }, {});
    captureException(new Error('outside'));
    await client.flush(2000);
    expect(events().map((event) => event.transaction)).toEqual(['GET /items/:id', undefined]);
  });
});
