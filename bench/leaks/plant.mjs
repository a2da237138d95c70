// Where an app puts data, filled with one planted secret, then an exception and a message
// reported. Self-contained (no imports, no outer names): the browser benchmark sends its
// source into the page.

/**
 * Puts `text` in tags, extra, a context and a breadcrumb of `Sdk`'s current scope, then
 * captures an exception and a message that carry it.
 *
 * @example
 * plantInScope(Sentry, 'password=hunter2');
 */
export function plantInScope(Sdk, text) {
  Sdk.setTag('note', text.replace(/\s*\n\s*/g, ' '));
  Sdk.setExtra('note', text);
  Sdk.setContext('sync', { lastError: text });
  Sdk.addBreadcrumb({ category: 'sync', message: text, data: { note: text } });
  Sdk.captureException(new Error(`sync failed: ${text}`));
  Sdk.captureMessage(`sync failed: ${text}`);
}
