/*
 * The writer thread of the feed import: opens its own connection to the cache (the same
 * pragmas as main's, openDatabase) and writes one run's files with it (feed-run-writer.ts),
 * so the main thread's event loop stays free while batches commit and indexes are rebuilt.
 * Built as its own entry next to the main bundle (electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open-database';
import { writeImportRun } from './feed-run-writer';
import type { WriteRequest, WriteResponse, WriteThreadData } from './write-thread-messages';

const port = parentPort;
if (!port) throw new Error('feed-write-worker runs as a worker thread');
const data = workerData as WriteThreadData;

let cancelled = false;
const waiting: Array<(iso: string) => void> = [];
const post = (message: WriteResponse) => port.postMessage(message);

port.on('message', (message: WriteRequest) => {
  if (message.type === 'cancel') cancelled = true;
  else waiting.shift()?.(message.iso);
});

async function run(): Promise<void> {
  const db = openDatabase(data.file, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
  try {
    const result = await writeImportRun(db, data.job, {
      now: () =>
        new Promise<Date>((resolve) => {
          waiting.push((iso) => resolve(new Date(iso)));
          post({ type: 'now?' });
        }),
      onBatch: (counts) => post({ type: 'batch', counts }),
      shouldStop: () => cancelled,
    });
    post({ type: 'done', stopped: result.stopped, reportPath: result.reportPath });
  } finally {
    db.close();
  }
}

run()
  .catch((error: unknown) => {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? (error.stack ?? null) : null });
  })
  // Nothing keeps the thread after the run: it ends once the last message is out.
  .finally(() => port.unref());
