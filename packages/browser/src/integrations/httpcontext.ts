// Adds the page the event happened on: its URL, the browser's user agent and the referrer.
import type { Integration } from '@faultline/core';

/**
 * @example
 * init({ dsn, integrations: (defaults) => defaults.filter((i) => i.name !== 'HttpContext') });
 */
export function httpContextIntegration(): Integration {
  return {
    name: 'HttpContext',
    processEvent(event) {
      if (typeof location === 'undefined' || typeof navigator === 'undefined') return event;
      const request = event.request ?? {};
      const headers: Record<string, string> = { ...request.headers };
      if (navigator.userAgent) headers['User-Agent'] = navigator.userAgent;
      if (typeof document !== 'undefined' && document.referrer) headers.Referer = document.referrer;
      return { ...event, request: { ...request, url: request.url ?? location.href, headers } };
    },
  };
}
