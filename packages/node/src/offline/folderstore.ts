// An offline store in a folder, shared safely by several processes: each envelope is one
// file, written under a temporary name and renamed (readers never see half a file), and
// claimed before sending by renaming it to a `.sending-<pid>-<time>` name, which only one
// process can do. Claims of processes that died are taken back. Nothing touches the disk
// before the store is first used: `init` stays cheap.

import { logger, parseEnvelope, serializeEnvelope } from '@faultline/core';
import type { Envelope, OfflineStore, QueuedEnvelope } from '@faultline/core';
import { builtin } from '../builtin';

/** `<epoch ms>-<sequence>-<pid>-<bytes>.envelope`: names sort oldest first. */
const QUEUED = /^\d{13}-\d{6}-\d+-(\d+)\.envelope$/;
const CLAIMED = /^(.+\.envelope)\.sending-(\d+)-(\d+)$/;
const TEMPORARY = /\.envelope\.tmp-(\d+)$/;
/** A send takes seconds; a claim this old belongs to a process whose pid was reused. */
const STALE_CLAIM_MS = 10 * 60_000;

/** The folder store's methods are all synchronous. */
export interface FolderStore extends OfflineStore {
  push(envelope: Envelope): void;
  shift(): QueuedEnvelope | undefined;
  release(entry: QueuedEnvelope): void;
  remove(entry: QueuedEnvelope): void;
  size(): { count: number; bytes: number };
}

/** A queued envelope is only sent again: its payloads stay the stored bytes, not parsed again. */
const RAW = { rawPayloads: true };

interface FolderEntry extends QueuedEnvelope {
  name: string;
  /** The path of the claimed file. */
  claim: string;
  bytes: number;
}

/**
 * A store in `folder` (or the folder `folder()` names when the store is first used),
 * created if missing, readable by this user only; envelopes in their wire format.
 * Everything is synchronous, so it still works inside `process.on('exit')`. A file that
 * does not parse is removed when its turn comes.
 *
 * @example
 * const store = createFolderStore(join(os.tmpdir(), 'faultline', 'a1b2c3'));
 * store.push(envelope);
 */
export function createFolderStore(folder: string | (() => string)): FolderStore {
  const fs = builtin('node:fs');
  let prefix: string | undefined;
  // Joined once: path.join per file call was a good share of what a replay allocates.
  const path = (name: string): string => prefix! + name;
  let queue: Array<{ name: string; bytes: number }> = [];
  let total = 0;
  let sequence = 0;
  let firstScan = true;

  /** Creates the folder and reads what earlier processes left, at the first use. */
  function open(): void {
    if (prefix !== undefined) return;
    const where = typeof folder === 'string' ? folder : folder();
    fs.mkdirSync(where, { recursive: true, mode: 0o700 });
    prefix = builtin('node:path').join(where, '/');
    scan();
  }

  /** Rebuilds the queue from the folder: picks up other processes' files and dead claims. */
  function scan(): void {
    const names = fs.readdirSync(prefix!);
    queue = [];
    total = 0;
    for (const name of names) {
      const claimed = CLAIMED.exec(name);
      const temporary = TEMPORARY.exec(name);
      let queued = name;
      if (claimed) {
        if (!isAbandoned(Number(claimed[2]), Number(claimed[3]), firstScan)) continue;
        queued = claimed[1];
        if (!attempt(() => fs.renameSync(path(name), path(queued)))) continue;
      } else if (temporary) {
        if (isAbandoned(Number(temporary[1]), Date.now(), firstScan)) attempt(() => fs.unlinkSync(path(name)));
        continue;
      }
      const match = QUEUED.exec(queued);
      if (match) add(queued, Number(match[1]));
      // Only our own suffix is ours to delete: the folder may be one the user shares.
      else if (queued.endsWith('.envelope')) attempt(() => fs.unlinkSync(path(queued)));
    }
    queue.sort((a, b) => (a.name < b.name ? -1 : 1));
    firstScan = false;
  }

  function add(name: string, bytes: number, atFront = false): void {
    if (atFront) queue.unshift({ name, bytes });
    else queue.push({ name, bytes });
    total += bytes;
  }

  return {
    push(envelope) {
      open();
      const body = serializeEnvelope(envelope);
      // A string is written by Node's native UTF-8 path: no Buffer copy per envelope.
      const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      const id = String(sequence++ % 1e6).padStart(6, '0');
      // One flat string: the queue keeps every name, and a template's pieces would stay with it.
      const name = [Date.now(), id, process.pid, `${bytes}.envelope`].join('-');
      const temporary = path(`${name}.tmp-${process.pid}`);
      fs.writeFileSync(temporary, body, { mode: 0o600 });
      fs.renameSync(temporary, path(name));
      add(name, bytes);
    },
    shift() {
      open();
      for (let rescanned = false; ; ) {
        const next = queue.shift();
        if (!next) {
          if (rescanned) return undefined;
          scan();
          rescanned = true;
          continue;
        }
        total -= next.bytes;
        const claim = path(`${next.name}.sending-${process.pid}-${Date.now()}`);
        // Another process claimed or sent it first.
        if (!attempt(() => fs.renameSync(path(next.name), claim))) continue;
        try {
          const entry: FolderEntry = { name: next.name, bytes: next.bytes, claim, envelope: parseEnvelope(fs.readFileSync(claim), RAW) };
          return entry;
        } catch (error) {
          logger.warn(`Removed ${next.name} from the offline queue: it could not be read.`, error);
          attempt(() => fs.unlinkSync(claim));
        }
      }
    },
    release(entry) {
      const { name, claim, bytes } = entry as FolderEntry;
      if (attempt(() => fs.renameSync(claim, path(name)))) add(name, bytes, true);
    },
    remove(entry) {
      attempt(() => fs.unlinkSync((entry as FolderEntry).claim));
    },
    size() {
      open();
      return { count: queue.length, bytes: total };
    },
  };
}

/**
 * Whether a claim or temporary file was left by a process that is gone. At the first scan
 * our own pid is a previous process's too (containers reuse pids).
 */
function isAbandoned(pid: number, since: number, firstScan: boolean): boolean {
  if (pid === process.pid) return firstScan;
  return !isAlive(pid) || Date.now() - since > STALE_CLAIM_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function attempt(run: () => void): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}
