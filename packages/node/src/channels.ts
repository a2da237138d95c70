// Subscribing to Node's diagnostics channels without ever throwing into the code that
// published: a throwing subscriber would surface as an uncaught exception in the app.

import { logger } from '@faultline/core';
import { builtin } from './builtin';

/**
 * Subscribes `listener` to the channel `name`; a throw inside it is logged, never raised.
 *
 * @example
 * subscribeSafely('http.client.request.start', (message) => track(message));
 */
export function subscribeSafely(name: string, listener: (message: unknown) => void): void {
  builtin('node:diagnostics_channel').subscribe(name, (message) => {
    try {
      listener(message);
    } catch (error) {
      logger.warn(`Handling the ${name} channel failed:`, error);
    }
  });
}
