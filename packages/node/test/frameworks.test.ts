import { describe, expect, it } from 'vitest';
import { isServerError } from '../src/frameworks/servererror';

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
