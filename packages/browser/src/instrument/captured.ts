// Errors already reported by a wrapped callback are rethrown and then reach
// `window.onerror` too; this remembers them so they are reported once.

const capturedErrors = new WeakSet<object>();
let primitivesInFlight = 0;
const originalSetTimeout = typeof setTimeout === 'function' ? setTimeout : undefined;

/** Marks `error` as reported; a thrown primitive is remembered until the current task ends. */
export function markCaptured(error: unknown): void {
  if (typeof error === 'object' && error !== null) {
    capturedErrors.add(error);
  } else if (originalSetTimeout) {
    primitivesInFlight++;
    originalSetTimeout(() => primitivesInFlight--);
  }
}

/** True for an error that `markCaptured` saw, so the global handler skips it. */
export function wasCaptured(error: unknown): boolean {
  return typeof error === 'object' && error !== null ? capturedErrors.has(error) : primitivesInFlight > 0;
}
