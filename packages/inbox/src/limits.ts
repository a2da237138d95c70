// Size limits, as a Sentry-protocol server applies them.

const MiB = 1024 * 1024;

/** A whole request body, counted after decompression too. */
export const BODY_LIMIT = 20 * MiB;
/** One `event` item's payload (or one `/store/` event). */
export const EVENT_ITEM_LIMIT = 1 * MiB;
