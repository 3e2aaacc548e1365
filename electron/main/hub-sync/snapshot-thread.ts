import { join } from 'node:path';
import { spawnWorker } from '../threads/spawn-worker';
import type { SnapshotOutcome, SnapshotProgress } from './snapshot-types';
import type { SnapshotRequest, SnapshotResponse, SnapshotThreadData } from './snapshot-thread-messages';

/** Pieces of the stream posted ahead of the thread: it parses one while the next arrive. */
const WINDOW = 4;

/** The snapshot sink, answering asynchronously: on a thread, or in place. */
export interface SnapshotThread {
  /** The cause when the stream broke the format; rejects when writing failed. */
  push(text: string): Promise<string | null>;
  end(): Promise<SnapshotOutcome>;
  abort(cause: string): Promise<SnapshotOutcome>;
}

/**
 * Writes a snapshot on a worker thread with its own connection to `file`; this thread hands
 * it the stream's text, at most WINDOW pieces ahead (the hub's stream waits meanwhile), and
 * hears of progress. A thread that dies leaves what a killed process would: the committed
 * transactions, the record `loading`, set-aside indexes rebuilt at the next start.
 */
export function startSnapshotThread(spec: { file: string; nativeBinding?: string }, now: () => string, onProgress: (progress: SnapshotProgress) => void): SnapshotThread {
  const data: SnapshotThreadData = { file: spec.file, ...(spec.nativeBinding ? { nativeBinding: spec.nativeBinding } : {}) };
  const worker = spawnWorker({ name: 'snapshot-load-worker', sourceEntry: join(__dirname, 'snapshot-load-worker.ts'), workerData: data });
  let inFlight = 0;
  let problem: string | null = null;
  let failure: Error | null = null;
  let finished: SnapshotOutcome | null = null;
  const waiters: Array<() => void> = [];
  const wakeAll = () => {
    for (const wake of waiters.splice(0)) wake();
  };
  const send = (message: SnapshotRequest) => worker.postMessage(message);

  worker.on('message', (message: SnapshotResponse) => {
    if (message.type === 'progress') onProgress(message.progress);
    else if (message.type === 'taken') {
      inFlight -= 1;
      problem ??= message.problem;
      if (message.error !== null) failure ??= new Error(message.error);
    } else finished = message.outcome;
    wakeAll();
  });
  const gone = (error: Error) => {
    if (finished === null) {
      failure ??= error;
      finished = { ok: false, cause: error.message };
    }
    wakeAll();
  };
  worker.on('error', gone);
  worker.on('exit', (code) => gone(new Error(`snapshot load thread exited with code ${code}`)));

  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const check = () => {
    if (failure) throw failure;
    return problem;
  };
  const close = async (message: SnapshotRequest): Promise<SnapshotOutcome> => {
    if (finished) return finished;
    send(message);
    await until(() => finished !== null);
    return finished as unknown as SnapshotOutcome;
  };

  return {
    async push(text) {
      if (check() !== null) return problem;
      send({ type: 'chunk', text, now: now() });
      inFlight += 1;
      await until(() => inFlight < WINDOW || failure !== null || finished !== null);
      return check();
    },
    async end() {
      await until(() => inFlight === 0 || failure !== null || finished !== null);
      if (check() !== null) return { ok: false, cause: problem as string };
      const outcome = await close({ type: 'end', now: now() });
      check();
      return outcome;
    },
    abort(cause) {
      return close({ type: 'abort', cause, now: now() });
    },
  };
}
