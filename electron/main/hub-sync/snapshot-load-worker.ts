/*
 * The writer thread of a new desktop's snapshot load: opens its own connection to the cache
 * (the same pragmas as main's, openDatabase) and writes the snapshot text main receives from
 * the hub (createSnapshotSink), index rebuilds included, so the main thread's event loop stays
 * free. Built as its own entry next to the main bundle (electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open-database';
import { createSnapshotSink, type SnapshotOutcome } from './snapshot-load';
import type { SnapshotRequest, SnapshotResponse, SnapshotThreadData } from './snapshot-thread-messages';

const port = parentPort;
if (!port) throw new Error('snapshot-load-worker runs as a worker thread');
const data = workerData as SnapshotThreadData;
const post = (message: SnapshotResponse) => port.postMessage(message);

let now = new Date().toISOString();
const db = openDatabase(data.file, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
const sink = createSnapshotSink(db, () => now, (progress) => post({ type: 'progress', progress }));

function finish(outcome: SnapshotOutcome): void {
  post({ type: 'finished', outcome });
  db.close();
  // Nothing keeps the thread after the load: it ends once the last message is out.
  port?.unref();
}

port.on('message', (message: SnapshotRequest) => {
  now = message.now;
  if (message.type === 'chunk') {
    try {
      post({ type: 'taken', problem: sink.push(message.text), error: null });
    } catch (error) {
      post({ type: 'taken', problem: null, error: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  let outcome: SnapshotOutcome;
  try {
    outcome = message.type === 'end' ? sink.end() : sink.abort(message.cause);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    try {
      outcome = sink.abort(cause);
    } catch {
      outcome = { ok: false, cause };
    }
    if (message.type === 'end') {
      // As in place: an error while finishing is thrown to the loader, which reports it.
      post({ type: 'taken', problem: null, error: cause });
    }
  }
  finish(outcome);
});
