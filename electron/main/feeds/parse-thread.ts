import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import type { CheckedBatch } from './checked-batches';
import { FeedFileError } from './feed-file-error';
import type { ParseRequest, ParseResponse } from './parse-thread-messages';
import { spawnWorker } from '../threads/spawn-worker';

/**
 * Batches the parse thread may have posted that the writer has not taken yet: enough to
 * keep both threads busy, few enough (10,000 rows each) to keep memory flat.
 */
const WINDOW = 2;
const YOUNG_GENERATION_MB = 12;

/**
 * Where a file's checked rows come from: this thread, or the parse thread. `compareHashes`:
 * the writer compares row hashes (its table has rows), so batches carry them as JSON.
 */
export type CheckedBatchSource = (path: string, kind: FeedFileKind, batchRows: number, compareHashes?: boolean) => AsyncGenerator<CheckedBatch>;

export interface ParseThread {
  readonly batches: CheckedBatchSource;
  /** Ends the thread; a later `batches` starts another. */
  close(): Promise<void>;
}

/** The worker: the build's `feed-parse-worker.js`, or its TypeScript entry run from source. */
function spawnParseWorker(): Worker {
  // A small young generation: the thread's garbage is short-lived rows, and its default one
  // held some 50 MB more of the process at no gain in speed (1M feeds: 426 MB peak, not ~470).
  return spawnWorker({
    name: 'feed-parse-worker',
    sourceEntry: join(__dirname, 'feed-parse-worker.ts'),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
}

function failure(message: ParseResponse): Error {
  if (message.type === 'file-error') return new FeedFileError(message.problem, message.line, message.detail);
  return new Error(message.type === 'error' ? `feed parse thread: ${message.message}` : 'feed parse thread: unexpected message');
}

/**
 * A second thread that reads and checks feed files while this one writes: reading,
 * decoding, JSON and validation are about half of an import's work. One file at a time;
 * leaving a file before its end (cancel, error) ends the thread.
 */
export function createParseThread(): ParseThread {
  let worker: Worker | null = null;
  let nextId = 0;

  async function* batches(path: string, kind: FeedFileKind, batchRows: number, compareHashes = false): AsyncGenerator<CheckedBatch> {
    worker ??= spawnParseWorker();
    const thread = worker;
    const id = (nextId += 1);
    const queue: Array<ParseResponse | Error> = [];
    let wake: (() => void) | null = null;
    const push = (item: ParseResponse | Error) => {
      queue.push(item);
      const resume = wake;
      wake = null;
      resume?.();
    };
    const onMessage = (message: ParseResponse) => {
      if (message.id === id) push(message);
    };
    const onError = (error: Error) => push(error);
    const onExit = (code: number) => push(new Error(`feed parse thread exited with code ${code}`));
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.on('exit', onExit);
    let finished = false;
    try {
      thread.postMessage({ type: 'file', id, path, kind, batchRows, compareHashes, window: WINDOW } satisfies ParseRequest);
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const item = queue.shift() as ParseResponse | Error;
        if (item instanceof Error) throw item;
        if (item.type === 'end') {
          finished = true;
          return;
        }
        if (item.type !== 'batch') throw failure(item);
        // Taken: the thread may parse another while this one is written.
        thread.postMessage({ type: 'ack', id } satisfies ParseRequest);
        yield item.batch;
      }
    } finally {
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
      if (!finished) {
        if (worker === thread) worker = null;
        void thread.terminate();
      }
    }
  }

  return {
    batches,
    async close() {
      const thread = worker;
      worker = null;
      if (thread) await thread.terminate();
    },
  };
}
