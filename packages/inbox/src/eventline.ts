// The line printed per received event, e.g.
// `10:04:31  error    TypeError: x is not a function  at handler (src/app.js:12:5)`

import { formatFrame, summarize } from './summary';

const MAX_TITLE = 200;
// Event text is untrusted: control characters could move the cursor or recolor a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

export function formatEventLine(event: Record<string, unknown>, received: Date): string {
  const { level, title, topFrame } = summarize(event);
  const time = received.toTimeString().slice(0, 8);
  const parts = [time, clean(level).padEnd(7), clip(clean(title))];
  if (topFrame) parts.push(clean(formatFrame(topFrame)));
  return parts.join('  ');
}

function clean(text: string): string {
  return text.replace(CONTROL, ' ');
}

function clip(text: string): string {
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}
