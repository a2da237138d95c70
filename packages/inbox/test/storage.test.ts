import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startInbox } from '../src/index';
import { errorEvent, eventEnvelope, listEvents, postEnvelope, testInbox } from './helpers';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function dataFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'inbox-storage-test-'));
  folders.push(folder);
  return folder;
}

describe('storage', () => {
  it('writes one file per envelope holding the decoded request body, and no temp file', async () => {
    const dataDir = await dataFolder();
    const inbox = await testInbox({ dataDir });
    const body = eventEnvelope();
    await postEnvelope(inbox, gzipSync(body), { headers: { 'Content-Encoding': 'gzip' }, path: '/api/7/envelope/' });

    const names = await readdir(join(dataDir, 'envelopes'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^\d{13}-7-[0-9a-f]{8}\.envelope$/);
    expect(await readFile(join(dataDir, 'envelopes', names[0]), 'utf8')).toBe(body);
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('stores concurrent requests each in its own whole file', async () => {
    const dataDir = await dataFolder();
    const inbox = await testInbox({ dataDir });
    const messages = Array.from({ length: 40 }, (_, index) => `event ${index}`);
    const answers = await Promise.all(messages.map((message) => postEnvelope(inbox, eventEnvelope(errorEvent({ message })))));
    expect(answers.map((answer) => answer.status)).toEqual(messages.map(() => 200));
    const names = await readdir(join(dataDir, 'envelopes'));
    expect(names).toHaveLength(40);
    const stored = await Promise.all(names.map((name) => readFile(join(dataDir, 'envelopes', name), 'utf8')));
    expect(stored.map((body) => JSON.parse(body.split('\n')[2]).message).sort()).toEqual([...messages].sort());
    expect(inbox.envelopes().map((envelope) => `${envelope.id}.envelope`)).toEqual([...names].sort());
  });

  it('serves what it stored after a restart, with the same key', async () => {
    const dataDir = await dataFolder();
    const first = await startInbox({ dataDir, quiet: true });
    await postEnvelope(first, eventEnvelope(errorEvent({ message: 'before restart' })));
    const { key } = first;
    await first.close();

    const second = await testInbox({ dataDir });
    expect(second.key).toBe(key);
    expect((await listEvents(second)).map((event) => event.message)).toEqual(['before restart']);
    await postEnvelope(second, eventEnvelope(errorEvent({ message: 'after restart' })));
    expect((await listEvents(second)).map((event) => event.message)).toEqual(['after restart', 'before restart']);
  });

  it('ignores the leftovers of an interrupted write and files it did not write', async () => {
    const dataDir = await dataFolder();
    const first = await startInbox({ dataDir, quiet: true });
    await postEnvelope(first, eventEnvelope());
    await first.close();
    await writeFile(join(dataDir, 'tmp', '0000000000001-1-deadbeef.tmp'), '{}\n{"type":"event","length":99}\n{"half');
    await writeFile(join(dataDir, 'envelopes', 'notes.txt'), 'not an envelope');

    const second = await testInbox({ dataDir });
    expect(second.envelopes()).toHaveLength(1);
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('uses a given key instead of the stored one', async () => {
    const inbox = await testInbox({ key: 'my-key_1' });
    expect(inbox.dsn).toBe(`http://my-key_1@127.0.0.1:${inbox.port}/1`);
    await expect(startInbox({ key: 'bad key!', quiet: true })).rejects.toThrow(/--key must be/);
  });

  it('removes its temp folder on close, never a given one', async () => {
    const temporary = await startInbox({ quiet: true });
    expect(existsSync(temporary.dataDir)).toBe(true);
    await temporary.close();
    expect(existsSync(temporary.dataDir)).toBe(false);

    const dataDir = await dataFolder();
    const given = await startInbox({ dataDir, quiet: true });
    await given.close();
    expect(existsSync(join(dataDir, 'key'))).toBe(true);
  });
});
