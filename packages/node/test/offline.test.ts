import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvelope, createTransport, makeOfflineTransport, parseEnvelope, serializeEnvelope } from '@faultline/core';
import type { BaseTransportOptions } from '@faultline/core';
import { createFolderStore } from '../src/offline/folderstore';
import { defaultOfflineFolder } from '../src/offline/transport';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'faultline-offline-test-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const body = (id: string): string => serializeEnvelope(createEnvelope({ event_id: id }, [[{ type: 'event' }, { event_id: id }]])) as string;
const idOf = (entry: { body: string | Uint8Array } | undefined): unknown => entry && parseEnvelope(entry.body)[0].event_id;
/** A pid that certainly belonged to a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

describe('createFolderStore', () => {
  it('keeps envelopes in order across restarts, one file each, with no temporary file left', () => {
    const store = createFolderStore(folder);
    for (const id of ['a', 'b', 'c']) store.push(body(id));
    expect(readdirSync(folder).every((name) => name.endsWith('.envelope'))).toBe(true);
    expect(store.size()).toEqual({ count: 3, bytes: body('a').length * 3 });
    const restarted = createFolderStore(folder);
    expect(restarted.size()).toEqual({ count: 3, bytes: body('a').length * 3 });
    const first = restarted.shift() as { body: Uint8Array };
    expect(idOf(first)).toBe('a');
    restarted.remove(first);
    expect(idOf(restarted.shift() as never)).toBe('b');
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it('puts a released envelope back at its place', () => {
    const store = createFolderStore(folder);
    store.push(body('a'));
    store.push(body('b'));
    const first = store.shift()!;
    store.release(first);
    expect(idOf(store.shift() as never)).toBe('a');
  });

  it('lets only one of two stores on a folder take each envelope', () => {
    const one = createFolderStore(folder);
    const two = createFolderStore(folder);
    for (let i = 0; i < 20; i++) one.push(body(`e${i}`));
    const taken: unknown[] = [];
    for (let turn = 0; ; turn++) {
      const [first, second] = turn % 2 ? [one, two] : [two, one];
      const entry = first.shift() ?? second.shift();
      if (!entry) break;
      taken.push(idOf(entry));
    }
    expect(taken.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());
  });

  it('takes back claims and temporary files of dead processes, and leaves live ones alone', () => {
    const store = createFolderStore(folder);
    store.push(body('dead'));
    store.push(body('live'));
    const [dead, live] = readdirSync(folder).sort();
    const pid = deadPid();
    writeFileSync(join(folder, `${dead}.tmp-${pid}`), 'half');
    const rename = (name: string, claimer: number): void =>
      writeFileSync(join(folder, `${name}.sending-${claimer}-${Date.now()}`), body(name === dead ? 'dead' : 'live'));
    rmSync(join(folder, dead));
    rmSync(join(folder, live));
    rename(dead, pid);
    rename(live, process.ppid);
    const restarted = createFolderStore(folder);
    expect(idOf(restarted.shift() as never)).toBe('dead');
    expect(restarted.shift()).toBeUndefined();
    expect(readdirSync(folder).some((name) => name.includes('.tmp-'))).toBe(false);
  });

  it('removes files with its suffix it did not write, and leaves every other file alone', () => {
    writeFileSync(join(folder, 'foreign.envelope'), 'x');
    writeFileSync(join(folder, 'notes.txt'), 'keep me');
    const store = createFolderStore(folder);
    expect(store.size().count).toBe(0);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('with the offline queue: a corrupt file is skipped and removed, the others are sent', async () => {
    const store = createFolderStore(folder);
    store.push(body('a'));
    store.push('{"event_id":"b"}\n{"type":"event","length":999}\n{}');
    store.push(body('c'));
    const sent: unknown[] = [];
    const make = makeOfflineTransport(
      (o: BaseTransportOptions) => createTransport(o, async ({ body: request }) => (sent.push(parseEnvelope(request)[0].event_id), { statusCode: 200 })),
      () => createFolderStore(folder),
    );
    const transport = make({ url: 'http://127.0.0.1:1/', recordDroppedEvent: () => undefined });
    await transport.flush(5000);
    expect(sent.sort()).toEqual(['a', 'c']);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('defaultOfflineFolder', () => {
  it('is one folder per DSN under the temp dir, whatever the SDK version', () => {
    const url = (key: string, client: string) => `http://127.0.0.1:9/api/1/envelope/?sentry_version=7&sentry_key=${key}&sentry_client=${client}`;
    expect(defaultOfflineFolder(url('abc', 'faultline%2F0.1.0'))).toBe(defaultOfflineFolder(url('abc', 'faultline%2F0.2.0')));
    expect(defaultOfflineFolder(url('abc', 'x'))).not.toBe(defaultOfflineFolder(url('abd', 'x')));
    expect(defaultOfflineFolder(url('abc', 'x')).startsWith(join(tmpdir(), 'faultline'))).toBe(true);
  });
});
