// An offline store in IndexedDB: envelopes as structured clones (no parser needed), with
// their size. `shift` reads and deletes the oldest record in one transaction, so two tabs
// never take the same envelope.

import type { OfflineStore, QueuedEnvelope } from '@faultline/core';

const RECORDS = 'envelopes';

interface Record extends QueuedEnvelope {
  bytes: number;
  key?: IDBValidKey;
}

/**
 * A store in the IndexedDB database `name`; throws where IndexedDB is missing.
 *
 * @example
 * const store = createIndexedDbStore('faultline-offline');
 */
export function createIndexedDbStore(name: string): OfflineStore {
  // Outside the promise: without IndexedDB this throws now, and no queue is made.
  const request = indexedDB.open(name);
  const database = new Promise<IDBDatabase>((resolve, reject) => {
    request.onupgradeneeded = () => request.result.createObjectStore(RECORDS, { autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  /** Runs `work` in one transaction; resolves with what it `set` once the transaction committed. */
  const run = <T>(mode: IDBTransactionMode, work: (records: IDBObjectStore, set: (value: T) => void) => void): Promise<T> =>
    database.then(
      (db) =>
        new Promise<T>((resolve, reject) => {
          const transaction = db.transaction(RECORDS, mode);
          let value: T;
          work(transaction.objectStore(RECORDS), (result) => (value = result));
          transaction.oncomplete = () => resolve(value);
          transaction.onerror = transaction.onabort = () => reject(transaction.error);
        }),
    );
  return {
    push: (envelope) => run('readwrite', (records) => records.add({ envelope, bytes: JSON.stringify(envelope).length })),
    shift: () =>
      run<Record | undefined>('readwrite', (records, set) => {
        records.openCursor().onsuccess = function () {
          const cursor = this.result;
          if (!cursor) return;
          set({ ...cursor.value, key: cursor.primaryKey });
          cursor.delete();
        };
      }),
    release: ({ key, ...record }: Record) => run('readwrite', (records) => records.put(record, key)),
    // `shift` already deleted it.
    remove: () => undefined,
    size: () =>
      run('readonly', (records, set) => {
        records.getAll().onsuccess = function () {
          set({ count: this.result.length, bytes: this.result.reduce((sum: number, record: Record) => sum + record.bytes, 0) });
        };
      }),
  };
}
