import { describe, expect, it } from 'vitest';
import { httpBreadcrumb } from '../src/httpbreadcrumb';

describe('httpBreadcrumb', () => {
  it('splits query and fragment off the URL', () => {
    expect(httpBreadcrumb({ method: 'GET', url: 'https://api.example.com/a/b?x=1&y=2#top', statusCode: 200 })).toEqual({
      type: 'http',
      category: 'http',
      level: 'info',
      data: { method: 'GET', url: 'https://api.example.com/a/b', 'http.query': '?x=1&y=2', 'http.fragment': '#top', status_code: 200 },
    });
    expect(httpBreadcrumb({ method: 'GET', url: 'http://h/p?' }).data).toEqual({ method: 'GET', url: 'http://h/p' });
  });

  it('levels by outcome: 4xx warning, 5xx and failures error', () => {
    expect(httpBreadcrumb({ method: 'GET', url: 'http://h/', statusCode: 404 }).level).toBe('warning');
    expect(httpBreadcrumb({ method: 'GET', url: 'http://h/', statusCode: 503 }).level).toBe('error');
    expect(httpBreadcrumb({ method: 'GET', url: 'http://h/', error: true }).level).toBe('error');
  });
});
