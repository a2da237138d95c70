import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEventLine } from '../src/eventline';
import { errorEvent, eventEnvelope, postEnvelope, testInbox } from './helpers';

const RECEIVED = new Date(2025, 10, 28, 10, 4, 31);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the printed event line', () => {
  it('shows time, level, Type: message and the top in-app frame', () => {
    expect(formatEventLine(errorEvent(), RECEIVED)).toBe(
      '10:04:31  error    TypeError: cart.items is undefined  at total (src/cart.js:12:5)',
    );
  });

  it('shows a message event and a level', () => {
    const line = formatEventLine({ level: 'warning', message: { formatted: 'disk almost full' } }, RECEIVED);
    expect(line).toBe('10:04:31  warning  disk almost full');
  });

  it('keeps control characters of the event out of the terminal', () => {
    const line = formatEventLine({ message: 'one\ntwo\u001b[31mred\u0007' }, RECEIVED);
    expect(line).toBe('10:04:31  error    one two [31mred ');
  });

  it('clips a long message', () => {
    const line = formatEventLine({ message: 'x'.repeat(1000) }, RECEIVED);
    expect(line.length).toBeLessThan(240);
    expect(line.endsWith('x…')).toBe(true);
  });

  it('is printed once per stored event unless quiet', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const inbox = await testInbox({ quiet: false });
    await postEnvelope(inbox, eventEnvelope());
    await postEnvelope(inbox, '{}\n{"type":"session"}\n{"sid":"a"}\n');
    const lines = write.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('TypeError'));
    write.mockRestore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}error {4}TypeError: cart.items is undefined {2}at total \(src\/cart.js:12:5\)\n$/);
  });
});
