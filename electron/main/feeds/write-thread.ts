import { join } from 'node:path';
import { spawnWorker } from '../threads/spawn-worker';
import type { FileCounts } from './feed-run-repo';
import type { RunWriteJob, RunWriteResult } from './feed-run-writer';
import type { WriteRequest, WriteResponse, WriteThreadData } from './write-thread-messages';

export interface WriteThreadHooks {
  readonly now: () => Date;
  /** After each batch the thread committed. */
  readonly onBatch: (counts: FileCounts) => void;
}

export interface WriteThreadRun {
  readonly result: Promise<RunWriteResult>;
  /** Stops after the batch being written; the result then says `stopped`. */
  cancel(): void;
}

/**
 * Writes a run on a worker thread with its own connection to `file`: every batch, commit and
 * the index rebuild of a first load happen there, and this thread only hears of the counts.
 * A thread that dies mid-batch leaves what a killed process would: the batch rolled back, the
 * committed ones with their counts, set-aside indexes rebuilt at the next start.
 */
export function startWriteThread(spec: { file: string; nativeBinding?: string }, job: RunWriteJob, hooks: WriteThreadHooks): WriteThreadRun {
  const data: WriteThreadData = { file: spec.file, job, ...(spec.nativeBinding ? { nativeBinding: spec.nativeBinding } : {}) };
  const worker = spawnWorker({ name: 'feed-write-worker', sourceEntry: join(__dirname, 'feed-write-worker.ts'), workerData: data });
  const send = (message: WriteRequest) => worker.postMessage(message);
  const result = new Promise<RunWriteResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: WriteResponse) => {
      if (message.type === 'now?') send({ type: 'now', iso: hooks.now().toISOString() });
      else if (message.type === 'batch') hooks.onBatch(message.counts);
      else if (message.type === 'done') {
        settled = true;
        resolve({ stopped: message.stopped, reportPath: message.reportPath });
      } else {
        settled = true;
        const error = new Error(`feed write thread: ${message.message}`);
        if (message.stack) error.stack = `${error.message}\n${message.stack}`;
        reject(error);
      }
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`feed write thread exited with code ${code}`));
      settled = true;
    });
  });
  return { result, cancel: () => send({ type: 'cancel' }) };
}
