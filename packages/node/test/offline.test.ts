import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvelope, createTransport, makeOfflineTransport, parseEnvelope, serializeEnvelope } from '@faultline/core';
import type { BaseTransportOptions, Envelope, QueuedEnvelope } from '@faultline/core';
import { createFolderStore } from '../src/offline/folderstore';
import { defaultOfflineFolder } from '../src/offline/transport';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'faultline-offline-test-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const envelope = (id: string): Envelope => createEnvelope({ event_id: id }, [[{ type: 'event' }, { event_id: id }]]);
const bytes = (id: string): number => (serializeEnvelope(envelope(id)) as string).length;
const idOf = (entry: QueuedEnvelope | undefined): unknown => entry?.envelope[0].event_id;
/** A pid that certainly belonged to a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

describe('createFolderStore', () => {
  it('keeps envelopes in order across restarts, one file each, with no temporary file left', () => {
    const store = createFolderStore(folder);
    for (const id of ['a', 'b', 'c']) store.push(envelope(id));
    expect(readdirSync(folder).every((name) => name.endsWith('.envelope'))).toBe(true);
    expect(store.size()).toEqual({ count: 3, bytes: bytes('a') * 3 });
    const restarted = createFolderStore(folder);
    expect(restarted.size()).toEqual({ count: 3, bytes: bytes('a') * 3 });
    const first = restarted.shift()!;
    expect(idOf(first)).toBe('a');
    restarted.remove(first);
    expect(idOf(restarted.shift())).toBe('b');
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it('touches the disk only when first used', () => {
    const queueFolder = join(folder, 'queue');
    const store = createFolderStore(() => queueFolder);
    expect(existsSync(queueFolder)).toBe(false);
    expect(store.size()).toEqual({ count: 0, bytes: 0 });
    expect(existsSync(queueFolder)).toBe(true);
  });

  it('puts a released envelope back at its place', () => {
    const store = createFolderStore(folder);
    store.push(envelope('a'));
    store.push(envelope('b'));
    const first = store.shift()!;
    store.release(first);
    expect(idOf(store.shift())).toBe('a');
  });

  it('lets only one of two stores on a folder take each envelope', () => {
    const one = createFolderStore(folder);
    const two = createFolderStore(folder);
    for (let i = 0; i < 20; i++) one.push(envelope(`e${i}`));
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
    store.push(envelope('dead'));
    store.push(envelope('live'));
    const [dead, live] = readdirSync(folder).sort();
    const pid = deadPid();
    writeFileSync(join(folder, `${dead}.tmp-${pid}`), 'half');
    const claim = (name: string, claimer: number): void =>
      writeFileSync(join(folder, `${name}.sending-${claimer}-${Date.now()}`), serializeEnvelope(envelope(name === dead ? 'dead' : 'live')));
    rmSync(join(folder, dead));
    rmSync(join(folder, live));
    claim(dead, pid);
    claim(live, process.ppid);
    const restarted = createFolderStore(folder);
    expect(idOf(restarted.shift())).toBe('dead');
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

  it('skips and removes a corrupt file; with the offline queue the others are sent', async () => {
    const store = createFolderStore(folder);
    for (const id of ['a', 'b', 'c']) store.push(envelope(id));
    const [, second] = readdirSync(folder).sort();
    writeFileSync(join(folder, second), '{"event_id":"b"}\n{"type":"event","length":999}\n{}');
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
