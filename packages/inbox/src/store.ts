// The inbox's storage: one file per accepted envelope, holding the decoded request body,
// in `<data>/envelopes/<stamp>-<project>-<random>.envelope`. Written through `<data>/tmp`
// with fsync + rename, so the envelopes folder only ever holds whole envelopes.

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnvelope, type Envelope } from '@faultline/core';
import { writeFileDurably } from './durable';
import type { StoredEnvelope } from './types';

const FILE_NAME = /^(\d{13,})-(\d{1,16})-([0-9a-f]{8})\.envelope$/;
const PROJECT_ID = /^\d{1,16}$/;

export class EnvelopeStore {
  private readonly entries: StoredEnvelope[] = [];
  private readonly byId = new Map<string, StoredEnvelope>();
  private lastStamp = 0;
  // Writes run one at a time so stamps, files and `entries` share one order.
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly envelopesDir: string,
    private readonly tempDir: string,
  ) {}

  /** Opens (creating) the store in `dataDir` and loads what it holds; lists unreadable files. */
  static async open(dataDir: string): Promise<{ store: EnvelopeStore; unreadable: string[] }> {
    const store = new EnvelopeStore(join(dataDir, 'envelopes'), join(dataDir, 'tmp'));
    await mkdir(store.envelopesDir, { recursive: true });
    // Temp files are writes a crash interrupted: never part of the store.
    await rm(store.tempDir, { recursive: true, force: true });
    await mkdir(store.tempDir, { recursive: true });
    const unreadable = await store.load();
    return { store, unreadable };
  }

  all(): StoredEnvelope[] {
    return this.entries.slice();
  }

  get(id: string): StoredEnvelope | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Stores an envelope that was already parsed from `body`; resolves once it is on disk. */
  add(project: string, body: Uint8Array, envelope: Envelope): Promise<StoredEnvelope> {
    // The project id becomes part of a file name: digits only, checked again here.
    if (!PROJECT_ID.test(project)) return Promise.reject(new Error(`invalid project id for storage`));
    if (this.closed) return Promise.reject(new Error('the inbox is closed'));
    const write = this.queue.then(async () => {
      const stamp = Math.max(Date.now(), this.lastStamp + 1);
      const id = `${String(stamp).padStart(13, '0')}-${project}-${randomBytes(4).toString('hex')}`;
      await writeFileDurably(join(this.tempDir, `${id}.tmp`), join(this.envelopesDir, `${id}.envelope`), body);
      this.lastStamp = stamp;
      return this.remember(id, project, stamp, body, envelope);
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  /** Takes no more writes; resolves once the last one is on disk. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  private async load(): Promise<string[]> {
    const unreadable: string[] = [];
    const names = (await readdir(this.envelopesDir)).filter((name) => FILE_NAME.test(name)).sort();
    for (const name of names) {
      const [, stampText, project] = FILE_NAME.exec(name) as RegExpExecArray;
      const stamp = Number(stampText);
      try {
        const body = new Uint8Array(await readFile(join(this.envelopesDir, name)));
        this.remember(name.replace(/\.envelope$/, ''), project, stamp, body, parseEnvelope(body));
        this.lastStamp = Math.max(this.lastStamp, stamp);
      } catch {
        unreadable.push(name);
      }
    }
    return unreadable;
  }

  private remember(id: string, project: string, stamp: number, body: Uint8Array, envelope: Envelope): StoredEnvelope {
    const [headers, items] = envelope;
    const entry: StoredEnvelope = { id, project, received: new Date(stamp).toISOString(), headers, items, body };
    this.entries.push(entry);
    this.byId.set(id, entry);
    return entry;
  }
}
